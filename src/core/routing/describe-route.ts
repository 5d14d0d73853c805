import type { AgentChoice, RoutingTeam, TeamRule } from "./assign-strategy.js";
import { familyOf } from "./assign-strategy.js";

/** Where the agent came from when the chosen team had nobody eligible. */
export interface FallbackOutcome {
  team: Pick<RoutingTeam, "name">;
  choice: AgentChoice;
}

function load(a: { workload: number; capacity: number | null }): string {
  return a.capacity === null ? `${a.workload} active` : `${a.workload} active of ${a.capacity}`;
}

/** Why nobody in the team could take the ticket. */
function nobody(teamName: string, c: AgentChoice): string {
  if (c.activeMembers === 0) return "no active agents in the team";
  if (c.members === 1) return `${teamName}: its only agent is at capacity or unavailable`;
  return `${teamName}: all ${c.members} agents at capacity or unavailable`;
}

/** The agent half of the reason: "least loaded agent Ana (3 active of 10), skilled in billing". */
export function describeChoice(category: string, c: AgentChoice): string {
  const a = c.agent;
  if (!a) return "nobody eligible";
  if (c.rule === "team_lead") return `critical priority → team lead ${a.name}`;
  let s: string;
  if (c.rule === "round_robin") {
    s = `round-robin agent ${a.name} (${c.after ? `next after ${c.after.name}` : "first in name order"})`;
  } else if (c.rule === "skill_match" && !c.noneSkilled) {
    s = `skill match agent ${a.name} (${c.matchedSkills.join(", ")}; ${load(a)})`;
  } else {
    s = `least loaded agent ${a.name} (${load(a)})`;
    if (c.noneSkilled) s = `nobody skilled in ${c.wantedSkills.join(", ") || "the category"}: ${s}`;
    else if (c.matchedSkills.length > 0) s += `, skilled in ${category}`;
  }
  if (c.tieBroken) s += ", assigned longest ago among equals";
  if (c.away) s += ", away (nobody online)";
  return s;
}

function describeTeam(category: string, team: { team: Pick<RoutingTeam, "name"> | null; rule: TeamRule }) {
  const name = team.team?.name;
  const what = category ? `category ${category}` : "no category";
  switch (team.rule) {
    case "category":
      return `${what} → team ${name}`;
    case "family":
      return `${what} (${familyOf(category.trim().toLowerCase())}) → team ${name}`;
    case "fallback":
      return category ? `no team handles ${what} → fallback team ${name}` : `no category → fallback team ${name}`;
    case "ticket":
      return `team ${name} (the ticket's team)`;
    case "requested":
      return `team ${name}`;
    case "none":
      return `${what}: no team handles it and there is no fallback team (a team named "General" or one without categories); left unassigned`;
  }
}

/**
 * One line a person can read, recorded in the ticket's timeline:
 * "category billing → team Finance; least loaded agent Ana (2 active of 10)",
 * "team Support; round-robin agent Bo (next after Ana)",
 * "category billing → team Billing; Billing: all 3 agents at capacity or
 * unavailable → fallback team General; least loaded agent Gil (0 active)".
 */
export function describeRoute(
  category: string,
  team: { team: Pick<RoutingTeam, "name"> | null; rule: TeamRule },
  agent?: AgentChoice,
  fallback?: FallbackOutcome,
): string {
  const parts = [describeTeam(category, team)];
  if (team.rule === "none" || !agent || !team.team) return parts[0] as string;
  if (agent.leadUnavailable) parts.push(`critical priority but ${agent.leadUnavailable}`);
  if (agent.agent) {
    parts.push(describeChoice(category, agent));
    return parts.join("; ");
  }
  const none = nobody(team.team.name, agent);
  if (fallback?.choice.agent) {
    parts.push(`${none} → fallback team ${fallback.team.name}`);
    if (fallback.choice.leadUnavailable) parts.push(`critical priority but ${fallback.choice.leadUnavailable}`);
    parts.push(describeChoice(category, fallback.choice));
  } else {
    parts.push(`${none}${fallback ? `, nor anyone in fallback team ${fallback.team.name}` : ""}: team only`);
  }
  return parts.join("; ");
}
