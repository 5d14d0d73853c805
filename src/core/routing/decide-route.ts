import type { Level, TeamStrategy } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import type { Ctx } from "../kernel/index.js";
import {
  type AgentChoice,
  type AgentRule,
  chooseAgent,
  chooseTeam,
  fallbackTeam,
  type RoutingTeam,
  type TeamRule,
  type TicketFacts,
} from "./assign-strategy.js";
import { describeRoute, type FallbackOutcome } from "./describe-route.js";
import { loadRoutingTeams, loadTeamFacts, recordTurn } from "./routing-facts.js";

export interface RouteDecision {
  category: string;
  /** The ticket's team: the chosen one, or the fallback team when it gave the agent. */
  team: { id: string; name: string } | null;
  agent: { id: string; name: string; email: string } | null;
  teamRule: TeamRule;
  agentRule: AgentRule | null;
  /** The strategy of the team the agent came from (null without a team). */
  strategy: TeamStrategy | null;
  /** The chosen team had nobody eligible and the fallback team's agent took the ticket. */
  overflowFrom: { id: string; name: string } | null;
  /** Why, in one line: recorded in the ticket's timeline. */
  reason: string;
}

const ref = (t: { id: string; name: string }) => ({ id: t.id, name: t.name });

/**
 * The agent for a ticket in `team`: its lead or strategy; when nobody there is
 * eligible, the fallback team's agents (the ticket then moves to that team);
 * still nobody → the team, unassigned. Advances the round-robin pointer of the
 * team whose turn was used, in the caller's transaction.
 */
export async function assignWithin(
  tx: Tx,
  ctx: Ctx,
  found: { team: RoutingTeam; rule: TeamRule },
  allTeams: readonly RoutingTeam[],
  ticket: TicketFacts,
  opts: { excludeTicketId?: string | undefined } = {},
): Promise<RouteDecision> {
  const now = ctx.clock.now();
  const choose = async (team: RoutingTeam): Promise<AgentChoice> => {
    const facts = await loadTeamFacts(tx, ctx, team, opts);
    return chooseAgent(facts.members, facts.lead, ticket, team, now);
  };
  let team = found.team;
  const choice = await choose(team);
  let fallback: FallbackOutcome | undefined;
  let overflowFrom: RoutingTeam | null = null;
  if (!choice.agent) {
    const spare = fallbackTeam(allTeams);
    if (spare && spare.id !== team.id) {
      const other = await choose(spare);
      fallback = { team: spare, choice: other };
      if (other.agent) {
        overflowFrom = team;
        team = spare;
      }
    }
  }
  const reason = describeRoute(ticket.category, found, choice, fallback);
  const used = overflowFrom && fallback ? fallback.choice : choice;
  if (used.agent && used.rule === "round_robin") await recordTurn(tx, ctx, team.id, used.agent.id);
  return {
    category: ticket.category,
    team: ref(team),
    agent: used.agent ? { id: used.agent.id, name: used.agent.name, email: used.agent.email } : null,
    teamRule: found.rule,
    agentRule: used.rule,
    strategy: team.strategy,
    overflowFrom: overflowFrom ? ref(overflowFrom) : null,
    reason,
  };
}

/**
 * Chooses team and agent for a new ticket (seed 003) from the workspace's
 * teams, their members' availability and capacity, and every candidate's
 * active workload. Runs in the creating transaction; a per-team advisory lock
 * makes concurrent decisions for one team take turns, so two tickets created
 * at the same moment see each other's workload instead of both going to the
 * same agent.
 */
export async function decideRoute(
  tx: Tx,
  ctx: Ctx,
  input: { category: string; level: Level; tags?: readonly string[] | undefined },
): Promise<RouteDecision> {
  const allTeams = await loadRoutingTeams(tx, ctx);
  const found = chooseTeam(allTeams, input.category);
  if (!found.team) {
    return {
      category: input.category,
      team: null,
      agent: null,
      teamRule: "none",
      agentRule: null,
      strategy: null,
      overflowFrom: null,
      reason: describeRoute(input.category, found),
    };
  }
  return assignWithin(tx, ctx, { team: found.team, rule: found.rule }, allTeams, input);
}
