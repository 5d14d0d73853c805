import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "./as-user.js";

interface Ctx {
  ws: Helpdesk;
  app: FastifyInstance;
  agent: TestUser;
  customer: TestUser;
}

describe(`the ticket API (${engineUnderTest})`, () => {
  let t: TestDesk;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    t = await openTestDesk();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t.close();
  });

  async function setup(): Promise<Ctx> {
    const ws = await isolatedWorkspace(t.desk);
    const app = await buildServer({ desk: ws, logLevel: "silent", bodyLimit: 64 * 1024 });
    apps.push(app);
    return { ws, app, agent: await agentUser(ws), customer: await customerUser(ws) };
  }

  const create = (c: Ctx, user: TestUser, payload: Record<string, unknown>) =>
    c.app.inject({ method: "POST", url: "/api/v1/tickets", headers: user.headers, payload });

  it("lets an agent create a ticket for a customer and read it back by number", async () => {
    const c = await setup();
    const res = await create(c, c.agent, { subject: "Printer on fire", requester: c.customer.email, priority: "high" });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ number: "TKT-1001", priority: "high", urgency: "high", status: "open" });
    expect(body.can).toMatchObject({ assign: true, note: true });
    const got = await c.app.inject({ method: "GET", url: "/api/v1/tickets/TKT-1001", headers: c.agent.headers });
    expect(got.statusCode).toBe(200);
    expect(got.json().id).toBe(body.id);
  });

  it("makes the customer the requester of their own ticket and refuses them routing fields", async () => {
    const c = await setup();
    const own = await create(c, c.customer, { subject: "My invoice is wrong" });
    expect(own.statusCode).toBe(201);
    expect(own.json().requesterId).toBe(c.customer.actor.id);
    expect(own.json()).not.toHaveProperty("tags");
    expect(own.json()).not.toHaveProperty("assigneeId");
    const routed = await create(c, c.customer, { subject: "x", assignee: c.agent.email });
    expect(routed.statusCode).toBe(403);
  });

  it("shows a customer only their own tickets, and never internal notes or internal fields", async () => {
    const c = await setup();
    const mine = (await create(c, c.agent, { subject: "Yours", requester: c.customer.email, tags: ["vip"] })).json();
    await create(c, c.agent, { subject: "Someone else's", requester: "other@example.com" });
    await c.app.inject({
      method: "POST",
      url: `/api/v1/tickets/${mine.number}/notes`,
      headers: c.agent.headers,
      payload: { body: "Internal: goodwill credit approved" },
    });
    await c.app.inject({
      method: "POST",
      url: `/api/v1/tickets/${mine.number}/assign`,
      headers: c.agent.headers,
      payload: { assignee: c.agent.email },
    });
    const list = await c.app.inject({ method: "GET", url: "/api/v1/tickets?status=all", headers: c.customer.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { subject: string }) => x.subject)).toEqual(["Yours"]);
    const timeline = await c.app.inject({
      method: "GET",
      url: `/api/v1/tickets/${mine.number}/timeline`,
      headers: c.customer.headers,
    });
    const items = timeline.json().items as {
      kind: string;
      body: string;
      event: { changes: { field: string }[] } | null;
    }[];
    expect(items.some((e) => e.kind === "note")).toBe(false);
    const fields = items.flatMap((e) => e.event?.changes.map((ch) => ch.field) ?? []);
    expect(fields).toContain("status");
    expect(fields).not.toContain("assigneeId");
    const other = await c.app.inject({ method: "GET", url: "/api/v1/tickets/TKT-1002", headers: c.customer.headers });
    expect(other.statusCode).toBe(404);
  });

  it("runs the agent workflow: assign, note, reply, escalate, tags, status, SLA", async () => {
    const c = await setup();
    const ticket = (await create(c, c.agent, { subject: "Slow dashboard", requester: c.customer.email })).json();
    const post = (path: string, payload: Record<string, unknown>) =>
      c.app.inject({
        method: "POST",
        url: `/api/v1/tickets/${ticket.number}/${path}`,
        headers: c.agent.headers,
        payload,
      });
    expect((await post("assign", { assignee: c.agent.email })).json().status).toBe("in_progress");
    expect((await post("notes", { body: "checking the logs" })).statusCode).toBe(201);
    const replied = await post("messages", { body: "We are on it." });
    expect(replied.json().firstResponseAt).not.toBeNull();
    const escalated = (await post("escalate", { reason: "VIP" })).json();
    expect(escalated.escalationLevel).toBe(1);
    expect((await post("tags", { addTags: ["VIP"] })).json().tags).toEqual(["vip"]);
    const patched = await c.app.inject({
      method: "PATCH",
      url: `/api/v1/tickets/${ticket.number}`,
      headers: c.agent.headers,
      payload: { category: "technical", expectedVersion: 1 },
    });
    expect(patched.statusCode).toBe(409);
    expect(patched.json().error.code).toBe("ticket.stale");
    const bad = await post("status", { status: "closed" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "ticket.invalid_transition", field: "status" });
    expect((await post("status", { status: "resolved", note: "fixed" })).json().status).toBe("resolved");
    const sla = await c.app.inject({
      method: "GET",
      url: `/api/v1/tickets/${ticket.number}/sla`,
      headers: c.agent.headers,
    });
    expect(sla.json()).toHaveProperty("is_breached", false);
    const timeline = await c.app.inject({
      method: "GET",
      url: `/api/v1/tickets/${ticket.number}/timeline`,
      headers: c.agent.headers,
    });
    expect(timeline.json().items.filter((e: { kind: string }) => e.kind === "note")).toHaveLength(3);
  });

  it("keeps customers out of staff actions and read-only tokens out of writes", async () => {
    const c = await setup();
    const ticket = (await create(c, c.agent, { subject: "x", requester: c.customer.email })).json();
    for (const [path, payload] of [
      ["notes", { body: "x" }],
      ["assign", { assignee: null }],
      ["status", { status: "resolved" }],
      ["escalate", {}],
    ] as const) {
      const res = await c.app.inject({
        method: "POST",
        url: `/api/v1/tickets/${ticket.number}/${path}`,
        headers: c.customer.headers,
        payload,
      });
      expect(res.statusCode, path).toBe(403);
    }
    const reader = await agentUser(c.ws, "agent", "read");
    const write = await create(c, reader, { subject: "nope" });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe("auth.read_only_token");
    const read = await c.app.inject({ method: "GET", url: "/api/v1/tickets", headers: reader.headers });
    expect(read.statusCode).toBe(200);
  });

  it("answers 404 for another workspace's tickets, by number and by id", async () => {
    const a = await setup();
    const b = await setup();
    const ticket = (await create(a, a.agent, { subject: "Workspace A only" })).json();
    for (const ref of [ticket.id, "TKT-1001"]) {
      const res = await b.app.inject({ method: "GET", url: `/api/v1/tickets/${ref}`, headers: b.agent.headers });
      expect(res.statusCode, ref).toBe(404);
    }
    // B's agent, pointed at A's server, has no valid token there.
    const cross = await a.app.inject({ method: "GET", url: `/api/v1/tickets/${ticket.id}`, headers: b.agent.headers });
    expect([401, 404]).toContain(cross.statusCode);
    const list = await b.app.inject({ method: "GET", url: "/api/v1/tickets?status=all", headers: b.agent.headers });
    expect(list.json().items).toEqual([]);
  });

  it("rejects bad input with 400 naming the field and writes nothing", async () => {
    const c = await setup();
    const cases: [Record<string, unknown>, string][] = [
      [{}, "subject"],
      [{ subject: 42 }, "subject"],
      [{ subject: "x", colour: "red" }, "colour"],
      [{ subject: "x", priority: "urgent" }, "priority"],
      [{ subject: "x", tags: "vip" }, "tags"],
      [{ subject: "x".repeat(600) }, "subject"],
    ];
    for (const [payload, field] of cases) {
      const res = await create(c, c.agent, payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(res.json().error.field, JSON.stringify(payload).slice(0, 60)).toBe(field);
    }
    const huge = await create(c, c.agent, { subject: "big", description: "x".repeat(100 * 1024) });
    expect(huge.statusCode).toBe(413);
    const cursor = await c.app.inject({
      method: "GET",
      url: "/api/v1/tickets?cursor=garbage",
      headers: c.agent.headers,
    });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.field).toBe("cursor");
    const unknownQuery = await c.app.inject({
      method: "GET",
      url: "/api/v1/tickets?colour=red",
      headers: c.agent.headers,
    });
    expect(unknownQuery.statusCode).toBe(400);
    const list = await c.app.inject({ method: "GET", url: "/api/v1/tickets?status=all", headers: c.agent.headers });
    expect(list.json().items).toEqual([]);
  });

  it("pages the queue with cursors, most urgent first", async () => {
    const c = await setup();
    for (const priority of ["low", "critical", "medium", "high"]) {
      await create(c, c.agent, { subject: priority, priority });
    }
    const seen: string[] = [];
    let url = "/api/v1/tickets?limit=3";
    for (;;) {
      const page = (await c.app.inject({ method: "GET", url, headers: c.agent.headers })).json();
      seen.push(...page.items.map((x: { priority: string }) => x.priority));
      if (!page.nextCursor) break;
      url = `/api/v1/tickets?limit=3&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(["critical", "high", "medium", "low"]);
  });

  it("limits a teams-only agent to their teams' tickets, unrouted ones and their own", async () => {
    const c = await setup();
    const manager = await agentUser(c.ws, "manager");
    const other = await agentUser(c.ws);
    await c.ws.people.createTeam({ name: "Billing", members: [c.agent.email] });
    await c.ws.people.createTeam({ name: "Hardware", members: [other.email] });
    await c.ws.people.updateAgent(c.agent.actor.id, { teamsOnly: true });
    const mk = async (subject: string, extra: Record<string, unknown>) =>
      (await create(c, manager, { subject, ...extra })).json().number as string;
    const billing = await mk("billing", { team: "Billing" });
    const hardware = await mk("hardware", { team: "Hardware" });
    const unrouted = await mk("unrouted", {});
    const mine = await mk("mine", { team: "Hardware", assignee: c.agent.email });
    const list = await c.app.inject({ method: "GET", url: "/api/v1/tickets?status=all", headers: c.agent.headers });
    const seen = list
      .json()
      .items.map((x: { number: string }) => x.number)
      .sort();
    expect(seen).toEqual([billing, unrouted, mine].sort());
    const hidden = await c.app.inject({ method: "GET", url: `/api/v1/tickets/${hardware}`, headers: c.agent.headers });
    expect(hidden.statusCode).toBe(404);
    const all = await c.app.inject({ method: "GET", url: "/api/v1/tickets?status=all", headers: manager.headers });
    expect(all.json().items).toHaveLength(4);
  });
});
