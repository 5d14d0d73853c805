import type { Level, TeamStrategy } from "../../../common/enums.js";
import { type AvailabilityFacts, eligiblePool, leadUnavailability } from "./availability.js";
import { CATEGORY_FAMILY, isCategory } from "./detect-category.js";

/**
 * Seed 003's auto-assignment as pure decisions over loaded facts (ADR 7, 10):
 * team by category, else the fallback team; within the team, critical → the
 * team lead, otherwise the team's strategy (round-robin, least loaded or skill
 * match) among eligible members: active, available and under capacity.
 */

export interface RoutingTeam {
  id: string;
  name: string;
  categories: readonly string[];
  leadAgentId: string | null;
  createdAt: Date;
  strategy: TeamStrategy;
  /** Round-robin: the member who got the team's last ticket. */
  lastAssignedAgentId: string | null;
}

export interface RoutingAgent extends AvailabilityFacts {
  id: string;
  name: string;
  email: string;
  skills: readonly string[];
  /** When the agent was last given a ticket (null: never, or nothing active). */
  lastAssignedAt: Date | null;
}

/** How the team was found: by category, its family, the fallback, the ticket's own team, or asked for. */
export type TeamRule = "category" | "family" | "fallback" | "ticket" | "requested" | "none";
export type AgentRule = "team_lead" | TeamStrategy | "no_agents";

const lower = (s: string) => s.trim().toLowerCase();
const byAge = (a: RoutingTeam, b: RoutingTeam) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The seed 004 family of a category when it differs from it ("bug_report" → "technical"). */
export function familyOf(category: string): string | undefined {
  return isCategory(category) && CATEGORY_FAMILY[category] !== category ? CATEGORY_FAMILY[category] : undefined;
}

/** The fallback team: the one named "General", else the oldest team without categories. */
export function fallbackTeam<T extends RoutingTeam>(teams: readonly T[]): T | undefined {
  const sorted = [...teams].sort(byAge);
  return sorted.find((t) => lower(t.name) === "general") ?? sorted.find((t) => t.categories.length === 0);
}

/**
 * The team for a category: the (oldest) team whose categories contain it;
 * else one that handles its seed 004 family; else the fallback team — the
 * team named "General", or else the oldest team with no categories; else none.
 */
export function chooseTeam<T extends RoutingTeam>(
  teams: readonly T[],
  rawCategory: string,
): { team: T | null; rule: TeamRule } {
  const category = lower(rawCategory);
  const sorted = [...teams].sort(byAge);
  const handling = (c: string) => sorted.find((t) => t.categories.some((tc) => lower(tc) === c));
  const exact = category ? handling(category) : undefined;
  if (exact) return { team: exact, rule: "category" };
  const family = familyOf(category);
  const viaFamily = family ? handling(family) : undefined;
  if (viaFamily) return { team: viaFamily, rule: "family" };
  const fallback = fallbackTeam(sorted);
  if (fallback) return { team: fallback, rule: "fallback" };
  return { team: null, rule: "none" };
}

export interface AgentChoice {
  agent: RoutingAgent | null;
  rule: AgentRule;
  /** The team's strategy (what was used unless the lead took a critical ticket). */
  strategy: TeamStrategy;
  /** least_loaded: skilled in the category (or family); skill_match: the skills that matched. */
  matchedSkills: string[];
  /** skill_match: the skills looked for (category, its family, the ticket's tags). */
  wantedSkills: string[];
  /** skill_match: nobody eligible had a matching skill, so least loaded decided. */
  noneSkilled: boolean;
  /** Critical ticket, but the lead could not take it: why. */
  leadUnavailable: string | undefined;
  /** Other candidates had the same workload: the tie went to the longest-idle one. */
  tieBroken: boolean;
  /** Chosen among `away` agents because no online agent was eligible. */
  away: boolean;
  /** round_robin: the member who had the previous turn. */
  after: RoutingAgent | undefined;
  /** Members of the team (for "all 3 agents at capacity or unavailable"), and how many are active. */
  members: number;
  activeMembers: number;
}

export interface TicketFacts {
  category: string;
  level: Level;
  tags?: readonly string[] | undefined;
}

const idleOrder = (a: RoutingAgent, b: RoutingAgent) =>
  a.workload - b.workload ||
  (a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) -
    (b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY) ||
  a.name.localeCompare(b.name) ||
  a.id.localeCompare(b.id);

const byNameId = (a: RoutingAgent, b: RoutingAgent) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** Skills of the agent found in `wanted` (lowercased), once each, in the agent's order. */
function matching(agent: RoutingAgent, wanted: ReadonlySet<string>): string[] {
  return [...new Set(agent.skills.map(lower))].filter((s) => wanted.has(s));
}

