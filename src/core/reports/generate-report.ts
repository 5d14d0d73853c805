import { and, count, eq, gte, sql } from "drizzle-orm";
import { z } from "zod";
import { agents, tickets, ticketTransitions } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { assembleReport, type Report } from "./assemble-report.js";

const reportInput = z.object({ days: z.number().int().min(1).max(3660).default(7) }).strict();

/** Seed 002's generate_report(days): opened, resolved, resolution time, SLA breach rate, load. */
export async function generateReport(ctx: Ctx, rawInput: unknown = {}): Promise<Report> {
  const { days } = parseInput(reportInput, rawInput);
  authorize(ctx.actor, "report:read");
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - days * 86_400_000);
  const ws = eq(tickets.workspaceId, ctx.workspaceId);
  const [opened, resolved, transitions, open] = await Promise.all([
    ctx.db
      .select({ priority: tickets.priority, n: count() })
      .from(tickets)
      .where(and(ws, gte(tickets.createdAt, since)))
      .groupBy(tickets.priority),
    ctx.db
      .select({
        priority: tickets.priority,
        n: count(),
        resolutionSeconds: sql<string>`coalesce(sum(extract(epoch from ${tickets.resolvedAt} - ${tickets.createdAt})), 0)::float8`,
      })
      .from(tickets)
      .where(and(ws, gte(tickets.resolvedAt, since)))
      .groupBy(tickets.priority),
    ctx.db
      .select({
        total: count(),
        breached: sql<number>`count(*) filter (where ${ticketTransitions.slaBreached})::int`,
      })
      .from(ticketTransitions)
      .where(and(eq(ticketTransitions.workspaceId, ctx.workspaceId), gte(ticketTransitions.occurredAt, since))),
    ctx.db
      .select({ assigneeId: tickets.assigneeId, n: count() })
      .from(tickets)
      .where(and(ws, sql`${tickets.status} in ('open','in_progress','on_hold','review','pending_customer')`))
      .groupBy(tickets.assigneeId),
  ]);
  const ids = open.map((r) => r.assigneeId).filter((id): id is string => id !== null);
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const rows = await ctx.db
      .select({ id: agents.id, email: agents.email })
      .from(agents)
      .where(eq(agents.workspaceId, ctx.workspaceId));
    for (const r of rows) names.set(r.id, r.email);
  }
  return assembleReport(days, now, {
    openedByPriority: opened.map((r) => ({ priority: r.priority, n: Number(r.n) })),
    resolvedByPriority: resolved.map((r) => ({
      priority: r.priority,
      n: Number(r.n),
      resolutionSeconds: Number(r.resolutionSeconds),
    })),
    transitions: { total: Number(transitions[0]?.total ?? 0), breached: Number(transitions[0]?.breached ?? 0) },
    openByAssignee: open.map((r) => ({
      assignee: r.assigneeId ? (names.get(r.assigneeId) ?? r.assigneeId) : null,
      n: Number(r.n),
    })),
  });
}
