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
import { outboxEvents, ticketSlaClocks, timelineEntries } from "../../db/schema/index.js";
import { fireRule } from "../automation/index.js";
import {
  actorRef,
  type Clock,
  type Ctx,
  type DueWork,
  type DueWorkOptions,
  newId,
  recordEvent,
  ruleActor,
  systemActor,
} from "../kernel/index.js";
import { appendEntries } from "../timeline/index.js";
import { type ClockTimes, nextCheck } from "./clock-math.js";
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
}

const d = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function ticketCtx(tx: Tx, workspaceId: string, clock: Clock): Ctx {
  return { actor: systemActor("sla"), workspaceId, db: tx as Ctx["db"], clock };
}

/** What the tick does to one clock, decided in memory. */
interface ClockStep {
  row: DueRow;
  policy: SlaPolicy;
  warnedAt: Date | null;
  breachedAt: Date | null;
  /** Escalation levels reached now, in order. */
  levels: number[];
  entries: { workspaceId: string; ticketId: string; body: string; action: string }[];
  events: {
    workspaceId: string;
    ticketId: string;
    type: "sla.warning" | "sla.breached";
    payload: Record<string, unknown>;
  }[];
}

function planClock(row: DueRow, policy: SlaPolicy, now: Date): ClockStep {
  const metric = row.metric;
  const label = METRIC_LABEL[metric];
  const step: ClockStep = {
    row,
    policy,
    warnedAt: d(row.warned_at),
    breachedAt: d(row.breached_at),
    levels: [],
    entries: [],
    events: [],
  };
  const dueAt = d(row.due_at);
  const warnAt = d(row.warn_at);
  const payload = { metric, dueAt: dueAt?.toISOString() ?? null, policy: { id: policy.id, name: policy.name } };
  const at = { workspaceId: row.workspace_id, ticketId: row.ticket_id };
  const breaching = !step.breachedAt && dueAt !== null && dueAt <= now;
  if (!step.warnedAt && !step.breachedAt && warnAt && warnAt <= now) {
    step.warnedAt = warnAt;
    // A warning due together with the breach (the desk was down, or the target is tiny) would
    // only be noise next to it: it is marked done without a message.
    if (!breaching) {
      const share = Math.round(policy.warningShare * 100);
      step.entries.push({
        ...at,
        action: "sla_warning",
        body: `SLA ${label} target due ${dueAt?.toISOString()}: ${share}% of the time used`,
      });
      step.events.push({ ...at, type: "sla.warning", payload });
    }
  }
  if (breaching && dueAt) {
    step.breachedAt = dueAt;
    step.entries.push({
      ...at,
      action: "sla_breached",
      body: `SLA ${label} target breached (was due ${dueAt.toISOString()})`,
    });
    step.events.push({ ...at, type: "sla.breached", payload });
  }
  let level = row.escalation_level;
  while (step.breachedAt && level < policy.escalations.length) {
    const next = policy.escalations[level];
    if (!next || step.breachedAt.getTime() + next.afterBreachMinutes * 60_000 > now.getTime()) break;
    level += 1;
    step.levels.push(level);
  }
  return step;
}

function nextCheckOf(step: ClockStep): Date | null {
  const r = step.row;
  const times: ClockTimes = {
    state: "running",
    targetMs: Number(r.target_ms),
    business: r.business,
    startedAt: d(r.resumed_at) ?? new Date(0),
    resumedAt: d(r.resumed_at) ?? new Date(0),
    consumedMs: Number(r.consumed_ms),
    dueAt: d(r.due_at),
    warnAt: d(r.warn_at),
    warnedAt: step.warnedAt,
    breachedAt: step.breachedAt,
    metAt: null,
    escalationLevel: r.escalation_level + step.levels.length,
  };
  return nextCheck(
    times,
    step.policy.escalations.map((e) => e.afterBreachMinutes),
  );
}

