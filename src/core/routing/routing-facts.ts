import { and, eq, inArray, sql } from "drizzle-orm";
import type { AgentAvailability, TeamStrategy } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { ACTIVE_STATUS_SQL, agents, agentWorkloads, teamMembers, teams, tickets } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import type { RoutingAgent, RoutingTeam } from "./assign-strategy.js";

/** The workspace's teams, as routing sees them. */
export async function loadRoutingTeams(tx: Tx, ctx: Ctx): Promise<RoutingTeam[]> {
  const rows = await tx
    .select({
      id: teams.id,
      name: teams.name,
      categories: teams.categories,
      leadAgentId: teams.leadAgentId,
      createdAt: teams.createdAt,
      strategy: teams.strategy,
      lastAssignedAgentId: teams.lastAssignedAgentId,
    })
    .from(teams)
    .where(eq(teams.workspaceId, ctx.workspaceId));
  return rows.map((r) => ({ ...r, strategy: r.strategy as TeamStrategy }));
}

export interface TeamFacts {
  team: RoutingTeam;
  members: RoutingAgent[];
  lead: RoutingAgent | undefined;
}

const person = {
  id: agents.id,
  name: agents.name,
  email: agents.email,
  skills: agents.skills,
  active: agents.active,
  capacity: agents.capacity,
  availability: agents.availability,
  awayUntil: agents.awayUntil,
};

/**
 * A team's members and lead with their active workloads. Takes the team's
 * advisory lock first, so concurrent decisions for one team take turns and
 * each sees the tickets the previous one assigned. `excludeTicketId`: the
 * ticket being routed does not count towards its current assignee's load.
 */
export async function loadTeamFacts(
  tx: Tx,
  ctx: Ctx,
  team: RoutingTeam,
  opts: { excludeTicketId?: string | undefined } = {},
): Promise<TeamFacts> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`helpline:route:${team.id}`}))`);
  const memberRows = await tx
    .select(person)
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .where(and(eq(teamMembers.workspaceId, ctx.workspaceId), eq(teamMembers.teamId, team.id)));
  const people = new Map(memberRows.map((r) => [r.id, r]));
  if (team.leadAgentId && !people.has(team.leadAgentId)) {
    const [lead] = await tx
      .select(person)
      .from(agents)
      .where(and(eq(agents.workspaceId, ctx.workspaceId), eq(agents.id, team.leadAgentId)));
    if (lead) people.set(lead.id, lead);
  }
  const ids = [...people.keys()];
  // Workloads are counters kept by triggers on tickets (migration 0006): one row per agent.
  const loads =
    ids.length === 0
      ? []
      : (
          await tx
            .select({ id: agentWorkloads.agentId, n: agentWorkloads.openCount, last: agentWorkloads.lastAssignedAt })
            .from(agentWorkloads)
            .where(inArray(agentWorkloads.agentId, ids))
        ).map((l) => ({ ...l, n: Number(l.n) }));
  if (opts.excludeTicketId && ids.length > 0) {
    const [routed] = await tx
      .select({ assigneeId: tickets.assigneeId })
      .from(tickets)
      .where(and(eq(tickets.id, opts.excludeTicketId), sql`${tickets.status} in ${ACTIVE_STATUS_SQL}`));
    const own = routed?.assigneeId ? loads.find((l) => l.id === routed.assigneeId) : undefined;
    if (own) own.n = Math.max(0, own.n - 1);
  }
  const load = new Map(loads.map((l) => [l.id, l]));
  const candidate = (id: string): RoutingAgent | undefined => {
    const p = people.get(id);
    if (!p) return undefined;
    const l = load.get(id);
    const last = l?.last ?? null;
    return {
      ...p,
      availability: p.availability as AgentAvailability,
      awayUntil: p.awayUntil === null ? null : new Date(p.awayUntil),
      workload: Number(l?.n ?? 0),
      lastAssignedAt: last === null ? null : new Date(last),
    };
  };
  return {
    team,
    members: memberRows.map((m) => candidate(m.id)).filter((a): a is RoutingAgent => a !== undefined),
    lead: team.leadAgentId ? candidate(team.leadAgentId) : undefined,
  };
}

/** Round-robin: remember who had the team's last turn (in the routing transaction). */
export async function recordTurn(tx: Tx, ctx: Ctx, teamId: string, agentId: string): Promise<void> {
  await tx
    .update(teams)
    .set({ lastAssignedAgentId: agentId })
    .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, teamId)));
}
