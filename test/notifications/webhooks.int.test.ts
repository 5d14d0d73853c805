import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import {
  type HttpPoster,
  verifyWebhookSignature,
  webhooksEnqueueListener,
} from "../../src/core/notifications/index.js";
import { fetchPoster } from "../../src/integrations/http/post.js";
import type { Helpdesk } from "../../src/lib/index.js";
import {
  asNewAgent,
  auditActions,
  domainError,
  engineUnderTest,
  isolatedWorkspace,
  openTestDesk,
  type TestDesk,
} from "../harness.js";
import { failFirst, type Receiver, startReceiver } from "./webhook-receiver.js";

const START = new Date("2026-11-20T10:00:00Z");
const MIN = 60_000;
const clock = fixedClock(START);

/** Every POST goes to the network, unless a test parks it (a sender that dies mid-POST). */
let park: ((url: string) => Promise<{ status: number; body: string }>) | undefined;
const poster: HttpPoster = (url, body, headers, timeoutMs) =>
  park ? park(url) : fetchPoster(url, body, headers, timeoutMs);

let t: TestDesk;
const receivers: Receiver[] = [];
beforeAll(async () => {
  t = await openTestDesk({ clock, notify: { http: poster, publicUrl: "https://desk.example.com" } });
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await t.close();
});

async function receiver(answer?: (n: number) => number): Promise<Receiver> {
  const r = await startReceiver(answer);
  receivers.push(r);
  return r;
}

async function deliveryRows(ws: Helpdesk) {
  const { rows } = await ws.database.executeSql(
    "select id::text as id, subscription_id::text as sub, event_id::text as event, status, attempts from webhook_deliveries where workspace_id = $1 order by id",
    [ws.workspace.id],
  );
  return rows as { id: string; sub: string; event: string; status: string; attempts: number }[];
}

/** Moves the clock on and runs what is due, `times` times. */
async function later(ws: Helpdesk, ms: number, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    clock.advance(ms);
    await ws.runPending();
  }
}

