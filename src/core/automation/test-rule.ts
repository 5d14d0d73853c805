/**
 * Dry run: would this rule (saved, or a draft) fire on this ticket now, why,
 * and what would each action do? The actions really run — in a transaction
 * that is always rolled back — so the answer is exactly what a firing would
 * do ("did not close: …", "notified Ann and Bob"); nothing is written.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection.js";
import { ruleSchedules } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, isDomainError, parseInput, ruleActor } from "../kernel/index.js";
import { querySettings } from "../query/index.js";
import { loadTicket } from "../tickets/index.js";
import { checkActions } from "./check-rule.js";
import { prepareCondition } from "./condition.js";
import { explainCondition, explainTime } from "./explain.js";
import { hasFired } from "./fire-rule.js";
import { type AutomationRule, createRuleInput, parseRuleInput, toRule } from "./rule.js";
import { loadRuleRow } from "./rule-store.js";
import { runActions } from "./run-actions.js";
import type { ActionResult } from "./types.js";

const draftInput = createRuleInput.partial({ name: true });

export const testRuleInput = z
  .object({
    /** A saved rule (id or name) or a draft with the fields of a new rule (name optional). */
    rule: z.union([z.string().trim().min(1).max(200), z.record(z.string(), z.unknown())]),
    /** The ticket (number or id). */
    ticket: z.union([z.string().trim().min(1).max(100), z.number().int().positive()]),
  })
  .strict();
export type TestRuleInput = z.input<typeof testRuleInput>;

export interface RuleTestResult {
  rule: { id: string | null; name: string };
  ticket: { id: string; number: string };
  wouldFire: boolean;
  reasons: string[];
  /** What each action would do if the rule fired now, in order. */
  actions: ActionResult[];
  /** For time rules: when the rule is (or was) due for this ticket; null when its anchor is not running. */
  dueAt: Date | null;
}

class Rollback extends Error {
  constructor(readonly results: ActionResult[]) {
    super("dry run");
  }
}

async function ruleOf(
  ctx: Ctx,
  rule: string | Record<string, unknown>,
): Promise<Omit<AutomationRule, "createdAt" | "updatedAt" | "position"> & { saved: boolean }> {
  if (typeof rule === "string") return { ...toRule(await loadRuleRow(ctx.db, ctx.workspaceId, rule)), saved: true };
  const d = parseRuleInput(draftInput as unknown as typeof createRuleInput, rule);
  await prepareCondition(ctx, d.condition);
  await checkActions(ctx.db, ctx, d.actions);
  return { ...d, id: "", name: d.name ?? "Draft rule", description: d.description, saved: false };
}

export async function testRule(ctx: Ctx, rawInput: unknown): Promise<RuleTestResult> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(testRuleInput, rawInput);
  const rule = await ruleOf(ctx, input.rule);
  const { row: ticket, ticket: view } = await loadTicket(ctx.db, ctx, input.ticket, "ticket:read");
  const now = ctx.clock.now();
  const settings = await querySettings(ctx.db, ctx.workspaceId);
  const reasons: string[] = [];
  if (!rule.enabled) reasons.push("rule is disabled: it fires nowhere until enabled");
  let triggered = true;
  let dueAt: Date | null = null;
  if (rule.trigger.type === "event") {
    reasons.push(`fires on ${rule.trigger.events.join(", ")} when the condition holds`);
  } else {
    const [schedule] = rule.saved
      ? await ctx.db
          .select()
          .from(ruleSchedules)
          .where(and(eq(ruleSchedules.ruleId, rule.id), eq(ruleSchedules.ticketId, ticket.id)))
      : [];
    const time = await explainTime(ctx.db, rule.trigger, ticket, now, schedule?.firedAt ?? null);
    triggered = time.due;
    dueAt = time.dueAt;
    reasons.push(time.reason);
  }
  const condition = await explainCondition(ctx.db, ctx, rule.condition, settings, ticket);
  reasons.push(...condition.reasons);
  let once = false;
  if (rule.oncePerTicket && rule.saved && (await hasFired(ctx.db, rule.id, ticket.id))) {
    once = true;
    reasons.push("fires once per ticket and already fired on this one");
  }
  const wouldFire = rule.enabled && triggered && condition.holds && !once;
  return {
    rule: { id: rule.saved ? rule.id : null, name: rule.name },
    ticket: { id: ticket.id, number: view.number },
    wouldFire,
    reasons,
    actions: await dryRun(ctx, rule, ticket.id),
    dueAt,
  };
}

/** Runs the actions in a transaction that is rolled back; a failing action is reported, not thrown. */
async function dryRun(
  ctx: Ctx,
  rule: Pick<AutomationRule, "id" | "name" | "actions">,
  ticketId: string,
): Promise<ActionResult[]> {
  const cause = { id: rule.id || "draft", name: rule.name, depth: 1 };
  try {
    await ctx.db.transaction(async (tx) => {
      const actx = { ...ctx, actor: ruleActor(cause), db: tx as unknown as Db };
      const { results } = await runActions(
        { tx, ctx: actx, rule: cause, now: ctx.clock.now() },
        ticketId,
        rule.actions,
      );
      throw new Rollback(results);
    });
  } catch (err) {
    if (err instanceof Rollback) return err.results;
    if (isDomainError(err)) return [{ summary: `would fail: ${err.message}`, changed: false }];
    throw err;
  }
  return [];
}
