/**
 * Brings one ticket's SLA clocks in line with its policy, its status and what
 * just happened to it. Called by the SLA listener for each ticket event and
 * after policy changes; everything runs in the caller's transaction.
 */
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { ticketSlaClocks, tickets } from "../../db/schema/index.js";
import type { Clock } from "../kernel/index.js";
import type { TicketRow } from "../tickets/index.js";
import {
  type ClockTimes,
  type Measure,
  nextCheck,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
  stopClock,
} from "./clock-math.js";
import { levelOfPriority, METRICS, type Metric, type SlaPolicy, targetFor } from "./policy.js";
import { loadPolicies, policyCalendar, policyForTicket } from "./policy-store.js";

/** What happened to the ticket, beyond its current state. */
export type Happening = "created" | "changed" | "agent_reply" | "customer_message";

type ClockRow = typeof ticketSlaClocks.$inferSelect;

const FINAL = new Set(["resolved", "closed", "cancelled"]);

function timesOf(r: ClockRow): ClockTimes {
  return {
    state: r.state as ClockTimes["state"],
    targetMs: r.targetMs,
    business: r.business,
    startedAt: r.startedAt,
    resumedAt: r.resumedAt,
    consumedMs: r.consumedMs,
    dueAt: r.dueAt,
    warnAt: r.warnAt,
    warnedAt: r.warnedAt,
    breachedAt: r.breachedAt,
    metAt: r.metAt,
    escalationLevel: r.escalationLevel,
  };
}

const same = (a: ClockTimes, b: ClockTimes) => JSON.stringify(a) === JSON.stringify(b);

/** Whether a stopped clock's target is still unmet, so it runs again when the ticket is back in work. */
function stillOwed(metric: Metric, c: ClockTimes, t: TicketRow): boolean {
  if (metric === "resolution") return t.resolvedAt === null;
  if (metric === "first_response") return t.firstResponseAt === null;
  return c.metAt === null;
}

/** The clock of one metric after `happening`, or undefined when there is none. */
export function nextTimes(
  metric: Metric,
  current: ClockTimes | undefined,
  target: { ms: number; business: boolean } | undefined,
  t: TicketRow,
  policy: SlaPolicy,
  m: Measure,
  happening: Happening,
  at: Date,
): ClockTimes | undefined {
  if (!target) return current && current.state !== "stopped" ? stopClock(current, m, at, false) : current;
  let c = current;
  if (!c) {
    if (metric === "next_response") {
      if (happening !== "customer_message" || t.firstResponseAt === null) return undefined;
      c = startClock(m, at, target.ms, target.business);
    } else {
      c = startClock(m, t.createdAt, target.ms, target.business);
      if (metric === "first_response" && t.firstResponseAt) c = stopClock(c, m, t.firstResponseAt, true);
    }
  } else {
    c = retargetClock(c, m, at, target.ms, target.business);
  }
  if (happening === "agent_reply" && metric !== "resolution") c = stopClock(c, m, at, true);
  if (happening === "customer_message" && metric === "next_response" && c.state === "stopped" && c.metAt) {
    c = startClock(m, at, target.ms, target.business); // a new wait: counted from zero
  }
  if (FINAL.has(t.status)) {
    c = stopClock(c, m, at, metric === "resolution" && t.status !== "cancelled");
  } else if (policy.pauseStatuses.includes(t.status)) {
    c =
      c.state === "stopped" && stillOwed(metric, c, t)
        ? { ...c, state: "paused", resumedAt: at }
        : pauseClock(c, m, at);
  } else if (c.state !== "running" && (c.state === "paused" || stillOwed(metric, c, t))) {
    c = resumeClock(c, m, at);
  }
  return c;
}

/** Re-evaluates the ticket's policy and clocks at `at`; returns the policy that applies. */
export async function syncTicketClocks(
  tx: Tx,
  clock: Clock,
  ticket: TicketRow,
  prefix: string,
  happening: Happening,
  at: Date,
  /** The workspace's policies, when the caller syncs many tickets (read once, not per ticket). */
  preloaded?: readonly SlaPolicy[],
): Promise<SlaPolicy> {
  const policies = preloaded ?? (await loadPolicies(tx, ticket.workspaceId));
  const { policy } = await policyForTicket(tx, ticket.workspaceId, clock, policies, ticket, prefix);
  const needsCalendar = Object.values(policy.targets).some((t) => t?.business);
  const cal = needsCalendar ? await policyCalendar(tx, ticket.workspaceId, clock, policy.calendarId) : null;
  const m: Measure = { calendar: cal?.calendar ?? null, warningShare: policy.warningShare };
  const rows = await tx.select().from(ticketSlaClocks).where(eq(ticketSlaClocks.ticketId, ticket.id));
  const byMetric = new Map(rows.map((r) => [r.metric as Metric, r]));
  const level = levelOfPriority(ticket.priority);
  const offsets = policy.escalations.map((e) => e.afterBreachMinutes);
  let resolution: ClockTimes | undefined;
  for (const metric of METRICS) {
    const row = byMetric.get(metric);
    const current = row ? timesOf(row) : undefined;
    const next = nextTimes(metric, current, targetFor(policy, metric, level), ticket, policy, m, happening, at);
    if (metric === "resolution") resolution = next;
    if (!next) continue;
    const samePolicy = row ? row.policyId === policy.id && row.calendarId === (cal?.id ?? null) : false;
    if (current && samePolicy && same(current, next)) continue;
    const values = {
      ...next,
      policyId: policy.id,
      calendarId: cal?.id ?? null,
      nextCheckAt: nextCheck(next, offsets),
      updatedAt: at,
    };
    await tx
      .insert(ticketSlaClocks)
      .values({ ticketId: ticket.id, metric, workspaceId: ticket.workspaceId, ...values })
      .onConflictDoUpdate({ target: [ticketSlaClocks.ticketId, ticketSlaClocks.metric], set: values });
  }
  await mirrorDue(tx, ticket, resolution);
  return policy;
}

/**
 * Seed 002's fields on the ticket follow the resolution clock: `sla_due_at`
 * (while it runs) and `sla_hours`. Not a change anyone made: no version bump.
 */
async function mirrorDue(tx: Tx, t: TicketRow, c: ClockTimes | undefined): Promise<void> {
  if (!c) return;
  const hours = Math.max(1, Math.round(c.targetMs / 3_600_000));
  const due = c.state === "running" && c.dueAt ? c.dueAt : t.slaDueAt;
  if (due.getTime() === t.slaDueAt.getTime() && hours === t.slaHours) return;
  await tx.update(tickets).set({ slaDueAt: due, slaHours: hours }).where(sql`${tickets.id} = ${t.id}`);
}