describe(`outgoing webhooks (${engineUnderTest})`, () => {
  it("retries a failing receiver with backoff and delivers once, signed; the log shows every attempt", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const r = await receiver(failFirst(3));
    const { webhook, secret } = await ws.notifications.webhooks.create({
      name: "CRM",
      url: r.url,
      events: ["ticket.created"],
      allowPrivate: true,
    });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({ format: "json", signed: true, active: true, events: ["ticket.created"] });
    const ticket = await ws.tickets.create({ subject: "Printer on fire" });
    await ws.runPending();
    expect(r.hits).toHaveLength(1);
    let [log] = (await ws.notifications.webhooks.deliveries(webhook.id)).items;
    expect(log).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500, eventType: "ticket.created" });
    expect(log?.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 30_000));
    await later(ws, 29_000); // not due yet
    expect(r.hits).toHaveLength(1);
    await later(ws, 1_000); // 30 s after the first
    await later(ws, MIN); // 1 min after the second
    expect(r.hits).toHaveLength(3);
    await later(ws, 2 * MIN);
    expect(r.hits).toHaveLength(4);
    await later(ws, 60 * MIN, 2);
    expect(r.hits).toHaveLength(4);

    [log] = (await ws.notifications.webhooks.deliveries(webhook.id)).items;
    expect(log).toMatchObject({
      status: "sent",
      attempts: 4,
      responseStatus: 200,
      error: expect.stringContaining("HTTP 500"),
    });
    expect(log?.attemptLog).toHaveLength(4);
    expect(log?.attemptLog.slice(0, 3).every((l) => /^#\d \S+: HTTP 500/.test(l))).toBe(true);
    expect(log?.attemptLog[3]).toMatch(/^#4 \S+: delivered, HTTP 200$/);
    expect(log?.durationMs).toBeGreaterThanOrEqual(0);

    const ids = new Set(r.hits.map((h) => h.headers["x-helpline-delivery"]));
    expect(ids).toEqual(new Set([log?.id]));
    const last = r.hits[3];
    if (!last || !secret) throw new Error("no hit");
    expect(last.headers["content-type"]).toBe("application/json");
    expect(last.headers["user-agent"]).toBe("Helpline-Webhooks");
    expect(last.headers["x-helpline-event"]).toBe("ticket.created");
    const timestamp = String(last.headers["x-helpline-timestamp"]);
    expect(Number(timestamp)).toBe(Math.floor(clock.now().getTime() / 1000) - 2 * 3600);
    const check = { header: String(last.headers["x-helpline-signature"]), timestamp, body: last.body };
    expect(verifyWebhookSignature({ ...check, secret, nowSeconds: Number(timestamp) })).toBe(true);
    expect(verifyWebhookSignature({ ...check, secret: "wrong", nowSeconds: Number(timestamp) })).toBe(false);
    expect(verifyWebhookSignature({ ...check, secret, body: `${last.body} `, nowSeconds: Number(timestamp) })).toBe(
      false,
    );
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({
      id: log?.id,
      event: {
        type: "ticket.created",
        workspaceId: ws.workspace.id,
        subject: { type: "ticket", id: ticket.id },
        payload: { ticket: { number: ticket.number, subject: "Printer on fire" } },
      },
    });
    expect((await ws.notifications.webhooks.get(webhook.id)).consecutiveFailures).toBe(0);
  });

  it("gives a delivery up after 8 attempts", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const r = await receiver(() => 503);
    const { webhook } = await ws.notifications.webhooks.create({
      name: "Down",
      url: r.url,
      events: ["*"],
      allowPrivate: true,
    });
    await ws.tickets.create({ subject: "One" });
    await ws.runPending();
    await later(ws, 2 * 3600_000, 10);
    expect(r.hits).toHaveLength(8);
    const [log] = (await ws.notifications.webhooks.deliveries(webhook.id)).items;
    expect(log).toMatchObject({ status: "failed", attempts: 8, responseStatus: 503, nextAttemptAt: null });
    expect(log?.attemptLog).toHaveLength(8);
    const after = await ws.notifications.webhooks.get(webhook.id);
    expect(after).toMatchObject({ active: true, consecutiveFailures: 8 });
  });

  it("disables a subscription after 20 failures in a row and tells the admins once", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const mgr = await asNewAgent(ws, "manager");
    const admin = await asNewAgent(ws, "superadmin");
    const agent = await asNewAgent(ws, "agent");
    const r = await receiver(() => 500);
    const { webhook } = await mgr.notifications.webhooks.create({
      name: "Flaky",
      url: r.url,
      events: ["ticket.created"],
      allowPrivate: true,
    });
    for (const s of ["A", "B", "C"]) await ws.tickets.create({ subject: s });
    await ws.runPending();
    await later(ws, 2 * 3600_000, 10);
    expect(r.hits).toHaveLength(20);
    const off = await ws.notifications.webhooks.get(webhook.id);
    expect(off).toMatchObject({ active: false, consecutiveFailures: 20 });
    expect(off.disabledReason).toContain("HTTP 500");
    expect(off.disabledAt).not.toBeNull();
    const statuses = (await ws.notifications.webhooks.deliveries(webhook.id)).items.map((d) => d.status);
    expect(statuses).toEqual(["failed", "failed", "failed"]);
    await later(ws, 3600_000, 2);
    const { rows } = await ws.database.executeSql(
      "select agent_id::text as agent from notifications where workspace_id = $1 and kind = 'webhook.disabled' order by agent_id",
      [ws.workspace.id],
    );
    const ids = (d: Helpdesk) => (d.actor.type === "agent" ? d.actor.id : "");
    expect(rows.map((x) => x.agent).sort()).toEqual([ids(mgr), ids(admin)].sort());
    expect(rows.map((x) => x.agent)).not.toContain(ids(agent));

    // New events make no deliveries while it is disabled; re-enabling restarts the count.
    await ws.tickets.create({ subject: "D" });
    await ws.runPending();
    expect(await deliveryRows(ws)).toHaveLength(3);
    const on = await mgr.notifications.webhooks.update(webhook.id, { active: true });
    expect(on).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
    expect(await auditActions(ws, "webhook.")).toEqual(["webhook.created", "webhook.changed"]);
  });

  it("a delivery whose sender died mid-POST is sent after the lease, to the receiver once", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const r = await receiver();
    const { webhook } = await ws.notifications.webhooks.create({
      name: "Once",
      url: r.url,
      events: ["ticket.created"],
      allowPrivate: true,
    });
    let parked: ((v: { status: number; body: string }) => void) | undefined;
    let reached: () => void = () => undefined;
    const claimed = new Promise<void>((resolve) => {
      reached = resolve;
    });
    park = () =>
      new Promise((resolve) => {
        parked = resolve;
        reached();
      });
    await ws.tickets.create({ subject: "Crash" });
    const dying = ws.runPending();
    await claimed;
    park = undefined;
    expect((await deliveryRows(ws)).map((d) => [d.status, d.attempts])).toEqual([["sending", 1]]);
    await later(ws, MIN); // the lease (2 min) has not passed
    expect(r.hits).toHaveLength(0);
    await later(ws, MIN + 1);
    expect(r.hits).toHaveLength(1);
    parked?.({ status: 200, body: "" }); // the old sender comes back late: its outcome is ignored
    await dying;
    await later(ws, 3600_000, 2);
    expect(r.hits).toHaveLength(1);
    const [log] = (await ws.notifications.webhooks.deliveries(webhook.id)).items;
    expect(log).toMatchObject({ status: "sent", attempts: 2 });
    expect(log?.attemptLog[0]).toMatch(/^#1 .*lease passed/);

    // The same event handed to the listener again makes no second delivery.
    const [row] = await deliveryRows(ws);
    const { rows } = await ws.database.executeSql(
      "select id::text as id, seq::int as seq, workspace_id::text as ws, type, subject_type, subject_id::text as sid, actor, payload, occurred_at from outbox_events where id = $1",
      [row?.event],
    );
    const e = rows[0] as Record<string, unknown>;
    const event = {
      id: String(e.id),
      seq: Number(e.seq),
      workspaceId: String(e.ws),
      type: "ticket.created" as const,
      subjectType: String(e.subject_type),
      subjectId: String(e.sid),
      actor: e.actor as never,
      payload: e.payload as Record<string, unknown>,
      occurredAt: String(e.occurred_at),
    };
    await webhooksEnqueueListener().handle(event, { tx: ws.database.db, clock });
    expect(await deliveryRows(ws)).toHaveLength(1);
    await later(ws, 3600_000);
    expect(r.hits).toHaveLength(1);
  });

  it("only subscribed events of the subscription's own workspace make deliveries", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const other = await isolatedWorkspace(t.desk);
    const r = await receiver();
    await ws.notifications.webhooks.create({
      name: "Resolved only",
      url: r.url,
      events: ["ticket.resolved"],
      allowPrivate: true,
    });
    await ws.notifications.webhooks.create({
      name: "Paused",
      url: r.url,
      events: ["*"],
      active: false,
      allowPrivate: true,
    });
    await ws.tickets.create({ subject: "Not resolved" });
    await other.notifications.webhooks.create({ name: "All", url: r.url, events: ["*"], allowPrivate: true });
    await ws.runPending();
    expect(await deliveryRows(ws)).toHaveLength(0);
    expect(await deliveryRows(other)).toHaveLength(0);
    await other.tickets.create({ subject: "Theirs" });
    await other.runPending();
    await ws.runPending();
    expect(await deliveryRows(ws)).toHaveLength(0);
    const theirs = await deliveryRows(other);
    expect(theirs.length).toBeGreaterThan(0);
    expect(r.hits.length).toBeGreaterThan(0);
    expect(r.hits.every((h) => JSON.parse(h.body).event.workspaceId === other.workspace.id)).toBe(true);
  });

  it("refuses URLs it must not post to and event names it does not know", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const create = (url: string, extra: Record<string, unknown> = {}) =>
      ws.notifications.webhooks.create({ name: "X", url, events: ["*"], ...extra });
    for (const url of [
      "http://127.0.0.1:9/hook",
      "http://localhost/hook",
      "http://10.1.2.3/",
      "http://192.168.0.10/",
      "http://172.20.0.1/",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/",
      "http://[fd00::1]/",
    ]) {
      const err = await domainError(create(url));
      expect(err.code, url).toBe("webhook.private_url");
      expect(err.message).toContain("allowPrivate");
    }
    expect((await domainError(create("ftp://hooks.example.com/"))).code).toBe("webhook.bad_url");
    expect((await domainError(create("https://user:pw@hooks.example.com/"))).code).toBe("webhook.bad_url");
    expect((await domainError(create("not a url"))).field).toBe("url");
    const unknown = await domainError(
      ws.notifications.webhooks.create({
        name: "X",
        url: "https://hooks.example.com/",
        events: ["ticket.created", "ticket.exploded", "nope"],
      }),
    );
    expect(unknown.code).toBe("webhook.unknown_events");
    expect(unknown.message).toContain('"ticket.exploded", "nope"');
    const ok = await create("https://hooks.example.com/in");
    expect(ok.webhook.url).toBe("https://hooks.example.com/in");
    expect(
      (await domainError(ws.notifications.webhooks.update(ok.webhook.id, { url: "http://127.0.0.1/" }))).code,
    ).toBe("webhook.private_url");
    const local = await ws.notifications.webhooks.update(ok.webhook.id, {
      url: "http://127.0.0.1/",
      allowPrivate: true,
    });
    expect(local.url).toBe("http://127.0.0.1/");
  });

  it("rotates the secret, tests with a ping, and deletes with the log; managers only", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const r = await receiver(failFirst(1, 418));
    const agent = await asNewAgent(ws, "agent");
    expect((await domainError(agent.notifications.webhooks.list())).kind).toBe("forbidden");
    const { webhook, secret } = await ws.notifications.webhooks.create({
      name: "Rotating",
      url: r.url,
      events: ["*"],
      allowPrivate: true,
    });
    expect((await domainError(agent.notifications.webhooks.test(webhook.id))).kind).toBe("forbidden");
    const failed = await ws.notifications.webhooks.test(webhook.id);
    expect(failed).toMatchObject({ ok: false, status: 418, error: expect.stringContaining("HTTP 418") });
    const rotated = await ws.notifications.webhooks.rotateSecret(webhook.id);
    expect(rotated.secret).not.toBe(secret);
    const ping = await ws.notifications.webhooks.test(webhook.id);
    expect(ping).toMatchObject({ ok: true, status: 200, error: null, body: "thanks" });
    const hit = r.hits[1];
    expect(hit?.headers["x-helpline-event"]).toBe("ping");
    expect(hit?.headers["x-helpline-delivery"]).toBe(ping.deliveryId);
    const header = String(hit?.headers["x-helpline-signature"]);
    const timestamp = String(hit?.headers["x-helpline-timestamp"]);
    const base = { header, timestamp, body: hit?.body ?? "", nowSeconds: Number(timestamp) };
    expect(verifyWebhookSignature({ ...base, secret: rotated.secret ?? "" })).toBe(true);
    expect(verifyWebhookSignature({ ...base, secret: secret ?? "" })).toBe(false);
    expect(await deliveryRows(ws)).toHaveLength(0); // a ping is not logged

    await ws.tickets.create({ subject: "Logged" });
    await ws.runPending();
    expect(await deliveryRows(ws)).toHaveLength(1);
    const removed = await ws.notifications.webhooks.remove(webhook.id);
    expect(removed.deliveriesDeleted).toBe(1);
    expect(await deliveryRows(ws)).toHaveLength(0);
    expect((await domainError(ws.notifications.webhooks.get(webhook.id))).code).toBe("webhook.not_found");
    expect(await auditActions(ws, "webhook.")).toEqual([
      "webhook.created",
      "webhook.secret_rotated",
      "webhook.deleted",
    ]);
  });
});
