import { describe, expect, it } from "vitest";
import type { TeamStrategy } from "../../../common/enums.js";
import { chooseAgent, type RoutingAgent, type TicketFacts } from "./assign-strategy.js";
import { describeRoute } from "./describe-route.js";

const NOW = new Date(Date.UTC(2025, 0, 10, 12));
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
const billing: TicketFacts = { category: "billing", level: "low" };
const choose = (
  members: RoutingAgent[],
  strategy: TeamStrategy = "least_loaded",
  ticket: TicketFacts = billing,
  opts: { lead?: RoutingAgent; last?: string } = {},
) => chooseAgent(members, opts.lead, ticket, { strategy, lastAssignedAgentId: opts.last ?? null }, NOW);
const FINANCE = { team: { name: "Finance" }, rule: "category" as const };

describe("describeRoute", () => {
  it("says which category went to which team and why this agent", () => {
    expect(describeRoute("billing", FINANCE, choose([agent("Ann", { workload: 2 })]))).toBe(
      "category billing → team Finance; least loaded agent Ann (2 active)",
    );
  });

  it("shows the load against capacity, skills and the tie rule", () => {
    const ann = agent("Ann", { workload: 3, capacity: 10, skills: ["billing"], lastAssignedAt: NOW });
    const bob = agent("Bob", { workload: 3, capacity: 10, skills: ["billing"] });
    expect(describeRoute("billing", FINANCE, choose([ann, bob]))).toBe(
      "category billing → team Finance; least loaded agent Bob (3 active of 10), skilled in billing, assigned longest ago among equals",
    );
  });

  it("describes round-robin turns", () => {
    const ann = agent("Ann");
    const bob = agent("Bob");
    expect(
      describeRoute(
        "account",
        { team: { name: "Support" }, rule: "ticket" },
        choose([ann, bob], "round_robin", billing, { last: ann.id }),
      ),
    ).toBe("team Support (the ticket's team); round-robin agent Bob (next after Ann)");
    expect(
      describeRoute("account", { team: { name: "Support" }, rule: "requested" }, choose([ann, bob], "round_robin")),
    ).toBe("team Support; round-robin agent Ann (first in name order)");
  });

  it("describes skill matches, and least loaded when nobody is skilled", () => {
    const cy = agent("Cy", { skills: ["billing", "vip"], workload: 2 });
    const tagged = { ...billing, tags: ["vip"] };
    expect(describeRoute("billing", FINANCE, choose([agent("Ann"), cy], "skill_match", tagged))).toBe(
      "category billing → team Finance; skill match agent Cy (billing, vip; 2 active)",
    );
    expect(describeRoute("billing", FINANCE, choose([agent("Ann", { workload: 1 })], "skill_match", tagged))).toBe(
      "category billing → team Finance; nobody skilled in billing, vip: least loaded agent Ann (1 active)",
    );
  });

  it("names the lead for critical tickets, or why the lead could not take it", () => {
    const lead = agent("Lea");
    const critical = { category: "account", level: "critical" as const };
    expect(
      describeRoute(
        "account",
        { team: { name: "General" }, rule: "fallback" },
        choose([], "least_loaded", critical, { lead }),
      ),
    ).toBe("no team handles category account → fallback team General; critical priority → team lead Lea");
    const off = agent("Lea", { availability: "out_of_office" });
    expect(
      describeRoute(
        "billing",
        FINANCE,
        choose([agent("Ann")], "least_loaded", { ...critical, category: "billing" }, { lead: off }),
      ),
    ).toBe(
      "category billing → team Finance; critical priority but team lead Lea is out of office; least loaded agent Ann (0 active)",
    );
  });

  it("marks a choice among away agents", () => {
    expect(describeRoute("billing", FINANCE, choose([agent("Abe", { availability: "away" })]))).toBe(
      "category billing → team Finance; least loaded agent Abe (0 active), away (nobody online)",
    );
  });

  it("explains a team with nobody eligible, with and without a fallback team's agent", () => {
    const full = choose([
      agent("Ann", { capacity: 1, workload: 1 }),
      agent("Bob", { availability: "offline" }),
      agent("Cid", { availability: "away", capacity: 0 }),
    ]);
    const gil = choose([agent("Gil")]);
    expect(describeRoute("billing", FINANCE, full, { team: { name: "General" }, choice: gil })).toBe(
      "category billing → team Finance; Finance: all 3 agents at capacity or unavailable → fallback team General; least loaded agent Gil (0 active)",
    );
    expect(describeRoute("billing", FINANCE, full, { team: { name: "General" }, choice: choose([]) })).toBe(
      "category billing → team Finance; Finance: all 3 agents at capacity or unavailable, nor anyone in fallback team General: team only",
    );
    expect(describeRoute("billing", FINANCE, choose([agent("Ann", { availability: "offline" })]))).toBe(
      "category billing → team Finance; Finance: its only agent is at capacity or unavailable: team only",
    );
  });

  it("explains team-only routing and a ticket left without a team", () => {
    expect(describeRoute("billing", FINANCE, choose([]))).toBe(
      "category billing → team Finance; no active agents in the team: team only",
    );
    expect(describeRoute("billing", { team: null, rule: "none" })).toMatch(/no team handles it .* left unassigned/);
    expect(describeRoute("", { team: { name: "Triage" }, rule: "fallback" })).toBe(
      "no category → fallback team Triage",
    );
  });
});
