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
  const [agent] = await db
    .select({ teamsOnly: agents.teamsOnly })
    .from(agents)
    .where(and(eq(agents.id, ctx.actor.id), eq(agents.workspaceId, ctx.workspaceId)));
  if (!agent?.teamsOnly) return null;
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.agentId, ctx.actor.id));
  return rows.map((r) => r.teamId);
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
