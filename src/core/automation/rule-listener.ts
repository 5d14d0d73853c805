/**
 * `automation.rules`: the transactional listener that runs event rules and
 * keeps time rules' schedules. For each ticket event it
 * 1. moves the time anchors the event changed (schedules of enabled time rules);
 * 2. fires every enabled event rule listening to the event type, in position
 *    order, whose condition holds for the ticket as it is now — except a rule
 *    on an event its own actions caused, a rule that fires once per ticket and
 *    already did, and any rule when the event is at MAX_RULE_DEPTH of a chain
 *    of rule-caused events. Firings are one level deeper than the event.
 * Effects commit with the delivery receipt: each event is handled once.
 */
import { and, eq } from "drizzle-orm";
import { tickets } from "../../db/schema/index.js";
import type { DomainEvent, EventListener, ListenerTools } from "../kernel/index.js";
import { querySettings } from "../query/index.js";
import { reloadTicket } from "./actions/helpers.js";
import { anchorChanges } from "./anchors.js";
import { automationCtx } from "./condition.js";
import { conditionHoldsFor, fireRule, hasFired } from "./fire-rule.js";
import { enabledRules } from "./rule-store.js";
import { applyAnchorChanges } from "./schedules.js";
import { MAX_RULE_DEPTH, RULE_EVENTS } from "./types.js";

export const RULE_LISTENER = "automation.rules";

export function automationRulesListener(): EventListener {
  return {
    name: RULE_LISTENER,
    events: RULE_EVENTS,
    handle: handleRuleEvent,
  };
}

async function handleRuleEvent(event: DomainEvent, { tx, clock }: ListenerTools): Promise<void> {
  if (event.subjectType !== "ticket") return;
  const rules = await enabledRules(tx, event.workspaceId);
  if (rules.length === 0) return;
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, event.subjectId), eq(tickets.workspaceId, event.workspaceId)));
  if (!row) return;
  const cause = event.actor.rule;

  // A rule's own changes do not move its anchors (it would re-arm itself).
  const timeRules = rules.filter((r) => r.trigger.type === "time" && r.id !== cause?.id);
  if (timeRules.length > 0)
    await applyAnchorChanges(tx, event.workspaceId, row.id, timeRules, anchorChanges(event, row));

  if (cause && cause.depth >= MAX_RULE_DEPTH) return;
  const listening = rules.filter(
    (r) => r.trigger.type === "event" && r.trigger.events.includes(event.type as never) && r.id !== cause?.id,
  );
  if (listening.length === 0) return;
  const depth = (cause?.depth ?? 0) + 1;
  const ctx = automationCtx(tx, event.workspaceId, clock);
  const settings = await querySettings(tx, event.workspaceId);
  for (const rule of listening) {
    if (rule.oncePerTicket && (await hasFired(tx, rule.id, row.id))) continue;
    // The ticket as it is now: earlier rules of this event may have changed it.
    const current = await reloadTicket(tx, row.id);
    if (!(await conditionHoldsFor(tx, ctx, rule, current, { event, depth, settings }))) continue;
    await fireRule(tx, clock, rule, row.id, { event, depth });
  }
}
