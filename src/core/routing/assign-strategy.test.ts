import { describe, expect, it } from "vitest";
import { chooseAgent, chooseTeam, describeRoute, type RoutingAgent, type RoutingTeam } from "./assign-strategy.js";

const day = (n: number) => new Date(Date.UTC(2025, 0, n));
const team = (name: string, categories: string[], createdDay = 1, leadAgentId: string | null = null): RoutingTeam => ({
  id: `team-${name}`,
  name,
  categories,
  leadAgentId,
  createdAt: day(createdDay),
});
const agent = (name: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id: `agent-${name}`,
  name,
  email: `${name.toLowerCase()}@desk.test`,
  skills: [],
  active: true,
  workload: 0,
  lastAssignedAt: null,
  ...over,
});

const FINANCE = team("Finance", ["billing", "payment"]);
const ENGINEERING = team("Engineering", ["technical"]);
const SUCCESS = team("Customer Success", ["account", "general"]);

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

  it("else falls back to the oldest team without categories", () => {
    const triage = team("Triage", [], 3);
    expect(chooseTeam([FINANCE, team("Later", [], 4), triage], "account")).toEqual({ team: triage, rule: "fallback" });
  });

  it("chooses no team when none matches and there is no fallback", () => {
    expect(chooseTeam([FINANCE, ENGINEERING], "account")).toEqual({ team: null, rule: "none" });
    expect(chooseTeam([], "billing")).toEqual({ team: null, rule: "none" });
  });
});

describe("chooseAgent", () => {
  const opts = { category: "billing", level: "medium" as const };

  it("gives a critical ticket to the team lead, however loaded", () => {
    const lead = agent("Lea", { workload: 9 });
    const choice = chooseAgent([agent("Ann"), lead], lead, { ...opts, level: "critical" });
    expect(choice.agent).toBe(lead);
    expect(choice.rule).toBe("team_lead");
  });

  it("gives a critical ticket to the least loaded member when the lead is inactive or missing", () => {
    const lead = agent("Lea", { active: false });
    const ann = agent("Ann", { workload: 2 });
    const bob = agent("Bob", { workload: 1 });
    const choice = chooseAgent([ann, bob, lead], lead, { ...opts, level: "critical" });
    expect(choice).toMatchObject({ agent: bob, rule: "least_loaded", leadUnavailable: true });
    expect(chooseAgent([ann, bob], undefined, { ...opts, level: "critical" }).agent).toBe(bob);
  });

  it("does not give non-critical tickets to the lead for being the lead", () => {
    const lead = agent("Lea", { workload: 3 });
    expect(chooseAgent([lead, agent("Ann", { workload: 1 })], lead, { ...opts, level: "high" }).agent?.name).toBe(
      "Ann",
    );
  });

  it("prefers the least loaded agent", () => {
    const choice = chooseAgent([agent("Ann", { workload: 3 }), agent("Bob", { workload: 1 })], undefined, opts);
    expect(choice.agent?.name).toBe("Bob");
    expect(choice.tieBroken).toBe(false);
  });

  it("breaks equal loads round-robin: the agent assigned longest ago (never assigned first)", () => {
    const ann = agent("Ann", { workload: 1, lastAssignedAt: day(3) });
    const bob = agent("Bob", { workload: 1, lastAssignedAt: day(2) });
    const cid = agent("Cid", { workload: 1, lastAssignedAt: null });
    expect(chooseAgent([ann, bob, cid], undefined, opts)).toMatchObject({ agent: cid, tieBroken: true });
    expect(chooseAgent([ann, bob], undefined, opts).agent).toBe(bob);
  });

  it("prefers agents skilled in the category, even when they are busier", () => {
    const skilled = agent("Sam", { workload: 4, skills: ["Billing"] });
    const choice = chooseAgent([agent("Ann"), skilled], undefined, opts);
    expect(choice).toMatchObject({ agent: skilled, skillMatch: true });
  });

  it("counts a skill in the category's family: a 'technical' agent is skilled for bug reports", () => {
    const tech = agent("Tia", { workload: 2, skills: ["technical"] });
    expect(chooseAgent([agent("Ann"), tech], undefined, { category: "bug_report", level: "low" }).agent).toBe(tech);
  });

  it("skips inactive agents, and leaves the ticket to the team when nobody is active", () => {
    const off = agent("Off", { active: false });
    expect(chooseAgent([off, agent("Ann", { workload: 5 })], undefined, opts).agent?.name).toBe("Ann");
    expect(chooseAgent([off], undefined, opts)).toMatchObject({ agent: null, rule: "no_agents" });
    expect(chooseAgent([], undefined, opts)).toMatchObject({ agent: null, rule: "no_agents" });
  });
});

describe("describeRoute", () => {
  it("says which category went to which team and why this agent", () => {
    const choice = chooseAgent([agent("Ann", { workload: 2 })], undefined, { category: "billing", level: "low" });
    expect(describeRoute("billing", { team: FINANCE, rule: "category" }, choice)).toBe(
      "category billing → team Finance; least loaded agent Ann (2 active)",
    );
  });

  it("names the lead for critical tickets and the fallback team", () => {
    const lead = agent("Lea");
    const choice = chooseAgent([], lead, { category: "account", level: "critical" });
    expect(describeRoute("account", { team: team("General", []), rule: "fallback" }, choice)).toBe(
      "no team handles category account → fallback team General; critical priority → team lead Lea",
    );
  });

  it("explains a ticket left without a team", () => {
    expect(describeRoute("billing", { team: null, rule: "none" })).toMatch(/no team handles it .* left unassigned/);
  });

  it("explains team-only routing", () => {
    const choice = chooseAgent([], undefined, { category: "billing", level: "low" });
    expect(describeRoute("billing", { team: FINANCE, rule: "category" }, choice)).toBe(
      "category billing → team Finance; no active agents in the team: team only",
    );
  });
});
