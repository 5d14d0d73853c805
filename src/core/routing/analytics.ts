import { eq, sql } from "drizzle-orm";
import { ACTIVE_STATUSES, LEVELS, type Level, TICKET_STATUSES, type TicketStatus } from "../../../common/enums.js";
import { levelOf } from "../../../common/priority.js";
import { teams, tickets } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import type { Ctx } from "../kernel/index.js";
import { SENTIMENTS, type SentimentLabel } from "./sentiment.js";

export interface RoutingAnalytics {
  total: number;
  /** Tickets in a status that still needs work. */
  active: number;
  byStatus: Record<TicketStatus, number>;
  byPriority: Record<Level, number>;
  /** Stored categories as they are; tickets without one count under `null`'s key "uncategorized". */
  byCategory: Record<string, number>;
  /** Per team (null: no team), largest first. */
  byTeam: { teamId: string | null; name: string | null; count: number }[];
  /** Intake sentiment of routed tickets; tickets created without routing are "not_analyzed". */
  sentiment: Record<SentimentLabel | "not_analyzed", number>;
  /** Routed tickets whose text used strongly negative words. */
  angry: number;
  resolved: number;
  /** Mean of resolvedAt − createdAt over tickets that have been resolved; null when none. */
  averageResolutionHours: number | null;
}

interface Group {
  status: string;
  priority: number;
  category: string | null;
  teamId: string | null;
  sentiment: string | null;
  angry: boolean;
  n: number;
  resolved: number;
  seconds: number;
}

/**
 * Seed 004's analytics over every ticket of the workspace, in one grouped
 * scan: totals by status, priority, category, team and intake sentiment, and
 * the average resolution time.
 */
export async function routingAnalytics(ctx: Ctx): Promise<RoutingAnalytics> {
  authorize(ctx.actor, "report:read");
  const sentimentSql = sql`${tickets.customFields}->'sentiment'->>'label'`;
  const angrySql = sql`coalesce(${tickets.customFields}->'sentiment'->>'angry' = 'true', false)`;
  const groups = (await ctx.db
    .select({
      status: tickets.status,
      priority: tickets.priority,
      category: tickets.category,
      teamId: tickets.teamId,
      sentiment: sql<string | null>`${sentimentSql}`,
      angry: sql<boolean>`${angrySql}`,
      n: sql<number>`count(*)::int`,
      resolved: sql<number>`count(${tickets.resolvedAt})::int`,
      seconds: sql<number>`coalesce(sum(extract(epoch from ${tickets.resolvedAt} - ${tickets.createdAt})), 0)::float8`,
    })
    .from(tickets)
    .where(eq(tickets.workspaceId, ctx.workspaceId))
    .groupBy(tickets.status, tickets.priority, tickets.category, tickets.teamId, sentimentSql, angrySql)) as Group[];
  const teamNames = new Map(
    (
      await ctx.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, ctx.workspaceId))
    ).map((t) => [t.id, t.name]),
  );

  const out: RoutingAnalytics = {
    total: 0,
    active: 0,
    byStatus: Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>,
    byPriority: Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>,
    byCategory: {},
    byTeam: [],
    sentiment: { positive: 0, neutral: 0, negative: 0, not_analyzed: 0 },
    angry: 0,
    resolved: 0,
    averageResolutionHours: null,
  };
  const byTeam = new Map<string | null, number>();
  let seconds = 0;
  for (const g of groups) {
    const n = Number(g.n);
    out.total += n;
    if ((ACTIVE_STATUSES as readonly string[]).includes(g.status)) out.active += n;
    out.byStatus[g.status as TicketStatus] += n;
    out.byPriority[levelOf(g.priority)] += n;
    const category = g.category ?? "uncategorized";
    out.byCategory[category] = (out.byCategory[category] ?? 0) + n;
    byTeam.set(g.teamId, (byTeam.get(g.teamId) ?? 0) + n);
    const label = (SENTIMENTS as readonly (string | null)[]).includes(g.sentiment)
      ? (g.sentiment as SentimentLabel)
      : "not_analyzed";
    out.sentiment[label] += n;
    if (g.angry) out.angry += n;
    out.resolved += Number(g.resolved);
    seconds += Number(g.seconds);
  }
  out.byTeam = [...byTeam.entries()]
    .map(([teamId, count]) => ({ teamId, name: teamId ? (teamNames.get(teamId) ?? null) : null, count }))
    .sort((a, b) => b.count - a.count || (a.name ?? "~").localeCompare(b.name ?? "~"));
  out.averageResolutionHours = out.resolved > 0 ? Math.round((seconds / out.resolved / 3600) * 100) / 100 : null;
  return out;
}
