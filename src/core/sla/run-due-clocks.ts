/**
 * The SLA side of the scheduler tick: clocks whose `next_check_at` has come.
 * Warnings and breaches are recorded (clock, timeline entry, outbox event);
 * breached clocks climb their policy's escalation levels. A batch shares one
 * transaction; each clock runs in a savepoint, so one failing escalation is
 * retried later without holding back the others.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";
import { tickets, ticketSlaClocks } from "../../db/schema/index.js";
import { runActions } from "../automation/run-actions.js";
import { type Clock, type Ctx, type DueWork, recordEvent, ruleActor, systemActor } from "../kernel/index.js";
import { appendEntries } from "../timeline/index.js";
import { nextCheck } from "./clock-math.js";
import { DEFAULT_POLICY, type Metric, type SlaPolicy } from "./policy.js";
import { loadPolicies } from "./policy-store.js";

const METRIC_LABEL: Record<Metric, string> = {
  first_response: "first response",
  next_response: "next response",
  resolution: "resolution",
};

/** Retry a clock whose escalation failed after this long. */
const RETRY_MS = 60_000;

interface DueRow {
  ticket_id: string;
  metric: Metric;
  workspace_id: string;
  policy_id: string | null;
  due_at: Date | string | null;
  warn_at: Date | string | null;
  warned_at: Date | string | null;
  breached_at: Date | string | null;
  escalation_level: number;
  state: string;
  target_ms: string | number;
  business: boolean;
  resumed_at: Date | string;
  consumed_ms: string | number;
  escalated: number;
}

const d = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function ticketCtx(tx: Tx, workspaceId: string, clock: Clock): Ctx {
  return { actor: systemActor("sla"), workspaceId, db: tx as Ctx["db"], clock };
}

async function handleClock(tx: Tx, clock: Clock, row: DueRow, policy: SlaPolicy, now: Date): Promise<void> {
  const ctx = ticketCtx(tx, row.workspace_id, clock);
  const metric = row.metric;
  const label = METRIC_LABEL[metric];
  let warnedAt = d(row.warned_at);
  let breachedAt = d(row.breached_at);
  let level = row.escalation_level;
  const dueAt = d(row.due_at);
  const warnAt = d(row.warn_at);
  const payload = { metric, dueAt: dueAt?.toISOString() ?? null, policy: { id: policy.id, name: policy.name } };
  if (!warnedAt && !breachedAt && warnAt && warnAt <= now) {
    warnedAt = warnAt;
    await appendEntries(
      tx,
      ctx,
      [{ ticketId: row.ticket_id, kind: "event", body: `SLA ${label} target due ${dueAt?.toISOString()}: ${Math.round(policy.warningShare * 100)}% of the time used`, event: { action: "sla_warning", changes: [] } }],
      now,
    );
    await recordEvent(tx, ctx, { type: "sla.warning", subjectType: "ticket", subjectId: row.ticket_id, payload }, now);
  }
  if (!breachedAt && dueAt && dueAt <= now) {
    breachedAt = dueAt;
    await appendEntries(
      tx,
      ctx,
      [{ ticketId: row.ticket_id, kind: "event", body: `SLA ${label} target breached (was due ${dueAt.toISOString()})`, event: { action: "sla_breached", changes: [] } }],
      now,
    );
    await recordEvent(tx, ctx, { type: "sla.breached", subjectType: "ticket", subjectId: row.ticket_id, payload }, now);
  }
  while (breachedAt && level < policy.escalations.length) {
    const step = policy.escalations[level];
    if (!step || breachedAt.getTime() + step.afterBreachMinutes * 60_000 > now.getTime()) break;
    level += 1;
    await escalate(tx, clock, row, policy, level, step.actions, now);
  }
  const times = {
    state: "running" as const,
    targetMs: Number(row.target_ms),
    business: row.business,
    startedAt: now,
    resumedAt: d(row.resumed_at) ?? now,
    consumedMs: Number(row.consumed_ms),
    dueAt,
    warnAt,
    warnedAt,
    breachedAt,
    metAt: null,
    escalationLevel: level,
  };
  await tx
    .update(ticketSlaClocks)
    .set({
      warnedAt,
      breachedAt,
      escalationLevel: level,
      nextCheckAt: nextCheck(times, policy.escalations.map((e) => e.afterBreachMinutes)),
      updatedAt: now,
    })
    .where(and(eq(ticketSlaClocks.ticketId, row.ticket_id), eq(ticketSlaClocks.metric, metric)));
}

