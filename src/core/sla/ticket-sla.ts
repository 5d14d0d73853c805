import { eq } from "drizzle-orm";
import { slaPolicies, ticketSlaClocks } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import { loadTicket, type TicketRef } from "../tickets/index.js";
import { elapsed } from "./clock-math.js";
import { DEFAULT_POLICY, METRICS, type Metric } from "./policy.js";
import { policyCalendar } from "./policy-store.js";

export interface SlaClockView {
  metric: Metric;
  state: "running" | "paused" | "stopped";
  targetMinutes: number;
  /** Counted in business hours of `calendar`, or in calendar hours. */
  business: boolean;
  calendar: string | null;
  startedAt: string;
  /** While running: when the target falls due. */
  dueAt: string | null;
  /** Target time left (negative: overdue), in the clock's own measure. */
  remainingMs: number;
  warnedAt: string | null;
  breachedAt: string | null;
  metAt: string | null;
  escalationLevel: number;
}

export interface TicketSla {
  ticketId: string;
  policy: { id: string | null; name: string };
  escalationLevel: number;
  clocks: SlaClockView[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A ticket's SLA: the policy that applies and each clock, measured now (agents; not customers). */
export async function ticketSla(ctx: Ctx, ref: TicketRef): Promise<TicketSla> {
  const { row: ticket } = await loadTicket(ctx.db, ctx, ref, "ticket:update");
  const rows = await ctx.db.select().from(ticketSlaClocks).where(eq(ticketSlaClocks.ticketId, ticket.id));
  rows.sort((a, b) => METRICS.indexOf(a.metric as Metric) - METRICS.indexOf(b.metric as Metric));
  const policyId = rows.find((r) => r.policyId)?.policyId ?? null;
  const [policyRow] = policyId
    ? await ctx.db
        .select({ id: slaPolicies.id, name: slaPolicies.name })
        .from(slaPolicies)
        .where(eq(slaPolicies.id, policyId))
    : [];
  const now = ctx.clock.now();
  const clocks: SlaClockView[] = [];
  for (const r of rows) {
    const cal = r.business ? await policyCalendar(ctx.db, ctx.workspaceId, ctx.clock, r.calendarId) : null;
    const m = { calendar: cal?.calendar ?? null, warningShare: 0.8 };
    const spent = r.consumedMs + (r.state === "running" ? elapsed(m, r.business, r.resumedAt, now) : 0);
    clocks.push({
      metric: r.metric as Metric,
      state: r.state as SlaClockView["state"],
      targetMinutes: Math.round(r.targetMs / 60_000),
      business: r.business,
      calendar: cal?.name ?? null,
      startedAt: r.startedAt.toISOString(),
      dueAt: iso(r.dueAt),
      remainingMs: r.targetMs - spent,
      warnedAt: iso(r.warnedAt),
      breachedAt: iso(r.breachedAt),
      metAt: iso(r.metAt),
      escalationLevel: r.escalationLevel,
    });
  }
  return {
    ticketId: ticket.id,
    policy: policyRow ?? { id: null, name: DEFAULT_POLICY.name },
    escalationLevel: ticket.escalationLevel,
    clocks,
  };
}
