/**
 * The routing step of ticket creation (seed 003 auto-assignment, seed 004
 * classification) through the library, against a real database (PGlite in
 * memory, or PostgreSQL when TEST_DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, type Helpdesk, type Ticket } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

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

const BILLING = { subject: "Invoice question", description: "I was charged twice on my last invoice, please refund." };
const TECHNICAL = { subject: "Export broken", description: "The API returns a timeout error on every export." };
const ACCOUNT = { subject: "Locked out", description: "I forgot my password and cannot log in to my account." };
const CRITICAL_BILLING = {
  subject: "Emergency: payment outage",
  description: "Every invoice payment fails, production outage for all users. Refund system is down.",
};

/** Creates agents by name (emails derived), returning name → id. */
async function agents(ws: Helpdesk, specs: { name: string; skills?: string[] }[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const a = await ws.people.createAgent({
      email: `${s.name.toLowerCase()}-${ws.workspace.slug}@desk.test`,
      name: s.name,
      skills: s.skills ?? [],
    });
    out[s.name] = a.id;
  }
  return out;
}

/** Creates a routed ticket a minute after the previous one. */
async function routed(ws: Helpdesk, input: { subject: string; description: string; requester?: string }) {
  clock.advance(60_000);
  return ws.routing.createRouted({ requester: "customer@example.com", ...input });
}

async function routedEntry(ws: Helpdesk, t: Ticket) {
  const entries = await ws.tickets.timeline(t.number);
  return entries.find((e) => e.kind === "event" && e.event?.action === "routed");
}

async function deactivate(ws: Helpdesk, agentId: string) {
  await ws.database.executeSql("update agents set active = false where id = $1 and workspace_id = $2", [
    agentId,
    ws.workspace.id,
  ]);
}

