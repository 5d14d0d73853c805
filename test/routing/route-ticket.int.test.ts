/**
 * routeTicket: the routing decision for an existing ticket (what the
 * automation `assign` action calls), against a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/core/kernel/index.js";
import { type RoutableTicket, routeTicket } from "../../src/core/routing/index.js";
import { fixedClock, type Helpdesk, systemActor, type Ticket } from "../../src/lib/index.js";
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

const ctxOf = (ws: Helpdesk): Ctx => ({
  actor: systemActor("rule:test"),
  workspaceId: ws.workspace.id,
  db: ws.database.db,
  clock,
});

const facts = (t: Ticket): RoutableTicket => ({
  id: t.id,
  category: t.category,
  priority: t.priorityNumber,
  urgency: t.urgency,
  importance: t.importance,
  tags: t.tags,
  teamId: t.teamId,
});

function route(ws: Helpdesk, t: Ticket, opts: { team?: string } = {}) {
  return ws.database.db.transaction((tx) => routeTicket(tx, ctxOf(ws), facts(t), opts));
}

async function agents(ws: Helpdesk, specs: { name: string; capacity?: number }[]) {
  const out: Record<string, string> = {};
  for (const { name, ...rest } of specs) {
    out[name] = (
      await ws.people.createAgent({ email: `${name.toLowerCase()}@${ws.workspace.slug}.test`, name, ...rest })
    ).id;
  }
  return out;
}

describe(`routeTicket (${engineUnderTest})`, () => {
  it("routes inside the ticket's own team, advancing only the round-robin pointer", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Ana" }, { name: "Bo" }]);
    const team = await ws.people.createTeam({ name: "Support", members: Object.values(ids), strategy: "round_robin" });
    await ws.people.createTeam({ name: "Billing", categories: ["billing"] });
    const t = await ws.tickets.create({ subject: "Refund", category: "billing", team: "Support" });

    const first = await route(ws, t);
    expect(first).toMatchObject({
      team: { id: team.id, name: "Support" },
      agent: { id: ids.Ana, name: "Ana" },
      teamRule: "ticket",
      agentRule: "round_robin",
      strategy: "round_robin",
      overflowFrom: null,
      reason: "team Support (the ticket's team); round-robin agent Ana (first in name order)",
    });
    expect((await route(ws, t)).agent?.name).toBe("Bo");
    const again = await ws.tickets.get(t.number);
    expect([again.assigneeId, again.teamId, again.updatedAt]).toEqual([null, team.id, t.updatedAt]);
  });

  it("routes to a team asked for by name, and names the field of an unknown one", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Cy" }]);
    const vip = await ws.people.createTeam({ name: "VIP Desk", members: [ids.Cy as string] });
    const t = await ws.tickets.create({ subject: "Hello", category: "billing" });
    expect(await route(ws, t, { team: "vip desk" })).toMatchObject({
      team: { id: vip.id },
      agent: { id: ids.Cy },
      teamRule: "requested",
      reason: "team VIP Desk; least loaded agent Cy (0 active)",
    });
    expect(await domainError(route(ws, t, { team: "Nobody" }))).toMatchObject({
      code: "team.not_found",
      field: "team",
    });
  });

  it("does not count the ticket being routed towards its current assignee's capacity", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Ana", capacity: 1 }, { name: "Bo" }]);
    await ws.people.createTeam({ name: "Billing", members: Object.values(ids), categories: ["billing"] });
    const t = await ws.tickets.create({ subject: "Invoice", category: "billing", assignee: ids.Ana as string });
    await ws.tickets.create({ subject: "Other", assignee: ids.Bo as string });
    expect(await route(ws, t)).toMatchObject({ teamRule: "category", agent: { id: ids.Ana } });
  });

  it("gives a ticket of critical priority to the lead", async () => {
    const ws = await isolatedWorkspace(desk);
    const ids = await agents(ws, [{ name: "Lea" }, { name: "Max" }]);
    await ws.people.createTeam({ name: "General", lead: ids.Lea as string, members: [ids.Max as string] });
    const t = await ws.tickets.create({ subject: "Down", urgency: "critical", importance: "critical" });
    expect(t.priorityNumber).toBe(1);
    expect(await route(ws, t)).toMatchObject({
      agent: { id: ids.Lea },
      agentRule: "team_lead",
      teamRule: "fallback",
      reason: "no category → fallback team General; critical priority → team lead Lea",
    });
  });

  it("decides nothing when the workspace has no team for the ticket", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.people.createTeam({ name: "Billing", categories: ["billing"] });
    const t = await ws.tickets.create({ subject: "Hello", category: "account" });
    expect(await route(ws, t)).toMatchObject({ team: null, agent: null, teamRule: "none", agentRule: null });
  });
});
