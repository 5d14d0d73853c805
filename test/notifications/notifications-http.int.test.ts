/**
 * /api/v1/notifications, /api/v1/me/notification-preferences and the
 * delivery log over HTTP: who may call what, each agent's own notifications
 * (someone else's 404), the preferences round trip (unknown kinds and channels
 * 400 naming them), and the delivery log's filters.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { createHelpdesk } from "../../src/lib/index.js";
import { type Api, call, openApi } from "../api/api-client.js";
import { runCli } from "../cli/run-cli.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { agentUser, customerUser, type TestUser, tokenFor } from "../http/as-user.js";

let api: Api;
let bob: TestUser;
let alice: TestUser;
let manager: TestUser;
let customer: TestUser;
let bobReadOnly: TestUser;
let ticket: { id: string; number: string };

beforeAll(async () => {
  api = await openApi();
  bob = await agentUser(api.desk, "agent");
  alice = await agentUser(api.desk, "agent");
  manager = await agentUser(api.desk, "manager");
  customer = await customerUser(api.desk);
  const ro = await tokenFor(api.desk, { type: "agent", id: bob.actor.id, email: bob.email }, "read");
  bobReadOnly = { ...bob, token: ro, headers: { authorization: `Bearer ${ro}` } };
  const asAlice = api.desk.as(alice.actor);
  const created = await asAlice.tickets.create({ subject: "Printer on fire", requester: customer.email });
  ticket = { id: created.id, number: created.number };
  await asAlice.tickets.assign(created.number, bob.actor.id);
  const second = await asAlice.tickets.create({ subject: "Scanner jammed", requester: customer.email });
  await asAlice.tickets.assign(second.number, bob.actor.id);
  await api.desk.runPending();
});
afterAll(async () => {
  await api?.close();
});

describe(`notification centre over HTTP (${engineUnderTest})`, () => {
  it("lists the caller's own notifications, newest first, with the unread count", async () => {
    const r = await call(api.app, bob, "GET", "/api/v1/notifications");
    expect(r.status).toBe(200);
    expect(r.body.unreadCount).toBe(2);
    expect(r.body.items).toHaveLength(2);
    expect(r.body.items.map((n: { kind: string }) => n.kind)).toEqual(["ticket.assigned", "ticket.assigned"]);
    expect(r.body.items[1]).toMatchObject({ ticket: ticket, readAt: null, createdAt: expect.any(String) });
    const mine = await call(api.app, alice, "GET", "/api/v1/notifications");
    expect(mine.body.items.filter((n: { kind: string }) => n.kind === "ticket.assigned")).toEqual([]);
    const paged = await call(api.app, bob, "GET", "/api/v1/notifications?limit=1");
    expect(paged.body.items).toHaveLength(1);
    const rest = await call(api.app, bob, "GET", `/api/v1/notifications?limit=1&cursor=${paged.body.nextCursor}`);
    expect(rest.body.items[0].id).toBe(r.body.items[1].id);
    expect(rest.body.nextCursor).toBeNull();
    expect((await call(api.app, bob, "GET", "/api/v1/notifications?limit=0")).status).toBe(400);
  });

  it("marks one read (someone else's: 404) and all read", async () => {
    const list = await call(api.app, bob, "GET", "/api/v1/notifications");
    const id = list.body.items[1].id as string;
    expect((await call(api.app, alice, "POST", `/api/v1/notifications/${id}/read`)).status).toBe(404);
    expect((await call(api.app, manager, "POST", `/api/v1/notifications/${id}/read`)).status).toBe(404);
    expect((await call(api.app, bobReadOnly, "POST", `/api/v1/notifications/${id}/read`)).status).toBe(403);
    const read = await call(api.app, bob, "POST", `/api/v1/notifications/${id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ notification: { id, readAt: expect.any(String) }, unreadCount: 1 });
    const unread = await call(api.app, bob, "GET", "/api/v1/notifications?unread=true");
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(id);
    expect(unread.body.items).toHaveLength(1);
    const all = await call(api.app, bob, "POST", "/api/v1/notifications/read-all");
    expect(all.body).toEqual({ marked: 1, unreadCount: 0 });
    expect((await call(api.app, bob, "GET", "/api/v1/notifications?unread=true")).body.items).toEqual([]);
  });

  it("refuses customers (403) and anonymous callers (401) on every route", async () => {
    const routes: ["GET" | "POST" | "PUT", string][] = [
      ["GET", "/api/v1/notifications"],
      ["POST", "/api/v1/notifications/read-all"],
      ["GET", "/api/v1/notifications/stream?once=true"],
      ["GET", "/api/v1/notifications/deliveries"],
      ["GET", "/api/v1/me/notification-preferences"],
      ["PUT", "/api/v1/me/notification-preferences"],
    ];
    for (const [method, url] of routes) {
      const body = method === "PUT" ? { emailBatchMinutes: 5 } : undefined;
      expect((await call(api.app, customer, method, url, body)).status, `${method} ${url}`).toBe(403);
      expect((await call(api.app, null, method, url, body)).status, `${method} ${url}`).toBe(401);
    }
  });
});

describe(`notification preferences over HTTP (${engineUnderTest})`, () => {
  it("answers the defaults, then what was changed", async () => {
    const before = await call(api.app, alice, "GET", "/api/v1/me/notification-preferences");
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      agentId: alice.actor.id,
      quietHours: null,
      emailBatchMinutes: 0,
      channels: { "ticket.assigned": { in_app: true, email: true, slack: true } },
    });
    const patch = {
      channels: { "ticket.assigned": { email: false } },
      quietHours: { start: "22:00", end: "07:00" },
      timeZone: "Europe/Berlin",
      emailBatchMinutes: 15,
    };
    const put = await call(api.app, alice, "PUT", "/api/v1/me/notification-preferences", patch);
    expect(put.status).toBe(200);
    const expected = {
      agentId: alice.actor.id,
      quietHours: { start: "22:00", end: "07:00" },
      timeZone: "Europe/Berlin",
      emailBatchMinutes: 15,
      channels: { "ticket.assigned": { in_app: true, email: false, slack: true } },
    };
    expect(put.body).toMatchObject(expected);
    expect((await call(api.app, alice, "GET", "/api/v1/me/notification-preferences")).body).toMatchObject(expected);
    // Someone else's are their own.
    const bobs = await call(api.app, bob, "GET", "/api/v1/me/notification-preferences");
    expect(bobs.body.channels["ticket.assigned"].email).toBe(true);
    const off = await call(api.app, alice, "PUT", "/api/v1/me/notification-preferences", { quietHours: null });
    expect(off.body.quietHours).toBeNull();
    expect(off.body.emailBatchMinutes).toBe(15);
  });

  it("refuses unknown kinds and channels with 400 naming them", async () => {
    const kind = await call(api.app, alice, "PUT", "/api/v1/me/notification-preferences", {
      channels: { "ticket.exploded": { email: true } },
    });
    expect(kind.status).toBe(400);
    expect(kind.body.error.field).toContain("ticket.exploded");
    const channel = await call(api.app, alice, "PUT", "/api/v1/me/notification-preferences", {
      channels: { "ticket.assigned": { pigeon: true } },
    });
    expect(channel.status).toBe(400);
    expect(channel.body.error.field).toContain("pigeon");
    expect(channel.body.error.message).toContain("pigeon");
    const zone = await call(api.app, alice, "PUT", "/api/v1/me/notification-preferences", { timeZone: "Mars/Base" });
    expect(zone.status).toBe(400);
    expect(zone.body.error.field).toBe("timeZone");
    expect((await call(api.app, bobReadOnly, "PUT", "/api/v1/me/notification-preferences", {})).status).toBe(403);
  });
});

describe(`delivery log over HTTP (${engineUnderTest})`, () => {
  const log = (query = "", user: TestUser = manager) =>
    call(api.app, user, "GET", `/api/v1/notifications/deliveries${query}`);

  it("is for managers", async () => {
    expect((await log("", bob)).status).toBe(403);
    expect((await log()).status).toBe(200);
  });

  it("filters by channel, status, recipient, event, kind and ticket", async () => {
    const all = (await log("?limit=500")).body.items as { channel: string; status: string; eventType: string }[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const inApp = (await log("?channel=in_app")).body.items;
    expect(inApp.length).toBeGreaterThan(0);
    expect(inApp.every((d: { channel: string }) => d.channel === "in_app")).toBe(true);
    expect(inApp.every((d: { status: string }) => d.status === "sent")).toBe(true);
    const bobsInApp = (await log(`?channel=in_app&agent=${encodeURIComponent(bob.email)}`)).body.items;
    expect(bobsInApp).toHaveLength(2);
    expect(bobsInApp[0]).toMatchObject({
      kind: "ticket.assigned",
      eventType: "ticket.assigned",
      recipient: { key: `agent:${bob.actor.id}`, agent: { id: bob.actor.id, email: bob.email } },
      attempts: expect.any(Number),
      createdAt: expect.any(String),
    });
    const byId = (await log(`?channel=in_app&agent=${bob.actor.id}`)).body.items;
    expect(byId).toEqual(bobsInApp);
    const oneTicket = (await log(`?ticket=${ticket.number}&channel=in_app`)).body.items;
    expect(oneTicket.every((d: { ticket: { number: string } }) => d.ticket.number === ticket.number)).toBe(true);
    expect(oneTicket.map((d: { recipient: { key: string } }) => d.recipient.key)).toContain(`agent:${bob.actor.id}`);
    const assigned = (await log("?event=ticket.assigned")).body.items;
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.every((d: { eventType: string }) => d.eventType === "ticket.assigned")).toBe(true);
    const oneEvent = (await log(`?event=${bobsInApp[0].eventId}`)).body.items;
    expect(oneEvent.every((d: { eventId: string }) => d.eventId === bobsInApp[0].eventId)).toBe(true);
    expect((await log("?kind=ticket.assigned")).body.items.length).toBe(assigned.length);
    const sent = (await log("?status=sent")).body.items;
    expect(sent.every((d: { status: string }) => d.status === "sent")).toBe(true);
    const paged = await log("?limit=1");
    expect(paged.body.items).toHaveLength(1);
    const next = await log(`?limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
  });

  it("answers 400 for an unknown status or kind and 404 for an unknown agent", async () => {
    const status = await log("?status=lost");
    expect(status.status).toBe(400);
    expect(status.body.error.field).toBe("status");
    const kind = await log("?kind=ticket.exploded");
    expect(kind.status).toBe(400);
    expect(kind.body.error.field).toBe("kind");
    expect((await log("?agent=nobody@desk.test")).status).toBe(404);
  });

  it("shows the effect of a preference: no assignment email to someone who turned it off", async () => {
    const emails = async () =>
      (await log(`?channel=email&agent=${alice.actor.id}&event=ticket.assigned`)).body.items.length as number;
    const before = await emails();
    await call(api.app, alice, "PUT", "/api/v1/me/notification-preferences", {
      channels: { "ticket.assigned": { email: false } },
    });
    const other = await api.desk.as(bob.actor).tickets.create({ subject: "For Alice", requester: customer.email });
    await api.desk.as(bob.actor).tickets.assign(other.number, alice.actor.id);
    await api.desk.runPending();
    expect(await emails()).toBe(before);
    const inApp = (await log(`?channel=in_app&agent=${alice.actor.id}&ticket=${other.number}`)).body.items;
    expect(inApp.map((d: { kind: string }) => d.kind)).toContain("ticket.assigned");
  });
});

describe(`helpline notifications log (${engineUnderTest})`, { timeout: 120_000 }, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  let bobEmail: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-notify-"));
    pgDb = engineUnderTest === "postgres" ? await freshDatabase() : undefined;
    target = pgDb ? ["--database-url", pgDb.url ?? ""] : ["--data-dir", join(dir, "data")];
    const desk = await createHelpdesk({
      database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: join(dir, "data") },
      migrate: true,
    });
    try {
      const a = await agentUser(desk, "agent");
      const b = await agentUser(desk, "agent");
      bobEmail = b.email;
      const t = await desk.as(a.actor).tickets.create({ subject: "Printer on fire", requester: "d@mail.test" });
      await desk.as(a.actor).tickets.assign(t.number, b.actor.id);
      await desk.runPending();
    } finally {
      await desk.close();
    }
  });
  afterAll(async () => {
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the delivery log, filtered, as a table or JSON", async () => {
    const human = await runCli([...target, "notifications", "log", "--channel", "in_app"]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^CREATED\s+KIND\s+CHANNEL\s+RECIPIENT\s+STATUS/);
    expect(human.stdout).toContain(bobEmail);
    expect(human.stdout).toContain("ticket.assigned");
    const json = await runCli([
      ...target,
      "--json",
      "notifications",
      "log",
      "--channel",
      "in_app",
      "--agent",
      bobEmail,
    ]);
    expect(json.code, json.stderr).toBe(0);
    const page = JSON.parse(json.stdout) as { items: { channel: string; status: string; kind: string }[] };
    expect(page.items).toEqual([
      expect.objectContaining({ channel: "in_app", status: "sent", kind: "ticket.assigned" }),
    ]);
    const bad = await runCli([...target, "notifications", "log", "--status", "lost"]);
    expect(bad.code).toBe(EXIT.invalid);
    expect(bad.stderr).toContain("lost");
  });
});
