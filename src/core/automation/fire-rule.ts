/**
 * One firing of a rule on one ticket: its actions run in a savepoint of the
 * caller's transaction, as the rule's actor; the firing is logged
 * (rule_firings, rule_stats) and shown in the ticket's timeline.
 *
 * A DomainError from an action (an agent deactivated since the rule was
 * saved, a ticket that no longer takes the change) cannot be cured by
 * retrying: the actions roll back to the savepoint and the firing is logged as
 * failed. Any other error propagates, so the delivery or the due work is
 * retried as a whole.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { ruleFirings, ruleStats } from "../../db/schema/index.js";
import {
  type Clock,
  type Ctx,
  type DomainEvent,
  isDomainError,
  isUuid,
  type RuleCause,
  ruleActor,
} from "../kernel/index.js";
import type { PreparedQuery, QuerySettings } from "../query/index.js";
import type { TicketRow } from "../tickets/index.js";
import { appendEntries } from "../timeline/index.js";
import { conditionHolds, prepareCondition } from "./condition.js";
import type { AutomationRule } from "./rule.js";
import { runActions } from "./run-actions.js";
import type { Action, ActionResult } from "./types.js";

export type FiringOutcome =
  | { ok: true; actions: ActionResult[] }
  | { ok: false; error: { code: string; message: string }; actions: ActionResult[] };

export interface FireOptions {
  event?: DomainEvent;
  depth: number;
  /**
   * Leave rule_stats to the caller, who adds a whole batch's firings at once (the time-rule
   * due work): one stats row per rule would otherwise serialise parallel batches on its lock.
   */
  deferStats?: boolean;
  /** The ticket row, when the caller just read it in this transaction (saves a read). */
  ticket?: TicketRow;
}

/** Adds `count` firings to a rule's counters. */
export async function addRuleStats(tx: Tx, ruleId: string, count: number, at: Date): Promise<void> {
  await tx
    .insert(ruleStats)
    .values({ ruleId, fireCount: count, lastFiredAt: at })
    .onConflictDoUpdate({
      target: ruleStats.ruleId,
      set: {
        fireCount: sql`${ruleStats.fireCount} + ${count}`,
        lastFiredAt: sql`greatest(${ruleStats.lastFiredAt}, ${at})`,
      },
    });
}

/** Logs a firing: the firing row, the rule's counters, and (when something happened) a timeline entry. */
export async function recordFiring(
  tx: Tx,
  ctx: { workspaceId: string; clock: Clock },
  rule: RuleCause,
  ticketId: string,
  outcome: FiringOutcome,
  opts: FireOptions & { now: Date; quiet?: boolean },
): Promise<void> {
  const realRule = isUuid(rule.id);
  await tx.insert(ruleFirings).values({
    workspaceId: ctx.workspaceId,
    ruleId: realRule ? rule.id : null,
    ruleName: rule.name,
    ticketId,
    eventId: opts.event?.id ?? null,
    depth: opts.depth,
    outcome,
    firedAt: opts.now,
  });
  if (realRule && !opts.deferStats) await addRuleStats(tx, rule.id, 1, opts.now);
  const summaries = outcome.actions.map((a) => a.summary);
  const somethingHappened = !outcome.ok || outcome.actions.some((a) => a.changed);
  if (!somethingHappened || opts.quiet) return;
  const body = outcome.ok
    ? `Rule '${rule.name}': ${summaries.join("; ")}`
    : `Rule '${rule.name}' failed: ${outcome.error.message}`;
  const actorCtx = { actor: ruleActor(rule), workspaceId: ctx.workspaceId, db: tx as Db, clock: ctx.clock };
  await appendEntries(
    tx,
    actorCtx,
    [{ ticketId, kind: "event", body, event: { action: outcome.ok ? "rule_fired" : "rule_failed", changes: [] } }],
    opts.now,
  );
}

/** Runs the rule's actions on the ticket and logs the firing. */
export async function fireRule(
  tx: Tx,
  clock: Clock,
  rule: Pick<AutomationRule, "id" | "name" | "actions"> & { workspaceId: string },
  ticketId: string,
  opts: FireOptions,
): Promise<FiringOutcome> {
  const cause: RuleCause = { id: rule.id, name: rule.name, depth: opts.depth };
  const now = clock.now();
  const outcome = await runInSavepoint(tx, clock, rule.workspaceId, cause, ticketId, rule.actions, opts, now);
  await recordFiring(tx, { workspaceId: rule.workspaceId, clock }, cause, ticketId, outcome, { ...opts, now });
  return outcome;
}

async function runInSavepoint(
  tx: Tx,
  clock: Clock,
  workspaceId: string,
  cause: RuleCause,
  ticketId: string,
  actions: readonly Action[],
  opts: FireOptions,
  now: Date,
): Promise<FiringOutcome> {
  try {
    return await tx.transaction(async (sp) => {
      const ctx = { actor: ruleActor(cause), workspaceId, db: sp as unknown as Db, clock };
      const { results } = await runActions(
        { tx: sp, ctx, rule: cause, now, ...(opts.event ? { event: opts.event } : {}) },
        ticketId,
        actions,
        opts.ticket,
      );
      return { ok: true as const, actions: results };
    });
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return { ok: false, error: { code: err.code, message: err.message }, actions: [] };
  }
}

/**
 * Evaluates a rule's condition on the ticket. A condition that no longer
 * prepares (a team it names was renamed, a custom field deleted) is logged as
 * a failed firing (firing log only) and counts as not holding.
 */
export async function conditionHoldsFor(
  tx: Tx,
  ctx: Ctx,
  rule: Pick<AutomationRule, "id" | "name" | "condition">,
  row: TicketRow,
  opts: FireOptions & { settings?: QuerySettings },
): Promise<boolean> {
  let prepared: PreparedQuery;
  try {
    prepared = await prepareCondition(ctx, rule.condition, opts.settings);
  } catch (err) {
    if (!isDomainError(err)) throw err;
    const cause = { id: rule.id, name: rule.name, depth: opts.depth };
    const outcome = { ok: false as const, error: { code: err.code, message: err.message }, actions: [] };
    await recordFiring(tx, ctx, cause, row.id, outcome, { ...opts, now: ctx.clock.now(), quiet: true });
    return false;
  }
  return conditionHolds(prepared, row);
}

/** Whether the rule already fired (successfully) on the ticket: for `oncePerTicket` rules. */
export async function hasFired(tx: Tx, ruleId: string, ticketId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: ruleFirings.id })
    .from(ruleFirings)
    .where(
      and(
        eq(ruleFirings.ruleId, ruleId),
        eq(ruleFirings.ticketId, ticketId),
        sql`(${ruleFirings.outcome} ->> 'ok')::boolean`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
