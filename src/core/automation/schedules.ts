/**
 * rule_schedules: for each enabled time rule and ticket, when the rule is due
 * (anchor + afterMinutes). Kept up to date as events happen (applyAnchorChanges)
 * and filled in for existing tickets when a time rule is created, enabled or
 * re-timed (backfillSchedules), so the scheduler never scans tickets.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { ruleSchedules } from "../../db/schema/index.js";
import type { AnchorChange } from "./anchors.js";
import type { AutomationRule } from "./rule.js";
import type { TimeAnchor } from "./types.js";

const MINUTE = 60_000;

type TimeRule = Pick<AutomationRule, "id" | "trigger">;

/** Applies an event's anchor changes to the schedules of these time rules for one ticket. */
export async function applyAnchorChanges(
  tx: Tx,
  workspaceId: string,
  ticketId: string,
  rules: readonly TimeRule[],
  changes: Partial<Record<TimeAnchor, AnchorChange>>,
): Promise<void> {
  for (const rule of rules) {
    if (rule.trigger.type !== "time") continue;
    const change = changes[rule.trigger.since];
    if (!change) continue;
    const key = and(eq(ruleSchedules.ruleId, rule.id), eq(ruleSchedules.ticketId, ticketId));
    if (change.kind === "clear") {
      await tx.delete(ruleSchedules).where(key);
      continue;
    }
    const values = {
      ruleId: rule.id,
      ticketId,
      workspaceId,
      anchorAt: change.at,
      dueAt: new Date(change.at.getTime() + rule.trigger.afterMinutes * MINUTE),
      firedAt: null,
    };
    if (change.kind === "start") {
      await tx.insert(ruleSchedules).values(values).onConflictDoNothing();
      continue;
    }
    await tx
      .insert(ruleSchedules)
      .values(values)
      .onConflictDoUpdate({
        target: [ruleSchedules.ruleId, ruleSchedules.ticketId],
        set: {
          anchorAt: values.anchorAt,
          dueAt: values.dueAt,
          firedAt: sql`case when ${ruleSchedules.anchorAt} = excluded.anchor_at then ${ruleSchedules.firedAt} end`,
        },
      });
  }
}

/** SQL for an anchor's current value for ticket `t`, from its columns and timeline (null: not running). */
export function anchorSql(anchor: TimeAnchor) {
  const lastMessageBy = (author: "agent" | "customer") =>
    sql.raw(`(select max(x.created_at) from timeline_entries x
      where x.ticket_id = t.id and x.kind = 'message' and x.author_type = '${author}')`);
  const firstMessageBy = (author: "agent" | "customer", other: "agent" | "customer") =>
    sql`(select min(m.created_at) from timeline_entries m
      where m.ticket_id = t.id and m.kind = 'message' and m.author_type = ${author}
        and m.created_at > coalesce(${lastMessageBy(other)}, '-infinity'::timestamptz))`;
  switch (anchor) {
    case "created":
      return sql`t.created_at`;
    case "updated":
      return sql`t.updated_at`;
    case "status_changed":
      return sql`coalesce((select max(tr.occurred_at) from ticket_transitions tr where tr.ticket_id = t.id), t.created_at)`;
    case "assignment_changed":
      return sql`coalesce((select max(e.created_at) from timeline_entries e
        where e.ticket_id = t.id and e.kind = 'event' and e.event -> 'changes' @> '[{"field":"assigneeId"}]'::jsonb),
        t.created_at)`;
    case "customer_waiting":
      return firstMessageBy("customer", "agent");
    case "agent_waiting":
      return firstMessageBy("agent", "customer");
  }
}

/**
 * Schedules a time rule for every ticket of the workspace that is not closed
 * or cancelled, in one INSERT … SELECT: the anchor is read from the ticket's
 * columns, status transitions and timeline. A schedule whose anchor is
 * unchanged keeps its firedAt (re-enabling a rule does not repeat firings);
 * schedules of tickets without a running anchor are removed.
 */
export async function backfillSchedules(tx: Tx, workspaceId: string, rule: TimeRule): Promise<void> {
  if (rule.trigger.type !== "time") {
    await tx.delete(ruleSchedules).where(eq(ruleSchedules.ruleId, rule.id));
    return;
  }
  const minutes = rule.trigger.afterMinutes;
  await tx.execute(sql`
    with anchors as (
      select t.id as ticket_id, ${anchorSql(rule.trigger.since)} as anchor_at
        from tickets t
       where t.workspace_id = ${workspaceId} and t.status not in ('closed', 'cancelled')
    ),
    valid as (select ticket_id, anchor_at from anchors where anchor_at is not null),
    gone as (
      delete from rule_schedules s
       where s.rule_id = ${rule.id} and not exists (select 1 from valid v where v.ticket_id = s.ticket_id)
    )
    insert into rule_schedules (rule_id, ticket_id, workspace_id, anchor_at, due_at, fired_at)
    select ${rule.id}::uuid, v.ticket_id, ${workspaceId}::uuid, v.anchor_at, v.anchor_at + make_interval(mins => ${minutes}::int), null
      from valid v
    on conflict (rule_id, ticket_id) do update
      set anchor_at = excluded.anchor_at,
          due_at = excluded.due_at,
          fired_at = case when rule_schedules.anchor_at = excluded.anchor_at then rule_schedules.fired_at end`);
}
