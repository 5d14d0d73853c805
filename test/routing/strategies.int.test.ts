/**
 * Routing strategies (issue 6, seed 003): round-robin, least loaded and skill
 * match inside a team, with capacity, availability, critical → lead and the
 * fallback team, through the library (`route: true` ticket creation) against a
 * real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, type Helpdesk, type Ticket } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const clock = fixedClock(new Date("2025-03-03T09:00:00.000Z"));
let testDesk: TestDesk;
let desk: Helpdesk;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  desk = testDesk.desk;
});

afterAll(async () => {
  await testDesk?.close();
});

type AgentSpec = {
  name: string;
  skills?: string[];
  capacity?: number | null;
  availability?: "online" | "away" | "offline" | "out_of_office";
  awayUntil?: string;
};

/** Creates agents by name (emails derived), returning name → id. */
async function agents(ws: Helpdesk, specs: AgentSpec[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name, ...rest } of specs) {
    const a = await ws.people.createAgent({
      email: `${name.toLowerCase()}-${ws.workspace.slug}@desk.test`,
      name,
      ...rest,
    });
    out[name] = a.id;
  }
  return out;
}

/** A routed ticket of `category`, a minute after the previous one. */
async function routed(ws: Helpdesk, category: string, extra: { tags?: string[]; priority?: "critical" } = {}) {
  clock.advance(60_000);
  return ws.routing.createRouted({
    subject: `About ${category}`,
    requester: "customer@example.com",
    category,
    ...extra,
  });
}

async function reason(ws: Helpdesk, t: Ticket): Promise<string | undefined> {
  const entries = await ws.tickets.timeline(t.number);
  return entries.find((e) => e.kind === "event" && e.event?.action === "routed")?.body;
}

const names = (ids: Record<string, string>, tickets: Ticket[]) =>
  tickets.map((t) => Object.keys(ids).find((n) => ids[n] === t.assigneeId) ?? null);

