import { describe, expect, it } from "vitest";
import type { TeamStrategy } from "../../../common/enums.js";
import {
  type AgentChoice,
  chooseAgent,
  chooseTeam,
  fallbackTeam,
  type RoutingAgent,
  type RoutingTeam,
  type TicketFacts,
} from "./assign-strategy.js";

const NOW = new Date(Date.UTC(2025, 0, 10, 12));
const day = (n: number) => new Date(Date.UTC(2025, 0, n));
const team = (name: string, categories: string[], createdDay = 1, leadAgentId: string | null = null): RoutingTeam => ({
  id: `team-${name}`,
  name,
  categories,
  leadAgentId,
  createdAt: day(createdDay),
  strategy: "least_loaded",
  lastAssignedAgentId: null,
});
const agent = (name: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id: `agent-${name}`,
  name,
  email: `${name.toLowerCase()}@desk.test`,
  skills: [],
  active: true,
  capacity: null,
  availability: "online",
  awayUntil: null,
  workload: 0,
  lastAssignedAt: null,
  ...over,
});

const FINANCE = team("Finance", ["billing", "payment"]);
const ENGINEERING = team("Engineering", ["technical"]);
const SUCCESS = team("Customer Success", ["account", "general"]);

const billing: TicketFacts = { category: "billing", level: "medium" };
const critical: TicketFacts = { ...billing, level: "critical" };
/** chooseAgent with a strategy (least_loaded unless given) at NOW. */
function pick(
  members: RoutingAgent[],
  ticket: TicketFacts = billing,
  opts: { lead?: RoutingAgent; strategy?: TeamStrategy; last?: string | null } = {},
): AgentChoice {
  return chooseAgent(
    members,
    opts.lead,
    ticket,
    { strategy: opts.strategy ?? "least_loaded", lastAssignedAgentId: opts.last ?? null },
    NOW,
  );
}

describe("chooseTeam", () => {
  it("picks the team whose categories contain the ticket's category", () => {
    expect(chooseTeam([SUCCESS, ENGINEERING, FINANCE], "billing")).toEqual({ team: FINANCE, rule: "category" });
    expect(chooseTeam([SUCCESS, ENGINEERING, FINANCE], "Technical").team).toBe(ENGINEERING);
  });

  it("sends a finer category to the team of its seed 004 family: bug_report → the technical team", () => {
    expect(chooseTeam([SUCCESS, ENGINEERING, FINANCE], "bug_report")).toEqual({ team: ENGINEERING, rule: "family" });
  });

  it("prefers the oldest team when several claim a category", () => {
    const older = team("Billing EU", ["billing"], 1);
    const newer = team("Billing US", ["billing"], 5);
    expect(chooseTeam([newer, older], "billing").team).toBe(older);
  });

  it("falls back to the team named General, whatever its categories", () => {
    const general = team("general", ["misc"], 9);
    expect(chooseTeam([FINANCE, general, team("Triage", [], 2)], "account")).toEqual({
      team: general,
      rule: "fallback",
    });
  });

  it("else falls back to the oldest team without categories; a ticket without category goes there too", () => {
    const triage = team("Triage", [], 3);
    expect(chooseTeam([FINANCE, team("Later", [], 4), triage], "account")).toEqual({ team: triage, rule: "fallback" });
    expect(chooseTeam([FINANCE, triage], "")).toEqual({ team: triage, rule: "fallback" });
    expect(fallbackTeam([FINANCE, ENGINEERING])).toBeUndefined();
  });

  it("chooses no team when none matches and there is no fallback", () => {
    expect(chooseTeam([FINANCE, ENGINEERING], "account")).toEqual({ team: null, rule: "none" });
    expect(chooseTeam([], "billing")).toEqual({ team: null, rule: "none" });
  });
});

