import * as automation from "../../core/automation/index.js";
import type { Ctx } from "../../core/kernel/index.js";
import type { TicketRef } from "../../core/tickets/index.js";
import type { Mutation } from "./people.js";

/**
 * Automation rules (`desk.automation.rules.*`), their dry run and the firing
 * log. Every agent reads rules and firings; managers and superadmins change
 * and test them.
 */
export function automationServices(ctx: Ctx, mutation: Mutation) {
  return {
    rules: {
      /** In firing order, each with its fire count and last firing. */
      list: (input: automation.ListRulesInput = {}) => automation.listRules(ctx, input),
      /** By id or name. */
      get: (ref: string) => automation.getRule(ctx, ref),
      /** Condition, actions, agents, teams and placeholders are checked before it is saved. */
      create: mutation((c, input: automation.CreateRuleInput) => automation.createRule(c, input)),
      update: mutation((c, ref: string, input: automation.UpdateRuleInput) => automation.updateRule(c, ref, input)),
      enable: mutation((c, ref: string) => automation.setRuleEnabled(c, ref, true)),
      disable: mutation((c, ref: string) => automation.setRuleEnabled(c, ref, false)),
      /** Its firings stay in the log under its name. */
      delete: mutation((c, ref: string) => automation.deleteRule(c, ref)),
      /** Rules (ids or names) in the order they should run; the others follow. */
      reorder: mutation((c, order: string[]) => automation.reorderRules(c, { order })),
    },
    /** Dry run: would the rule (saved, or a draft) fire on the ticket now, why, and what would it do. Writes nothing. */
    test: (rule: string | automation.CreateRuleInput | Record<string, unknown>, ticket: TicketRef) =>
      automation.testRule(ctx, { rule, ticket }),
    /** The firing log of one ticket, newest first (or of the workspace, or of one rule, with `opts`). */
    firings: (ticket?: TicketRef, opts: Omit<automation.ListFiringsInput, "ticket"> = {}) =>
      automation.listFirings(ctx, { ...opts, ...(ticket === undefined ? {} : { ticket }) }),
  };
}