/** Timeline entries, outbox events and clock updates of a whole batch, a few statements in all. */
async function writeSteps(tx: Tx, steps: ClockStep[], now: Date): Promise<void> {
  const entries = steps.flatMap((s) => s.entries);
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.insert(timelineEntries).values(
      entries.slice(i, i + 1000).map((e) => ({
        id: newId(now),
        workspaceId: e.workspaceId,
        ticketId: e.ticketId,
        kind: "event",
        authorType: "system",
        authorId: null,
        body: e.body,
        event: { action: e.action, changes: [] },
        attachments: [],
        channel: null,
        createdAt: now,
      })),
    );
  }
  const events = steps.flatMap((s) => s.events);
  for (let i = 0; i < events.length; i += 1000) {
    await tx.insert(outboxEvents).values(
      events.slice(i, i + 1000).map((e) => ({
        id: newId(now),
        workspaceId: e.workspaceId,
        type: e.type,
        subjectType: "ticket",
        subjectId: e.ticketId,
        actor: actorRef(systemActor("sla")),
        payload: e.payload,
        occurredAt: now,
      })),
    );
  }
  for (let i = 0; i < steps.length; i += 1000) {
    const rows = steps
      .slice(i, i + 1000)
      .map(
        (s) =>
          sql`(${s.row.ticket_id}::uuid, ${s.row.metric}::text, ${s.warnedAt}::timestamptz, ${s.breachedAt}::timestamptz, ${nextCheckOf(s)}::timestamptz)`,
      );
    await tx.execute(sql`update ticket_sla_clocks c
         set warned_at = v.warned_at, breached_at = v.breached_at, next_check_at = v.next_check_at, updated_at = ${now}
        from (values ${sql.join(rows, sql`, `)}) as v(ticket_id, metric, warned_at, breached_at, next_check_at)
       where c.ticket_id = v.ticket_id and c.metric = v.metric`);
  }
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
  // Raise the level only if no other clock of this ticket already took it there; one round trip.
  const [ticket] = await queryRows<{ level: number }>(
    tx,
    sql`with before as (select escalation_level from tickets where id = ${row.ticket_id} for update)
        update tickets t set escalation_level = ${level} from before
         where t.id = ${row.ticket_id} and before.escalation_level < ${level}
        returning before.escalation_level as level`,
  );
  if (!ticket) return;
  const rule = {
    id: `sla:${policy.id ?? "default"}:${level}`,
    name: `${policy.name} · escalation level ${level}`,
    depth: 1,
  };
  const ctx: Ctx = { ...ticketCtx(tx, row.workspace_id, clock), actor: ruleActor(rule) };
  await appendEntries(
    tx,
    ctx,
    [
      {
        ticketId: row.ticket_id,
        kind: "event",
        body: `Escalated to level ${level}: ${METRIC_LABEL[row.metric]} target breached (policy ${policy.name})`,
        event: { action: "escalated", changes: [{ field: "escalationLevel", from: Number(ticket.level), to: level }] },
      },
    ],
    now,
  );
  await recordEvent(
    tx,
    ctx,
    {
      type: "ticket.escalated",
      subjectType: "ticket",
      subjectId: row.ticket_id,
      payload: { level, metric: row.metric, policy: { id: policy.id, name: policy.name } },
    },
    now,
  );
  // A firing like a rule's: the actions in a savepoint; one refused by the domain (an agent
  // deactivated since the policy was saved) is logged as a failed firing, not retried forever.
  await fireRule(tx, clock, { id: rule.id, name: rule.name, actions, workspaceId: row.workspace_id }, row.ticket_id, {
    depth: 1,
  });
}

async function claimDue(tx: Tx, now: Date, limit: number, workspaceId?: string): Promise<DueRow[]> {
  return queryRows<DueRow>(
    tx,
    sql`select c.ticket_id, c.metric, c.workspace_id, c.policy_id, c.due_at, c.warn_at, c.warned_at, c.breached_at,
               c.escalation_level, c.state, c.target_ms, c.business, c.resumed_at, c.consumed_ms
          from ticket_sla_clocks c
         where c.next_check_at is not null and c.next_check_at <= ${now}
           ${workspaceId ? sql`and c.workspace_id = ${workspaceId}` : sql``}
         order by c.next_check_at
         limit ${limit}
         for update skip locked`,
  );
}

export async function runDueClocks(db: Db, clock: Clock, opts: DueWorkOptions): Promise<number> {
  const now = clock.now();
  const log = opts.log ?? (() => undefined);
  return db.transaction(async (tx) => {
    const due = await claimDue(tx, now, opts.limit, opts.workspaceId);
    if (due.length === 0) return 0;
    const policies = new Map<string, Map<string | null, SlaPolicy>>();
    const steps: ClockStep[] = [];
    for (const row of due) {
      let byId = policies.get(row.workspace_id);
      if (!byId) {
        byId = new Map((await loadPolicies(tx, row.workspace_id)).map((p) => [p.id, p]));
        policies.set(row.workspace_id, byId);
      }
      steps.push(planClock(row, (row.policy_id && byId.get(row.policy_id)) || DEFAULT_POLICY, now));
    }
    await writeSteps(tx, steps, now);
    // Escalations run the policy's actions: each clock in a savepoint, so one failing level is
    // retried a minute later without holding back the rest of the batch.
    for (const step of steps) {
      if (step.levels.length === 0) continue;
      try {
        await tx.transaction(async (sp) => {
          for (const level of step.levels) {
            const actions = step.policy.escalations[level - 1]?.actions ?? [];
            await escalate(sp, clock, step.row, step.policy, level, actions, now);
          }
          await sp
            .update(ticketSlaClocks)
            .set({ escalationLevel: step.row.escalation_level + step.levels.length })
            .where(and(eq(ticketSlaClocks.ticketId, step.row.ticket_id), eq(ticketSlaClocks.metric, step.row.metric)));
        });
      } catch (err) {
        log("SLA escalation failed; retried in a minute", {
          ticket: step.row.ticket_id,
          metric: step.row.metric,
          error: (err as Error).message,
        });
        await tx
          .update(ticketSlaClocks)
          .set({ nextCheckAt: new Date(now.getTime() + RETRY_MS) })
          .where(and(eq(ticketSlaClocks.ticketId, step.row.ticket_id), eq(ticketSlaClocks.metric, step.row.metric)));
      }
    }
    return due.length;
  });
}

export const slaDueWork: DueWork = {
  name: "sla.clocks",
  runDue: (db, clock, opts) => runDueClocks(db, clock, opts),
};