describe("eligibility (every strategy)", () => {
  const strategies: TeamStrategy[] = ["least_loaded", "round_robin", "skill_match"];

  it.each(strategies)("%s skips inactive, offline, out-of-office and full agents", (strategy) => {
    const members = [
      agent("Ann", { active: false }),
      agent("Bea", { availability: "offline" }),
      agent("Cal", { availability: "out_of_office", awayUntil: day(20) }),
      agent("Dan", { capacity: 2, workload: 2 }),
      agent("Eve", { capacity: 3, workload: 2 }),
    ];
    expect(pick(members, billing, { strategy }).agent?.name).toBe("Eve");
  });

  it.each(strategies)("%s counts an out-of-office agent whose return time has passed as online", (strategy) => {
    const back = agent("Cal", { availability: "out_of_office", awayUntil: day(10) });
    const stillAway = agent("Dee", { availability: "out_of_office", awayUntil: new Date(NOW.getTime() + 1) });
    expect(pick([stillAway, back], billing, { strategy }).agent).toBe(back);
    const open = agent("Oli", { availability: "out_of_office", awayUntil: null });
    expect(pick([open], billing, { strategy })).toMatchObject({ agent: null, rule: "no_agents" });
  });

  it.each(strategies)("%s gives away agents tickets only when no online agent is eligible", (strategy) => {
    const away = agent("Abe", { availability: "away" });
    const online = agent("Zed", { workload: 7 });
    expect(pick([away, online], billing, { strategy }).agent).toBe(online);
    const full = agent("Zed", { workload: 3, capacity: 3 });
    expect(pick([away, full], billing, { strategy })).toMatchObject({ agent: away, away: true, rule: strategy });
  });

  it("a capacity of 0 takes no routed tickets; null means no limit", () => {
    expect(pick([agent("Zero", { capacity: 0 })]).agent).toBeNull();
    expect(pick([agent("Many", { capacity: null, workload: 500 })]).agent?.name).toBe("Many");
  });

  it("reports nobody eligible with the team's head count", () => {
    const choice = pick([agent("Ann", { capacity: 1, workload: 1 }), agent("Bob", { availability: "offline" })]);
    expect(choice).toMatchObject({ agent: null, rule: "no_agents", members: 2, activeMembers: 2 });
    expect(pick([agent("Off", { active: false })])).toMatchObject({ agent: null, activeMembers: 0 });
    expect(pick([])).toMatchObject({ agent: null, rule: "no_agents", members: 0 });
  });
});

describe("critical tickets → the team lead", () => {
  it("gives a critical ticket to the lead, however loaded and even over capacity", () => {
    const lead = agent("Lea", { workload: 9, capacity: 5 });
    expect(pick([agent("Ann"), lead], critical, { lead })).toMatchObject({ agent: lead, rule: "team_lead" });
  });

  it("gives it to an away lead too", () => {
    const lead = agent("Lea", { availability: "away" });
    expect(pick([agent("Ann"), lead], critical, { lead }).agent).toBe(lead);
  });

  it.each([
    ["offline", { availability: "offline" as const }, "team lead Lea is offline"],
    ["out of office", { availability: "out_of_office" as const, awayUntil: day(12) }, "team lead Lea is out of office"],
    ["deactivated", { active: false }, "the team has no active lead"],
  ])("uses the team's strategy when the lead is %s, and says why", (_, over, why) => {
    const lead = agent("Lea", over);
    const ann = agent("Ann", { workload: 2 });
    const bob = agent("Bob", { workload: 1 });
    expect(pick([ann, bob, lead], critical, { lead })).toMatchObject({
      agent: bob,
      rule: "least_loaded",
      leadUnavailable: why,
    });
  });

  it("a lead back from out of office takes critical work again", () => {
    const lead = agent("Lea", { availability: "out_of_office", awayUntil: day(9) });
    expect(pick([agent("Ann"), lead], critical, { lead }).rule).toBe("team_lead");
  });

  it("without a lead, says so", () => {
    expect(pick([agent("Ann")], critical).leadUnavailable).toBe("the team has no lead");
  });

  it("does not give non-critical tickets to the lead for being the lead", () => {
    const lead = agent("Lea", { workload: 3 });
    expect(pick([lead, agent("Ann", { workload: 1 })], { ...billing, level: "high" }, { lead }).agent?.name).toBe(
      "Ann",
    );
  });
});

describe("least_loaded", () => {
  it("prefers the least loaded agent", () => {
    const choice = pick([agent("Ann", { workload: 3 }), agent("Bob", { workload: 1 })]);
    expect(choice).toMatchObject({ rule: "least_loaded", tieBroken: false });
    expect(choice.agent?.name).toBe("Bob");
  });

  it("breaks equal loads by who was given a ticket longest ago (never first)", () => {
    const ann = agent("Ann", { workload: 1, lastAssignedAt: day(3) });
    const bob = agent("Bob", { workload: 1, lastAssignedAt: day(2) });
    const cid = agent("Cid", { workload: 1, lastAssignedAt: null });
    expect(pick([ann, bob, cid])).toMatchObject({ agent: cid, tieBroken: true });
    expect(pick([ann, bob]).agent).toBe(bob);
  });

  it("prefers agents skilled in the category (or its family), even when busier", () => {
    const skilled = agent("Sam", { workload: 4, skills: ["Billing"] });
    expect(pick([agent("Ann"), skilled])).toMatchObject({ agent: skilled, matchedSkills: ["billing"] });
    const tech = agent("Tia", { workload: 2, skills: ["technical"] });
    expect(pick([agent("Ann"), tech], { category: "bug_report", level: "low" }).agent).toBe(tech);
  });

  it("ignores a skilled agent who is at capacity", () => {
    const skilled = agent("Sam", { workload: 4, capacity: 4, skills: ["billing"] });
    expect(pick([agent("Ann", { workload: 6 }), skilled]).agent?.name).toBe("Ann");
  });
});

