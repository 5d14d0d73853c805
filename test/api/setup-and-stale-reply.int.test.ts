/**
 * First-run setup (the web app's "create the first administrator" page) and
 * reply collision detection: a public reply sent with `lastSeenEntryId` is
 * refused (409 ticket.reply_stale) when someone else wrote a public message
 * after that entry, so the agent reads it before their answer goes out.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";

interface Entry {
  id: string;
  kind: "message" | "note" | "event";
  author: { type: string; id: string | null };
  body: string;
}

describe(`first-run setup (${engineUnderTest})`, () => {
  let t: TestDesk;
  let app: FastifyInstance;
  let ip = 0;
  // Setup allows 10 attempts a minute per client: each call comes from its own address.
  const call = (method: "GET" | "POST", url: string, payload?: Record<string, unknown>) =>
    app.inject({ method, url, remoteAddress: `10.9.0.${++ip}`, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await openTestDesk();
    app = await buildServer({ desk: t.desk, logLevel: "silent" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it("refuses bad input naming the field, and creates nothing", async () => {
    const good = { name: "Ada Admin", email: "ada@desk.test", password: "a long enough password" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, email: "not-an-email" }, "email"],
      [{ ...good, password: "short" }, "password"],
      [{ ...good, name: "  " }, "name"],
      [{ ...good, password: "ada@desk.test" }, "password"],
      [{ ...good, role: "superadmin" }, "role"],
      [{ name: "Ada Admin", email: "ada@desk.test" }, "password"],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", "/api/v1/setup", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
      expect(res.json().error.message, JSON.stringify(body)).toEqual(expect.any(String));
    }
    expect((await call("GET", "/api/v1/setup")).json().needed).toBe(true);
  });

  it("is open on a fresh desk, creates the superadmin once, then answers 409 setup.done", async () => {
    const before = await call("GET", "/api/v1/setup");
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ needed: true, workspace: t.desk.workspace.slug });

    const created = await call("POST", "/api/v1/setup", {
      name: "Ada Admin",
      email: "ada@desk.test",
      password: "a long enough password",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ needed: false, workspace: t.desk.workspace.slug });
    expect((await call("GET", "/api/v1/setup")).json().needed).toBe(false);

    const login = await call("POST", "/api/v1/auth/login", {
      email: "ada@desk.test",
      password: "a long enough password",
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === "helpline_session");
    const me = await app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      cookies: { helpline_session: cookie?.value ?? "" },
    });
    expect(me.statusCode).toBe(200);
    expect(JSON.stringify(me.json())).toContain("superadmin");

    // Someone else comes second: refused, and the first administrator's password still works.
    const again = await call("POST", "/api/v1/setup", {
      name: "Mallory",
      email: "ada@desk.test",
      password: "another long password",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("setup.done");
    const other = await call("POST", "/api/v1/setup", {
      name: "Mallory",
      email: "mallory@evil.test",
      password: "another long password",
    });
    expect(other.statusCode).toBe(409);
    const stolen = await call("POST", "/api/v1/auth/login", {
      email: "ada@desk.test",
      password: "another long password",
    });
    expect(stolen.statusCode).toBe(401);
    const still = await call("POST", "/api/v1/auth/login", {
      email: "ada@desk.test",
      password: "a long enough password",
    });
    expect(still.statusCode).toBe(200);
    const admins = await t.desk.database.executeSql("select count(*)::int as n from agents where role = 'superadmin'");
    expect(admins.rows[0]?.n).toBe(1);
  });
});

describe(`stale replies (${engineUnderTest})`, () => {
  let t: TestDesk;
  let ws: Helpdesk;
  let app: FastifyInstance;
  let ana: TestUser;
  let bob: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    t = await openTestDesk();
    ws = await isolatedWorkspace(t.desk);
    app = await buildServer({ desk: t.desk, logLevel: "silent" });
    ana = await agentUser(ws);
    bob = await agentUser(ws);
    customer = await customerUser(ws);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const timeline = async (ref: string, user: TestUser = ana): Promise<Entry[]> => {
    const res = await app.inject({ method: "GET", url: `/api/v1/tickets/${ref}/timeline`, headers: user.headers });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const write = (user: TestUser, ref: string, kind: "messages" | "notes", payload: Record<string, unknown>) =>
    app.inject({ method: "POST", url: `/api/v1/tickets/${ref}/${kind}`, headers: user.headers, payload });
  const newest = (entries: Entry[]) => entries.at(-1)?.id ?? "";
  const ticket = () =>
    ws.tickets.create({ subject: "Printer jammed", description: "It jams on page 2", requester: customer.email });

  it("refuses a reply when a colleague replied since, writes nothing, and takes the retry", async () => {
    const { number } = await ticket();
    const seen = newest(await timeline(number));
    expect((await write(bob, number, "messages", { body: "Bob got there first" })).statusCode).toBe(201);
    const afterBob = await timeline(number);
    const bobsEntry = afterBob.at(-1);
    expect(bobsEntry).toMatchObject({ kind: "message", author: { id: bob.actor.id } });

    const stale = await write(ana, number, "messages", { body: "Ana's answer", lastSeenEntryId: seen });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: "ticket.reply_stale",
      message: expect.stringContaining(number),
      details: { newEntryIds: [bobsEntry?.id] },
    });
    const unchanged = await timeline(number);
    expect(unchanged.map((e) => e.id)).toEqual(afterBob.map((e) => e.id));
    expect(unchanged.some((e) => e.body === "Ana's answer")).toBe(false);

    const retry = await write(ana, number, "messages", { body: "Ana's answer", lastSeenEntryId: newest(unchanged) });
    expect(retry.statusCode).toBe(201);
    const last = (await timeline(number)).at(-1);
    expect(last).toMatchObject({ kind: "message", body: "Ana's answer", author: { id: ana.actor.id } });
  });

  it("counts a customer's reply too, but never refuses a note", async () => {
    const { number } = await ticket();
    const seen = newest(await timeline(number));
    expect((await write(customer, number, "messages", { body: "Any news?" })).statusCode).toBe(201);
    const note = await write(ana, number, "notes", { body: "Checking the logs", lastSeenEntryId: seen });
    expect(note.statusCode).toBe(201);
    const reply = await write(ana, number, "messages", { body: "Still on it", lastSeenEntryId: seen });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.details.newEntryIds).toHaveLength(1);
  });

  it("does not count the agent's own earlier messages, nor notes and events of others", async () => {
    const { number } = await ticket();
    const seen = newest(await timeline(number));
    expect((await write(ana, number, "messages", { body: "First part" })).statusCode).toBe(201);
    expect((await write(bob, number, "notes", { body: "FYI" })).statusCode).toBe(201);
    const status = await app.inject({
      method: "POST",
      url: `/api/v1/tickets/${number}/status`,
      headers: bob.headers,
      payload: { status: "in_progress" },
    });
    expect(status.statusCode).toBe(200);
    const second = await write(ana, number, "messages", { body: "Second part", lastSeenEntryId: seen });
    expect(second.statusCode).toBe(201);
  });

  it("counts every message by others as new when lastSeenEntryId is unknown", async () => {
    const { number } = await ticket();
    expect((await write(bob, number, "messages", { body: "Hello from Bob" })).statusCode).toBe(201);
    expect((await write(ana, number, "messages", { body: "Mine" })).statusCode).toBe(201);
    const others = (await timeline(number)).filter((e) => e.kind === "message" && e.author.id !== ana.actor.id);
    expect(others.length).toBeGreaterThanOrEqual(2);
    const res = await write(ana, number, "messages", { body: "Out of nowhere", lastSeenEntryId: randomUUID() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.newEntryIds).toEqual(others.map((e) => e.id));
    // An entry of another ticket is unknown here too.
    const elsewhere = await ticket();
    const foreign = newest(await timeline(elsewhere.number));
    const mixed = await write(ana, number, "messages", { body: "Wrong ticket", lastSeenEntryId: foreign });
    expect(mixed.statusCode).toBe(409);
    const bad = await write(ana, number, "messages", { body: "x", lastSeenEntryId: "not-an-id" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("lastSeenEntryId");
  });
});
