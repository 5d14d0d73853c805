import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Level } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { ACTIVE_STATUS_SQL, agents, teamMembers, teams, tickets } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import {
  type AgentRule,
  chooseAgent,
  chooseTeam,
  describeRoute,
  type RoutingAgent,
  type TeamRule,
} from "./assign-strategy.js";

export interface RouteDecision {
  category: string;
  team: { id: string; name: string } | null;
  agent: { id: string; name: string; email: string } | null;
  teamRule: TeamRule;
  agentRule: AgentRule | null;
  /** Why, in one line: recorded in the ticket's timeline. */
  reason: string;
}

/**
 * Chooses team and agent for a new ticket (seed 003) from the workspace's
 * teams, their active members and every candidate's active workload. Runs in
 * the creating transaction; a per-team advisory lock makes concurrent
 * decisions for one team take turns, so two tickets created at the same
 * moment see each other's workload instead of both going to the same agent.
 */
export async function decideRoute(tx: Tx, ctx: Ctx, input: { category: string; level: Level }): Promise<RouteDecision> {
  const teamRows = await tx
    .select({
      id: teams.id,
      name: teams.name,
      categories: teams.categories,
      leadAgentId: teams.leadAgentId,
      createdAt: teams.createdAt,
    })
    .from(teams)
    .where(eq(teams.workspaceId, ctx.workspaceId));
  const teamChoice = chooseTeam(teamRows, input.category);
  const team = teamChoice.team;
  if (!team) {
    return {
      category: input.category,
      team: null,
      agent: null,
      teamRule: "none",
      agentRule: null,
      reason: describeRoute(input.category, teamChoice),
    };
  }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`helpline:route:${team.id}`}))`);

  const memberRows = await tx
    .select({ id: agents.id, name: agents.name, email: agents.email, skills: agents.skills, active: agents.active })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .where(and(eq(teamMembers.workspaceId, ctx.workspaceId), eq(teamMembers.teamId, team.id)));
  const people = new Map(memberRows.map((r) => [r.id, r]));
  if (team.leadAgentId && !people.has(team.leadAgentId)) {
    const [lead] = await tx
      .select({ id: agents.id, name: agents.name, email: agents.email, skills: agents.skills, active: agents.active })
      .from(agents)
      .where(and(eq(agents.workspaceId, ctx.workspaceId), eq(agents.id, team.leadAgentId)));
    if (lead) people.set(lead.id, lead);
  }
  const ids = [...people.keys()];
  const loads =
    ids.length === 0
      ? []
      : await tx
          .select({ id: tickets.assigneeId, n: sql<number>`count(*)::int`, last: max(tickets.createdAt) })
          .from(tickets)
          .where(
            and(
              eq(tickets.workspaceId, ctx.workspaceId),
              inArray(tickets.assigneeId, ids),
              sql`${tickets.status} in ${ACTIVE_STATUS_SQL}`,
            ),
          )
          .groupBy(tickets.assigneeId);
  const load = new Map(loads.map((l) => [l.id, l]));
  const candidate = (id: string): RoutingAgent | undefined => {
    const p = people.get(id);
    if (!p) return undefined;
    const l = load.get(id);
    const last = l?.last ?? null;
    return {
      ...p,
      workload: Number(l?.n ?? 0),
      lastAssignedAt: last === null ? null : new Date(last),
    };
  };
  const members = memberRows.map((m) => candidate(m.id)).filter((a): a is RoutingAgent => a !== undefined);
  const lead = team.leadAgentId ? candidate(team.leadAgentId) : undefined;
  const choice = chooseAgent(members, lead, input);
  return {
    category: input.category,
    team: { id: team.id, name: team.name },
    agent: choice.agent ? { id: choice.agent.id, name: choice.agent.name, email: choice.agent.email } : null,
    teamRule: teamChoice.rule,
    agentRule: choice.rule,
    reason: describeRoute(input.category, teamChoice, choice),
  };
}
