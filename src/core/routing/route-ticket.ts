import type { Level } from "../../../common/enums.js";
import { effectivePriority, levelOf } from "../../../common/priority.js";
import type { Tx } from "../../db/connection.js";
import { type Ctx, isUuid, notFound } from "../kernel/index.js";
import { chooseTeam, type RoutingTeam, type TeamRule } from "./assign-strategy.js";
import { assignWithin, type RouteDecision } from "./decide-route.js";
import { describeRoute } from "./describe-route.js";
import { loadRoutingTeams } from "./routing-facts.js";

/** What routing needs to know about an existing ticket. */
export interface RoutableTicket {
  id: string;
  category: string | null;
  /** Effective priority, 1 critical … 4 low. */
  priority: number;
  urgency: Level;
  importance: Level;
  tags: readonly string[];
  teamId: string | null;
}

/** Critical when the stored priority or the urgency × importance matrix says so. */
function levelFor(t: RoutableTicket): Level {
  return t.priority === 1 || effectivePriority(t.urgency, t.importance) === "critical"
    ? "critical"
    : levelOf(t.priority);
}

const lower = (s: string) => s.trim().toLowerCase();

function requestedTeam(teams: readonly RoutingTeam[], ref: string): RoutingTeam {
  const key = ref.trim();
  const team = isUuid(key)
    ? teams.find((t) => t.id === key.toLowerCase())
    : (teams.find((t) => t.name === key) ?? teams.find((t) => lower(t.name) === lower(key)));
  if (!team) throw notFound("team.not_found", `No team "${ref}" in this workspace.`, "team");
  return team;
}

/**
 * Decides team and agent for an existing ticket (the automation `assign`
 * action): the team asked for (`opts.team`, id or name), else the ticket's
 * team, else the team for its category, else the fallback team; then the
 * team's lead or strategy among eligible agents, falling back to the fallback
 * team's agents. Writes nothing of the ticket — the caller assigns it and
 * records `reason` — except the round-robin pointer of the team whose turn was
 * used, in `tx`. The ticket does not count towards its current assignee's load.
 */
export async function routeTicket(
  tx: Tx,
  ctx: Ctx,
  ticket: RoutableTicket,
  opts: { team?: string | undefined } = {},
): Promise<RouteDecision> {
  const teams = await loadRoutingTeams(tx, ctx);
  const category = ticket.category?.trim().toLowerCase() ?? "";
  let found: { team: RoutingTeam | null; rule: TeamRule };
  const own = ticket.teamId ? teams.find((t) => t.id === ticket.teamId) : undefined;
  if (opts.team !== undefined) found = { team: requestedTeam(teams, opts.team), rule: "requested" };
  else if (own) found = { team: own, rule: "ticket" };
  else found = chooseTeam(teams, category);
  if (!found.team) {
    return {
      category,
      team: null,
      agent: null,
      teamRule: "none",
      agentRule: null,
      strategy: null,
      overflowFrom: null,
      reason: describeRoute(category, found),
    };
  }
  const facts = { category, level: levelFor(ticket), tags: ticket.tags };
  return assignWithin(tx, ctx, { team: found.team, rule: found.rule }, teams, facts, { excludeTicketId: ticket.id });
}
