/**
 * /api/v1/webhooks over HTTP: create (secret answered once), read, change,
 * the delivery log, test sends, secret rotation and delete; who may do what,
 * and webhooks of other workspaces not found.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { verifyWebhookSignature } from "../../src/core/notifications/index.js";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { call } from "../api/api-client.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { failFirst, type Receiver, startReceiver } from "./webhook-receiver.js";

const clock = fixedClock(new Date("2026-11-20T10:00:00Z"));
let testDesk: TestDesk;
let desk: Helpdesk;
let app: FastifyInstance;
let manager: TestUser;
let admin: TestUser;
let agent: TestUser;
let customer: TestUser;
let foreign: TestUser;
let other: Helpdesk;
let r: Receiver;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  desk = testDesk.desk;
  app = await buildServer({ desk, logLevel: "silent" });
  await app.ready();
  manager = await agentUser(desk, "manager");
  admin = await agentUser(desk, "superadmin");
  agent = await agentUser(desk, "agent");
  customer = await customerUser(desk);
  other = await desk.inWorkspace("elsewhere");
  foreign = await agentUser(other, "superadmin");
  r = await startReceiver(failFirst(1));
});

afterAll(async () => {
  await r?.close();
  await app?.close();
  await testDesk?.close();
});

describe(`/api/v1/webhooks (${engineUnderTest})`, () => {
  it("creates, lists, changes, logs, tests, rotates and deletes", async () => {
    const created = await call(app, manager, "POST", "/api/v1/webhooks", {
      name: "CRM",
      url: r.url,
      events: ["ticket.created", "ticket.resolved"],
      allowPrivate: true,
    });
    expect(created.status).toBe(201);
    const { webhook, secret } = created.body;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({ name: "CRM", format: "json", signed: true, active: true, disabledAt: null });
    const id: string = webhook.id;

    const list = await call(app, admin, "GET", "/api/v1/webhooks");
    expect(list.status).toBe(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([id]);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const one = await call(app, manager, "GET", `/api/v1/webhooks/${id}`);
    expect(one.body).toMatchObject({ id, url: r.url, events: ["ticket.created", "ticket.resolved"] });

    await desk.tickets.create({ subject: "Over HTTP" });
    await desk.runPending(); // the receiver fails the first request
    clock.advance(30_000);
    await desk.runPending();
    const log = await call(app, manager, "GET", `/api/v1/webhooks/${id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      webhookId: id,
      eventType: "ticket.created",
      status: "sent",
      attempts: 2,
      responseStatus: 200,
      error: expect.stringContaining("HTTP 500"),
    });
    expect(log.body.items[0].attemptLog).toHaveLength(2);
    const failedOnly = await call(app, manager, "GET", `/api/v1/webhooks/${id}/deliveries?status=failed`);
    expect(failedOnly.body.items).toHaveLength(0);

    const patched = await call(app, manager, "PATCH", `/api/v1/webhooks/${id}`, { events: ["*"], name: "CRM 2" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "CRM 2", events: ["*"] });
    const badEvents = await call(app, manager, "PATCH", `/api/v1/webhooks/${id}`, { events: ["ticket.nope"] });
    expect(badEvents.status).toBe(400);
    expect(badEvents.body.error).toMatchObject({ code: "webhook.unknown_events", field: "events" });
    const privateUrl = await call(app, manager, "PATCH", `/api/v1/webhooks/${id}`, { url: "http://10.0.0.5/hook" });
    expect(privateUrl.status).toBe(400);
    expect(privateUrl.body.error).toMatchObject({ code: "webhook.private_url", field: "url" });

    const rotated = await call(app, admin, "POST", `/api/v1/webhooks/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    const test = await call(app, manager, "POST", `/api/v1/webhooks/${id}/test`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({ ok: true, status: 200, error: null });
    const ping = r.hits.at(-1);
    expect(ping?.headers["x-helpline-event"]).toBe("ping");
    expect(
      verifyWebhookSignature({
        secret: rotated.body.secret,
        header: String(ping?.headers["x-helpline-signature"]),
        timestamp: String(ping?.headers["x-helpline-timestamp"]),
        body: ping?.body ?? "",
        nowSeconds: Math.floor(clock.now().getTime() / 1000),
      }),
    ).toBe(true);

    const removed = await call(app, manager, "DELETE", `/api/v1/webhooks/${id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ webhook: { id }, deliveriesDeleted: 1 });
    expect((await call(app, manager, "GET", `/api/v1/webhooks/${id}`)).status).toBe(404);
  });

  it("refuses private URLs without allowPrivate, and Teams webhooks have no secret", async () => {
    const refused = await call(app, manager, "POST", "/api/v1/webhooks", {
      name: "Local",
      url: "http://localhost:8080/hook",
      events: ["*"],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("allowPrivate");
    const teams = await call(app, manager, "POST", "/api/v1/webhooks", {
      name: "Teams channel",
      url: "https://example.webhook.office.com/webhookb2/abc",
      format: "teams",
      events: ["ticket.created"],
    });
    expect(teams.status).toBe(201);
    expect(teams.body).toMatchObject({ secret: null, webhook: { format: "teams", signed: false } });
    const rotate = await call(app, manager, "POST", `/api/v1/webhooks/${teams.body.webhook.id}/rotate-secret`);
    expect(rotate.status).toBe(400);
    expect(rotate.body.error.code).toBe("webhook.no_secret");
  });

  it("managers and superadmins only; other workspaces' webhooks are not found", async () => {
    const { webhook } = await desk.notifications.webhooks.create({
      name: "Mine",
      url: "https://hooks.example.com/mine",
      events: ["*"],
    });
    const paths = [
      ["GET", "/api/v1/webhooks"],
      ["GET", `/api/v1/webhooks/${webhook.id}`],
      ["PATCH", `/api/v1/webhooks/${webhook.id}`],
      ["GET", `/api/v1/webhooks/${webhook.id}/deliveries`],
      ["POST", `/api/v1/webhooks/${webhook.id}/rotate-secret`],
      ["DELETE", `/api/v1/webhooks/${webhook.id}`],
    ] as const;
    for (const [method, path] of paths) {
      const body = method === "PATCH" ? { name: "Theirs" } : undefined;
      expect((await call(app, agent, method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await call(app, customer, method, path, body)).status, `${method} ${path}`).toBe(403);
      if (path !== "/api/v1/webhooks") {
        expect((await call(app, foreign, method, path, body)).status, `${method} ${path}`).toBe(404);
      }
    }
    const theirs = await call(app, foreign, "GET", "/api/v1/webhooks");
    expect(theirs.body.items).toEqual([]);
    const created = await call(app, agent, "POST", "/api/v1/webhooks", {
      name: "No",
      url: "https://hooks.example.com/",
      events: ["*"],
    });
    expect(created.status).toBe(403);
    expect((await desk.notifications.webhooks.get(webhook.id)).name).toBe("Mine");
    expect((await call(app, manager, "GET", "/api/v1/webhooks/not-an-id")).status).toBe(404);
  });
});