const lastTime = (a: RoutingAgent) => a.lastAssignedAt?.getTime() ?? null;

/** Least loaded, ties to whoever was given a ticket longest ago (then by name). */
function leastLoaded(pool: RoutingAgent[]): { agent: RoutingAgent; tieBroken: boolean } {
  const sorted = [...pool].sort(idleOrder);
  const agent = sorted[0] as RoutingAgent;
  // "Assigned longest ago" decided only if an equally loaded agent was given one at another time.
  const tieBroken = sorted.some((a) => a.workload === agent.workload && lastTime(a) !== lastTime(agent));
  return { agent, tieBroken };
}

/** The next eligible member after the previous turn, in a stable order (name, id), wrapping around. */
function nextInTurn(members: readonly RoutingAgent[], pool: RoutingAgent[], lastId: string | null) {
  const order = [...members].sort(byNameId);
  const eligible = new Set(pool.map((a) => a.id));
  const start = lastId ? order.findIndex((a) => a.id === lastId) : -1;
  for (let i = 1; i <= order.length; i++) {
    const a = order[(start + i) % order.length] as RoutingAgent;
    if (eligible.has(a.id)) return { agent: a, after: start >= 0 ? order[start] : undefined };
  }
  return { agent: pool[0] as RoutingAgent, after: undefined };
}

/**
 * The agent within a team. A critical ticket goes to the team lead when the
 * lead is active and neither offline nor out of office (capacity does not
 * stop the lead). Otherwise the team's strategy chooses among eligible members
 * (active, online — or away when nobody online qualifies — and under capacity):
 * - round_robin: the next eligible member after the previous turn (name order);
 * - least_loaded: members skilled in the category (or its family) first, then
 *   fewest active tickets, ties to the one given a ticket longest ago;
 * - skill_match: most skills matching the category, its family or the ticket's
 *   tags first, then least loaded; nobody skilled → least loaded of all.
 */
export function chooseAgent(
  members: readonly RoutingAgent[],
  lead: RoutingAgent | undefined,
  ticket: TicketFacts,
  team: { strategy: TeamStrategy; lastAssignedAgentId?: string | null | undefined },
  now: Date,
): AgentChoice {
  const base: AgentChoice = {
    agent: null,
    rule: "no_agents",
    strategy: team.strategy,
    matchedSkills: [],
    wantedSkills: [],
    noneSkilled: false,
    leadUnavailable: undefined,
    tieBroken: false,
    away: false,
    after: undefined,
    members: members.length,
    activeMembers: members.filter((a) => a.active).length,
  };
  if (ticket.level === "critical") {
    const why = leadUnavailability(lead, now);
    if (!why && lead) return { ...base, agent: lead, rule: "team_lead" };
    base.leadUnavailable = why;
  }
  const pool = eligiblePool(members, now);
  if (pool.agents.length === 0) return base;
  const chosen = { ...base, away: pool.away, rule: team.strategy };
  const category = lower(ticket.category);
  const family = familyOf(category);
  const categorySkills = new Set([category, ...(family ? [family] : [])].filter(Boolean));

  if (team.strategy === "round_robin") {
    const { agent, after } = nextInTurn(members, pool.agents, team.lastAssignedAgentId ?? null);
    return { ...chosen, agent, after };
  }
  if (team.strategy === "skill_match") {
    const wanted = new Set([...categorySkills, ...(ticket.tags ?? []).map(lower).filter(Boolean)]);
    const scored = pool.agents.map((a) => ({ a, m: matching(a, wanted) })).filter((s) => s.m.length > 0);
    const wantedSkills = [...wanted];
    if (scored.length === 0) return { ...chosen, ...leastLoaded(pool.agents), wantedSkills, noneSkilled: true };
    const best = Math.max(...scored.map((s) => s.m.length));
    const top = scored.filter((s) => s.m.length === best);
    const { agent, tieBroken } = leastLoaded(top.map((s) => s.a));
    return { ...chosen, agent, tieBroken, wantedSkills, matchedSkills: top.find((s) => s.a === agent)?.m ?? [] };
  }
  const skilled = pool.agents.filter((a) => matching(a, categorySkills).length > 0);
  const { agent, tieBroken } = leastLoaded(skilled.length > 0 ? skilled : pool.agents);
  return { ...chosen, agent, tieBroken, matchedSkills: skilled.length > 0 ? matching(agent, categorySkills) : [] };
}
