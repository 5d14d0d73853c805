import type { Level } from "../../../common/enums.js";
import { CATEGORY_FAMILY, isCategory } from "./detect-category.js";

/**
 * Seed 003's auto-assignment as pure decisions over loaded facts:
 * team by category, else the fallback team; within the team, critical → the
 * team lead, otherwise skilled agents first, then least workload, ties to
 * whoever was assigned longest ago (round-robin).
 */

export interface RoutingTeam {
  id: string;
  name: string;
  categories: readonly string[];
  leadAgentId: string | null;
  createdAt: Date;
}

export interface RoutingAgent {
  id: string;
  name: string;
  email: string;
  skills: readonly string[];
  active: boolean;
  /** Active tickets assigned to the agent. */
  workload: number;
  /** When the agent was last given a ticket (null: never, or nothing active). */
  lastAssignedAt: Date | null;
}

export type TeamRule = "category" | "family" | "fallback" | "none";
export type AgentRule = "team_lead" | "least_loaded" | "no_agents";

const lower = (s: string) => s.trim().toLowerCase();
const byAge = (a: RoutingTeam, b: RoutingTeam) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The seed 004 family of a category when it differs from it ("bug_report" → "technical"). */
function familyOf(category: string): string | undefined {
  return isCategory(category) && CATEGORY_FAMILY[category] !== category ? CATEGORY_FAMILY[category] : undefined;
}

/**
 * The team for a category: the (oldest) team whose categories contain it;
 * else one that handles its seed 004 family; else the fallback team — the
 * team named "General", or else the oldest team with no categories; else none.
 */
export function chooseTeam(
  teams: readonly RoutingTeam[],
  rawCategory: string,
): { team: RoutingTeam | null; rule: TeamRule } {
  const category = lower(rawCategory);
  const sorted = [...teams].sort(byAge);
  const handling = (c: string) => sorted.find((t) => t.categories.some((tc) => lower(tc) === c));
  const exact = handling(category);
  if (exact) return { team: exact, rule: "category" };
  const family = familyOf(category);
  const viaFamily = family ? handling(family) : undefined;
  if (viaFamily) return { team: viaFamily, rule: "family" };
  const fallback = sorted.find((t) => lower(t.name) === "general") ?? sorted.find((t) => t.categories.length === 0);
  if (fallback) return { team: fallback, rule: "fallback" };
  return { team: null, rule: "none" };
}

export interface AgentChoice {
  agent: RoutingAgent | null;
  rule: AgentRule;
  /** The agent has the category (or its family) among their skills. */
  skillMatch: boolean;
  /** Critical ticket, but the team has no active lead. */
  leadUnavailable: boolean;
  /** Other candidates had the same workload: the tie went to the longest-idle one. */
  tieBroken: boolean;
}

const idleOrder = (a: RoutingAgent, b: RoutingAgent) =>
  a.workload - b.workload ||
  (a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) -
    (b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) ||
  a.name.localeCompare(b.name) ||
  a.id.localeCompare(b.id);

/**
 * The agent within a team. Critical priority goes to the team lead when the
 * lead is active. Otherwise, among active members, those skilled in the
 * category (or its seed 004 family) are preferred; the least loaded wins,
 * and equal loads go round-robin: to the one assigned longest ago.
 */
export function chooseAgent(
  members: readonly RoutingAgent[],
  lead: RoutingAgent | undefined,
  opts: { category: string; level: Level },
): AgentChoice {
  const critical = opts.level === "critical";
  if (critical && lead?.active) {
    return { agent: lead, rule: "team_lead", skillMatch: false, leadUnavailable: false, tieBroken: false };
  }
  const leadUnavailable = critical;
  const candidates = members.filter((a) => a.active);
  if (candidates.length === 0) {
    return { agent: null, rule: "no_agents", skillMatch: false, leadUnavailable, tieBroken: false };
  }
  const category = lower(opts.category);
  const family = familyOf(category);
  const skilled = candidates.filter((a) =>
    a.skills.some((s) => lower(s) === category || (family !== undefined && lower(s) === family)),
  );
  const pool = [...(skilled.length > 0 ? skilled : candidates)].sort(idleOrder);
  const agent = pool[0] as RoutingAgent;
  return {
    agent,
    rule: "least_loaded",
    skillMatch: skilled.length > 0,
    leadUnavailable,
    tieBroken: pool.filter((a) => a.workload === agent.workload).length > 1,
  };
}

/** One line a person can read: "category billing → team Finance; least loaded agent Ana (2 active)". */
export function describeRoute(
  category: string,
  team: { team: RoutingTeam | null; rule: TeamRule },
  agent?: AgentChoice,
) {
  const parts: string[] = [];
  switch (team.rule) {
    case "category":
      parts.push(`category ${category} → team ${team.team?.name}`);
      break;
    case "family":
      parts.push(`category ${category} (${familyOf(lower(category))}) → team ${team.team?.name}`);
      break;
    case "fallback":
      parts.push(`no team handles category ${category} → fallback team ${team.team?.name}`);
      break;
    case "none":
      return `category ${category}: no team handles it and there is no fallback team (a team named "General" or one without categories); left unassigned`;
  }
  if (!agent) return parts.join("; ");
  if (agent.leadUnavailable) parts.push("critical priority but the team has no active lead");
  if (agent.rule === "team_lead" && agent.agent) parts.push(`critical priority → team lead ${agent.agent.name}`);
  else if (agent.rule === "no_agents") parts.push("no active agents in the team: team only");
  else if (agent.agent) {
    let s = `least loaded agent ${agent.agent.name} (${agent.agent.workload} active)`;
    if (agent.skillMatch) s += `, skilled in ${category}`;
    if (agent.tieBroken) s += ", assigned longest ago among equals";
    parts.push(s);
  }
  return parts.join("; ");
}