describe(`routing strategies (${engineUnderTest})`, () => {
  it("least_loaded (the default) stops giving an agent tickets at their capacity", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Ana", capacity: 1 }, { name: "Bo" }]);
    const team = await ws.people.createTeam({ name: "Billing", members: Object.values(ids), categories: ["billing"] });
    expect(team.strategy).toBe("least_loaded");
    const ts = [await routed(ws, "billing"), await routed(ws, "billing"), await routed(ws, "billing")];
    expect(names(ids, ts)).toEqual(["Ana", "Bo", "Bo"]);
    expect(await reason(ws, ts[0] as Ticket)).toBe(
      "category billing → team Billing; least loaded agent Ana (0 active of 1)",
    );
    expect(await reason(ws, ts[2] as Ticket)).toBe("category billing → team Billing; least loaded agent Bo (1 active)");
    // Ana resolves hers: she is under capacity again.
    await ws.tickets.updateStatus((ts[0] as Ticket).number, "resolved");
    expect((await routed(ws, "billing")).assigneeId).toBe(ids.Ana);
  });

  it("round_robin takes turns in name order whatever the load, and remembers the last turn", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Cy" }, { name: "Ana" }, { name: "Bo" }]);
    const team = await ws.people.createTeam({
      name: "Support",
      members: Object.values(ids),
      categories: ["account"],
      strategy: "round_robin",
    });
    const ts = [];
    for (let i = 0; i < 4; i++) ts.push(await routed(ws, "account"));
    expect(names(ids, ts)).toEqual(["Ana", "Bo", "Cy", "Ana"]);
    expect(await reason(ws, ts[0] as Ticket)).toBe(
      "category account → team Support; round-robin agent Ana (first in name order)",
    );
    expect(await reason(ws, ts[1] as Ticket)).toBe(
      "category account → team Support; round-robin agent Bo (next after Ana)",
    );
    const { rows } = await ws.database.executeSql("select last_assigned_agent_id as last from teams where id = $1", [
      team.id,
    ]);
    expect(rows[0]?.last).toBe(ids.Ana);

    // Bo goes offline: his turn is skipped; back online, the rotation continues from Cy.
    await ws
      .as({ type: "agent", id: ids.Bo as string, role: "agent" })
      .people.setAvailability({ availability: "offline" });
    expect((await routed(ws, "account")).assigneeId).toBe(ids.Cy);
    await ws.people.setAvailability({ agent: ids.Bo as string, availability: "online" });
    expect(names(ids, [await routed(ws, "account"), await routed(ws, "account")])).toEqual(["Ana", "Bo"]);
  });

  it("skill_match prefers the most matching skills (category and tags), then least loaded", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [
      { name: "Ana", skills: ["billing"] },
      { name: "Bo", skills: ["billing", "vip"] },
      { name: "Cy", skills: ["german"] },
    ]);
    await ws.people.createTeam({ name: "Billing", members: Object.values(ids), categories: ["billing"] });
    await ws.people.updateTeam("Billing", { strategy: "skill_match" });
    const vip = await routed(ws, "billing", { tags: ["vip"] });
    expect(vip.assigneeId).toBe(ids.Bo);
    expect(await reason(ws, vip)).toBe(
      "category billing → team Billing; skill match agent Bo (billing, vip; 0 active)",
    );
    // Without the tag Ana and Bo match once each: Bo already has a ticket, so Ana.
    expect((await routed(ws, "billing")).assigneeId).toBe(ids.Ana);
    // A tag alone is enough.
    expect((await routed(ws, "billing", { tags: ["German"] })).assigneeId).toBe(ids.Cy);
  });

  it("skill_match with nobody skilled goes to the least loaded eligible agent, and says so", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [
      { name: "Ana", skills: ["sales"] },
      { name: "Bo", skills: ["billing"], availability: "offline" },
    ]);
    await ws.people.createTeam({
      name: "Billing",
      members: Object.values(ids),
      categories: ["billing"],
      strategy: "skill_match",
    });
    const t = await routed(ws, "billing");
    expect(t.assigneeId).toBe(ids.Ana);
    expect(await reason(ws, t)).toBe(
      "category billing → team Billing; nobody skilled in billing: least loaded agent Ana (0 active)",
    );
  });

  it("counts an out-of-office agent as online once their return time has passed", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [
      { name: "Ana", availability: "out_of_office", awayUntil: "2025-03-03T12:00:00Z" },
      { name: "Bo", capacity: 5 },
    ]);
    await ws.people.createTeam({ name: "Billing", members: Object.values(ids), categories: ["billing"] });
    const before = [await routed(ws, "billing"), await routed(ws, "billing")];
    expect(names(ids, before)).toEqual(["Bo", "Bo"]);
    clock.set(new Date("2025-03-03T12:00:00Z"));
    expect((await routed(ws, "billing")).assigneeId).toBe(ids.Ana);
  });

  it("gives away agents tickets only when no online agent is eligible", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [
      { name: "Ana", availability: "away" },
      { name: "Bo", capacity: 1 },
    ]);
    await ws.people.createTeam({ name: "Billing", members: Object.values(ids), categories: ["billing"] });
    const first = await routed(ws, "billing");
    const second = await routed(ws, "billing");
    expect(names(ids, [first, second])).toEqual(["Bo", "Ana"]);
    expect(await reason(ws, second)).toBe(
      "category billing → team Billing; least loaded agent Ana (0 active), away (nobody online)",
    );
  });

  it("gives critical tickets to an available lead over capacity, else uses the strategy and says why", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Lea", capacity: 0 }, { name: "Max" }]);
    await ws.people.createTeam({
      name: "Billing",
      lead: ids.Lea as string,
      members: [ids.Max as string],
      categories: ["billing"],
      strategy: "round_robin",
    });
    const crit = await routed(ws, "billing", { priority: "critical" });
    expect(crit.assigneeId).toBe(ids.Lea);
    expect(await reason(ws, crit)).toBe("category billing → team Billing; critical priority → team lead Lea");

    await ws.people.updateAgent(ids.Lea as string, { availability: "out_of_office" });
    const next = await routed(ws, "billing", { priority: "critical" });
    expect(next.assigneeId).toBe(ids.Max);
    expect(await reason(ws, next)).toBe(
      "category billing → team Billing; critical priority but team lead Lea is out of office; round-robin agent Max (first in name order)",
    );
  });

  it("sends a ticket to the fallback team's agents when its team has nobody eligible", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [
      { name: "Ana", capacity: 0 },
      { name: "Bo", availability: "offline" },
      { name: "Cy", availability: "out_of_office" },
      { name: "Gil" },
    ]);
    const billing = await ws.people.createTeam({
      name: "Billing",
      members: [ids.Ana as string, ids.Bo as string, ids.Cy as string],
      categories: ["billing"],
    });
    const general = await ws.people.createTeam({ name: "General", members: [ids.Gil as string] });
    const t = await routed(ws, "billing");
    expect([t.teamId, t.assigneeId]).toEqual([general.id, ids.Gil]);
    expect(await reason(ws, t)).toBe(
      "category billing → team Billing; Billing: all 3 agents at capacity or unavailable → fallback team General; least loaded agent Gil (0 active)",
    );

    // Gil goes away for the day and nobody else is eligible: the ticket stays in Billing, unassigned.
    await ws.people.updateAgent(ids.Gil as string, { availability: "offline" });
    const stuck = await routed(ws, "billing");
    expect([stuck.teamId, stuck.assigneeId]).toEqual([billing.id, null]);
    expect(await reason(ws, stuck)).toBe(
      "category billing → team Billing; Billing: all 3 agents at capacity or unavailable, nor anyone in fallback team General: team only",
    );
  });

  it("refuses an unknown strategy, naming the field", async () => {
    const ws = await isolatedWorkspace(desk);
    const err = await domainError(ws.people.createTeam({ name: "X", strategy: "random" as never }));
    expect(err).toMatchObject({ code: "input.invalid", field: "strategy" });
    await ws.people.createTeam({ name: "Y" });
    expect((await domainError(ws.people.updateTeam("Y", { strategy: "fastest" as never }))).field).toBe("strategy");
    expect((await ws.people.updateTeam("Y", { strategy: "round_robin" })).strategy).toBe("round_robin");
    expect((await ws.people.getTeam("Y")).strategy).toBe("round_robin");
  });
});