describe("round_robin", () => {
  const ann = agent("Ann", { workload: 5 });
  const bob = agent("Bob", { workload: 9 });
  const cid = agent("Cid");
  const rr = (last: string | null, members = [cid, ann, bob]) =>
    pick(members, billing, { strategy: "round_robin", last });

  it("starts with the first member by name, then takes turns regardless of load", () => {
    expect(rr(null)).toMatchObject({ agent: ann, rule: "round_robin", after: undefined });
    expect(rr(ann.id)).toMatchObject({ agent: bob, after: ann });
    expect(rr(bob.id)).toMatchObject({ agent: cid, after: bob });
    expect(rr(cid.id)).toMatchObject({ agent: ann, after: cid });
  });

  it("skips members who are not eligible, keeping the order", () => {
    const bobOff = agent("Bob", { availability: "offline" });
    expect(rr(ann.id, [ann, bobOff, cid]).agent).toBe(cid);
    const bobFull = agent("Bob", { capacity: 1, workload: 1 });
    expect(rr(ann.id, [ann, bobFull, cid]).agent).toBe(cid);
  });

  it("gives the turn back to the only eligible member, and restarts when the last one left the team", () => {
    expect(rr(ann.id, [ann, agent("Bob", { active: false })]).agent).toBe(ann);
    expect(rr("agent-gone").agent).toBe(ann);
  });

  it("orders equal names by id", () => {
    const a1 = agent("Sam", { id: "a1" });
    const a2 = agent("Sam", { id: "a2" });
    expect(rr("a1", [a2, a1]).agent).toBe(a2);
    expect(rr("a2", [a2, a1]).agent).toBe(a1);
  });
});

describe("skill_match", () => {
  const sm = (members: RoutingAgent[], ticket: TicketFacts = billing) =>
    pick(members, ticket, { strategy: "skill_match" });

  it("prefers the agent with the most skills matching the category and the ticket's tags", () => {
    const one = agent("One", { skills: ["billing"] });
    const two = agent("Two", { skills: ["Billing", "VIP"], workload: 6 });
    const choice = sm([one, two], { ...billing, tags: ["vip", "refund"] });
    expect(choice).toMatchObject({ agent: two, rule: "skill_match", matchedSkills: ["billing", "vip"] });
    expect(choice.wantedSkills).toEqual(["billing", "vip", "refund"]);
  });

  it("matches on tags alone and on the category's family", () => {
    const de = agent("Dee", { skills: ["german"] });
    expect(sm([agent("Ann"), de], { category: "account", level: "low", tags: ["German"] }).agent).toBe(de);
    const tech = agent("Tia", { skills: ["technical"], workload: 3 });
    expect(sm([agent("Ann"), tech], { category: "bug_report", level: "low" }).agent).toBe(tech);
  });

  it("among equally skilled agents, the least loaded wins", () => {
    const busy = agent("Bus", { skills: ["billing"], workload: 4 });
    const idle = agent("Idl", { skills: ["billing"], workload: 1 });
    expect(sm([busy, idle]).agent).toBe(idle);
  });

  it("falls back to least loaded among eligible agents when nobody is skilled, and says so", () => {
    const choice = sm([agent("Ann", { workload: 2 }), agent("Bob", { workload: 1, skills: ["sales"] })]);
    expect(choice).toMatchObject({ rule: "skill_match", noneSkilled: true, matchedSkills: [] });
    expect(choice.agent?.name).toBe("Bob");
  });

  it("does not pick a skilled agent who is unavailable", () => {
    const off = agent("Off", { skills: ["billing"], availability: "offline" });
    expect(sm([off, agent("Ann")])).toMatchObject({ noneSkilled: true, agent: { name: "Ann" } });
  });
});