describe(`routing at ticket creation (${engineUnderTest})`, () => {
  it("routes a billing ticket to the team handling billing and records why in the timeline", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Fay" }, { name: "Eli" }]);
    const finance = await ws.people.createTeam({
      name: "Finance",
      members: [ids.Fay as string],
      categories: ["billing"],
    });
    await ws.people.createTeam({ name: "Engineering", members: [ids.Eli as string], categories: ["technical"] });

    const t = await routed(ws, BILLING);
    expect(t.category).toBe("billing");
    expect(t.teamId).toBe(finance.id);
    expect(t.assigneeId).toBe(ids.Fay);
    expect(t.status).toBe("open");
    expect(t.customFields.sentiment).toMatchObject({ label: expect.any(String), score: expect.any(Number) });

    const entry = await routedEntry(ws, t);
    expect(entry?.author).toEqual({ type: "system", id: null });
    expect(entry?.body).toBe("category billing → team Finance; least loaded agent Fay (0 active)");
    expect(entry?.event?.changes).toEqual(
      expect.arrayContaining([
        { field: "teamId", from: null, to: finance.id },
        { field: "assigneeId", from: null, to: ids.Fay },
      ]),
    );
    const created = (await ws.tickets.timeline(t.number)).find((e) => e.event?.action === "created");
    expect(created?.event?.changes).toContainEqual({ field: "category", from: null, to: "billing" });
  });

  it("writes the routing decision into the ticket.created outbox event of the same transaction", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Ola" }]);
    await ws.people.createTeam({ name: "Engineering", members: [ids.Ola as string], categories: ["technical"] });
    const t = await routed(ws, TECHNICAL);
    const res = await ws.database.executeSql(
      "select type, payload from outbox_events where subject_id = $1 order by seq",
      [t.id],
    );
    expect(res.rows).toHaveLength(1);
    const payload = res.rows[0]?.payload as { ticket: { assigneeId: string }; routing: Record<string, unknown> };
    expect(res.rows[0]?.type).toBe("ticket.created");
    expect(payload.ticket.assigneeId).toBe(ids.Ola);
    expect(payload.routing).toMatchObject({
      category: "technical",
      assigneeId: ids.Ola,
      teamRule: "category",
      agentRule: "least_loaded",
      reason: expect.stringContaining("team Engineering"),
    });
  });

  it("gives a critical ticket to the team lead even when the lead is the busiest", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Lea" }, { name: "Max" }]);
    await ws.people.createTeam({
      name: "Finance",
      lead: ids.Lea as string,
      members: [ids.Max as string],
      categories: ["billing", "payment"],
    });
    // Lea is the busiest member.
    for (const subject of ["Old one", "Old two"]) {
      const t = await ws.tickets.create({ subject });
      await ws.tickets.assign(t.number, ids.Lea as string);
    }
    expect((await routed(ws, BILLING)).assigneeId).toBe(ids.Max);

    const critical = await routed(ws, CRITICAL_BILLING);
    expect(critical.priority).toBe("critical");
    expect(critical.assigneeId).toBe(ids.Lea);
    expect((await routedEntry(ws, critical))?.body).toMatch(/critical priority → team lead Lea$/);
  });

  it("balances by workload and takes turns among equally loaded agents", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Ann" }, { name: "Bob" }, { name: "Cid" }]);
    await ws.people.createTeam({ name: "Support", members: Object.values(ids), categories: ["account"] });

    const firstThree = [await routed(ws, ACCOUNT), await routed(ws, ACCOUNT), await routed(ws, ACCOUNT)];
    // Everyone idle: alphabetical first, then the least loaded.
    expect(firstThree.map((t) => t.assigneeId)).toEqual([ids.Ann, ids.Bob, ids.Cid]);

    // All at one ticket: round-robin, to whoever was given one longest ago.
    const fourth = await routed(ws, ACCOUNT);
    expect(fourth.assigneeId).toBe(ids.Ann);
    expect((await routedEntry(ws, fourth))?.body).toContain("assigned longest ago among equals");

    // Bob resolves his ticket: he is now the least loaded.
    await ws.tickets.updateStatus(firstThree[1]?.number as string, "resolved");
    const fifth = await routed(ws, ACCOUNT);
    expect(fifth.assigneeId).toBe(ids.Bob);
  });

  it("spreads tickets created at the same moment evenly: concurrent decisions for a team take turns", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Uma" }, { name: "Vic" }, { name: "Wes" }, { name: "Xia" }]);
    await ws.people.createTeam({ name: "Support", members: Object.values(ids), categories: ["account"] });
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ws.routing.createRouted({ ...ACCOUNT, requester: `c${i}@example.com` })),
    );
    const perAgent = new Map<string, number>();
    for (const t of created) perAgent.set(t.assigneeId as string, (perAgent.get(t.assigneeId as string) ?? 0) + 1);
    expect([...perAgent.keys()].sort()).toEqual(Object.values(ids).sort());
    expect([...perAgent.values()]).toEqual([2, 2, 2, 2]);
  });

  it("prefers agents skilled in the category over less loaded ones", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Gus" }, { name: "Ivy", skills: ["billing"] }]);
    await ws.people.createTeam({ name: "Finance", members: Object.values(ids), categories: ["billing"] });
    const a = await routed(ws, BILLING);
    const b = await routed(ws, BILLING);
    expect([a.assigneeId, b.assigneeId]).toEqual([ids.Ivy, ids.Ivy]);
    expect((await routedEntry(ws, b))?.body).toContain("skilled in billing");
  });

  it("skips inactive agents, and assigns only the team when none is active", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Kim" }, { name: "Lou" }]);
    const team = await ws.people.createTeam({ name: "Support", members: Object.values(ids), categories: ["account"] });
    await deactivate(ws, ids.Kim as string);
    expect((await routed(ws, ACCOUNT)).assigneeId).toBe(ids.Lou);
    await deactivate(ws, ids.Lou as string);
    const t = await routed(ws, ACCOUNT);
    expect(t.teamId).toBe(team.id);
    expect(t.assigneeId).toBeNull();
    expect((await routedEntry(ws, t))?.body).toBe(
      "category account → team Support; no active agents in the team: team only",
    );
  });

  it("sends a bug report to the team handling technical tickets", async () => {
    const ws = await isolatedWorkspace(desk);
    const team = await ws.people.createTeam({ name: "Engineering", categories: ["technical"] });
    const t = await routed(ws, {
      subject: "Bug report",
      description: "Steps to reproduce: open settings, it crashes.",
    });
    expect(t.category).toBe("bug_report");
    expect(t.teamId).toBe(team.id);
    expect((await routedEntry(ws, t))?.body).toContain("category bug_report (technical) → team Engineering");
  });

  it("falls back to the team named General when no team handles the category", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Gil" }]);
    await ws.people.createTeam({ name: "Finance", categories: ["billing"] });
    const general = await ws.people.createTeam({ name: "General", members: [ids.Gil as string], categories: ["x"] });
    const t = await routed(ws, ACCOUNT);
    expect(t.teamId).toBe(general.id);
    expect(t.assigneeId).toBe(ids.Gil);
    expect((await routedEntry(ws, t))?.body).toMatch(/^no team handles category account → fallback team General/);
  });

  it("else falls back to the first team without categories", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.people.createTeam({ name: "Finance", categories: ["billing"] });
    const triage = await ws.people.createTeam({ name: "Triage" });
    clock.advance(60_000);
    await ws.people.createTeam({ name: "Backoffice" });
    expect((await routed(ws, TECHNICAL)).teamId).toBe(triage.id);
  });

  it("creates and classifies the ticket without team or agent when the workspace has no teams", async () => {
    const ws = await isolatedWorkspace(desk);
    await agents(ws, [{ name: "Solo" }]);
    const t = await routed(ws, TECHNICAL);
    expect(t.teamId).toBeNull();
    expect(t.assigneeId).toBeNull();
    expect(t.category).toBe("technical");
    expect((await routedEntry(ws, t))?.body).toMatch(/no team handles it and there is no fallback team/);
  });

  it("keeps a team or assignee chosen by the creator", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Pia" }, { name: "Quin" }]);
    await ws.people.createTeam({ name: "Finance", members: [ids.Pia as string], categories: ["billing"] });
    const t = await ws.routing.createRouted({ ...BILLING, assignee: ids.Quin as string });
    expect(t.assigneeId).toBe(ids.Quin);
    expect(t.teamId).toBeNull();
    expect(t.category).toBe("billing");
    expect((await routedEntry(ws, t))?.body).toContain("chosen by the creator");
  });

  it("leaves tickets created without routing alone", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Rex" }]);
    await ws.people.createTeam({ name: "Finance", members: [ids.Rex as string], categories: ["billing"] });
    const t = await ws.tickets.create(BILLING);
    expect([t.teamId, t.assigneeId, t.category]).toEqual([null, null, null]);
    expect(t.customFields).toEqual({});
    expect(await routedEntry(ws, t)).toBeUndefined();
  });

  it("counts tickets by status, priority, category, team and sentiment", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.people.createTeam({ name: "Finance", categories: ["billing"] });
    const a = await routed(ws, BILLING);
    await routed(ws, { subject: "Thanks", description: "Great support, thank you!" });
    await ws.tickets.create({ subject: "Unrouted" });
    clock.advance(2 * 3_600_000);
    await ws.tickets.updateStatus(a.number, "resolved");
    const stats = await ws.routing.analytics();
    expect(stats.total).toBe(3);
    expect(stats.byStatus).toMatchObject({ open: 2, resolved: 1 });
    expect(stats.byCategory).toEqual({ billing: 1, general: 1, uncategorized: 1 });
    expect(stats.byTeam).toEqual([
      { teamId: null, name: null, count: 2 },
      { teamId: a.teamId, name: "Finance", count: 1 },
    ]);
    expect(stats.sentiment).toEqual({ positive: 1, neutral: 1, negative: 0, not_analyzed: 1 });
    expect(stats.resolved).toBe(1);
    // Created at 09:01, resolved 2 h 1 min later.
    expect(stats.averageResolutionHours).toBe(2.02);
  });
});