/** One escalation level: the ticket's level rises (never falls), the level's actions run once per ticket. */
async function escalate(
  tx: Tx,
  clock: Clock,
  row: DueRow,
  policy: SlaPolicy,
  level: number,
  actions: SlaPolicy["escalations"][number]["actions"],
  now: Date,
): Promise<void> {
  const [ticket] = await tx
    .select({ level: tickets.escalationLevel })
    .from(tickets)
    .where(eq(tickets.id, row.ticket_id))
    .for("update");
  if (!ticket || ticket.level >= level) return; // another clock of this ticket already took it there
  const rule = { id: `sla:${policy.id ?? "default"}:${level}`, name: `${policy.name} · escalation level ${level}`, depth: 1 };
  const ctx: Ctx = { ...ticketCtx(tx, row.workspace_id, clock), actor: ruleActor(rule) };
  await tx.update(tickets).set({ escalationLevel: level }).where(eq(tickets.id, row.ticket_id));
  await appendEntries(
    tx,
    ctx,
    [
      {
        ticketId: row.ticket_id,
        kind: "event",
        body: `Escalated to level ${level}: ${METRIC_LABEL[row.metric]} target breached (policy ${policy.name})`,
        event: { action: "escalated", changes: [{ field: "escalationLevel", from: ticket.level, to: level }] },
      },
    ],
    now,
  );
  await recordEvent(
    tx,
    ctx,
    { type: "ticket.escalated", subjectType: "ticket", subjectId: row.ticket_id, payload: { level, metric: row.metric, policy: { id: policy.id, name: policy.name } } },
    now,
  );
  await runActions({ tx, ctx, rule, now }, row.ticket_id, actions);
}

async function claimDue(tx: Tx, now: Date, limit: number, workspaceId?: string): Promise<DueRow[]> {
  return queryRows<DueRow>(
    tx,
    sql`select c.ticket_id, c.metric, c.workspace_id, c.policy_id, c.due_at, c.warn_at, c.warned_at, c.breached_at,
               c.escalation_level, c.state, c.target_ms, c.business, c.resumed_at, c.consumed_ms, 0 as escalated
          from ticket_sla_clocks c
         where c.next_check_at is not null and c.next_check_at <= ${now}
           ${workspaceId ? sql`and c.workspace_id = ${workspaceId}` : sql``}
         order by c.next_check_at
         limit ${limit}
         for update skip locked`,
  );
}

export async function runDueClocks(
  db: Db,
  clock: Clock,
  opts: { limit: number; workspaceId?: string },
  log: (msg: string, extra?: Record<string, unknown>) => void = () => undefined,
): Promise<number> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const due = await claimDue(tx, now, opts.limit, opts.workspaceId);
    const policies = new Map<string, Map<string | null, SlaPolicy>>();
    for (const row of due) {
      let byId = policies.get(row.workspace_id);
      if (!byId) {
        byId = new Map((await loadPolicies(tx, row.workspace_id)).map((p) => [p.id, p]));
        policies.set(row.workspace_id, byId);
      }
      const policy = (row.policy_id && byId.get(row.policy_id)) || DEFAULT_POLICY;
      try {
        await tx.transaction((sp) => handleClock(sp, clock, row, policy, now));
      } catch (err) {
        log("SLA clock failed; retried in a minute", { ticket: row.ticket_id, metric: row.metric, error: (err as Error).message });
        await tx
          .update(ticketSlaClocks)
          .set({ nextCheckAt: new Date(now.getTime() + RETRY_MS) })
          .where(and(eq(ticketSlaClocks.ticketId, row.ticket_id), eq(ticketSlaClocks.metric, row.metric)));
      }
    }
    return due.length;
  });
}

export const slaDueWork: DueWork = {
  name: "sla.clocks",
  runDue: (db, clock, opts) => runDueClocks(db, clock, opts),
};
