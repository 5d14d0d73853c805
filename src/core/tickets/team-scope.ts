import { and, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { agents, teamMembers, tickets } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import type { TicketRow } from "./ticket.js";

/**
 * Agents flagged `teamsOnly` work only on tickets of their teams, tickets not yet
 * routed to any team, and tickets assigned to them (seed 001: "agent: workspace
 * tickets, optionally limited to their teams"). Managers and superadmins see all.
 * Returns the agent's team ids, or null when the agent is not limited.
 */
export async function teamScope(db: Tx, ctx: Ctx): Promise<string[] | null> {
  if (ctx.actor.type !== "agent" || ctx.actor.role !== "agent") return null;
  // One query on every ticket read: the flag and the memberships together.
  const rows = await db
    .select({ teamsOnly: agents.teamsOnly, teamId: teamMembers.teamId })
    .from(agents)
    .leftJoin(teamMembers, eq(teamMembers.agentId, agents.id))
    .where(and(eq(agents.id, ctx.actor.id), eq(agents.workspaceId, ctx.workspaceId)));
  if (!rows[0]?.teamsOnly) return null;
  return rows.flatMap((r) => (r.teamId ? [r.teamId] : []));
}

export function inTeamScope(row: Pick<TicketRow, "teamId" | "assigneeId">, scope: string[], agentId: string): boolean {
  return row.teamId === null || row.assigneeId === agentId || scope.includes(row.teamId);
}

export function teamScopeFilter(scope: string[], agentId: string): SQL | undefined {
  return or(
    isNull(tickets.teamId),
    eq(tickets.assigneeId, agentId),
    scope.length > 0 ? inArray(tickets.teamId, scope) : undefined,
  );
}
