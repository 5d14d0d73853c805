/**
 * Live notifications: both realtime buses deliver what is published to the
 * channel's subscribers (the PostgreSQL bus only with TEST_DATABASE_URL), and
 * end to end over HTTP: an agent's open Server-Sent Events stream yields the
 * notification of an assignment made in another request once the worker's
 * delivery has run, and the subscription ends when the client goes away.
 */
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealtimeBus } from "../../src/core/notifications/index.js";
import { buildServer } from "../../src/http/server.js";
import { type ClosableBus, inProcessBus } from "../../src/integrations/realtime/in-process-bus.js";
import { postgresBus } from "../../src/integrations/realtime/postgres-bus.js";
import { createHelpdesk, fixedClock } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase, type TestDatabase, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";

type Msg = Record<string, unknown>;

/** Resolves when `check` passes (polled up to 500 times); rejects naming `what` when it never does. */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never happened: ${what}`);
}

/** What every bus must do: deliver to the channel's subscribers, not to others, not after unsubscribing. */
async function busContract(publisher: RealtimeBus, subscriber: RealtimeBus): Promise<void> {
  const got: Msg[] = [];
  const other: Msg[] = [];
  const stop = await subscriber.subscribe("agent:a", (m) => got.push(m));
  const stopOther = await subscriber.subscribe("agent:b", (m) => other.push(m));
  await publisher.publish("agent:a", { type: "unread", unreadCount: 3, nested: { ok: true } });
  await eventually(() => got.length === 1, "first message");
  expect(got).toEqual([{ type: "unread", unreadCount: 3, nested: { ok: true } }]);
  expect(other).toEqual([]);
  await stop();
  await publisher.publish("agent:a", { n: 2 });
  await publisher.publish("agent:b", { n: 3 });
  await eventually(() => other.length === 1, "message on the other channel");
  expect(other).toEqual([{ n: 3 }]);
  expect(got).toHaveLength(1);
  await stopOther();
}

describe(`realtime buses (${engineUnderTest})`, () => {
  it("the in-process bus delivers a published message to its subscribers", async () => {
    const bus = inProcessBus();
    await busContract(bus, bus);
    // A copy, not the publisher's object.
    const seen: Msg[] = [];
    await bus.subscribe("c", (m) => seen.push(m));
    const sent = { a: 1 };
    await bus.publish("c", sent);
    expect(seen[0]).toEqual(sent);
    expect(seen[0]).not.toBe(sent);
    await bus.close();
  });

  // Only with a PostgreSQL server to LISTEN on (TEST_DATABASE_URL); the in-process bus above runs everywhere.
  if (engineUnderTest === "postgres")
    describe("PostgreSQL bus", () => {
      let db: TestDatabase;
      const buses: ClosableBus[] = [];
      const open = () => {
        const bus = postgresBus(db.url ?? "", { reconnectMs: 50 });
        buses.push(bus);
        return bus;
      };
      beforeAll(async () => {
        db = await freshDatabase();
      });
      afterAll(async () => {
        for (const b of buses) await b.close();
        await db?.drop();
      });

      it("delivers across connections (two processes) with LISTEN/NOTIFY", async () => {
        await busContract(open(), open());
      });

      it("refuses a message over the NOTIFY payload limit", async () => {
        const bus = open();
        await expect(bus.publish("agent:a", { text: "x".repeat(9000) })).rejects.toThrow(/NOTIFY limit/);
      });

      it("listens again after its connection is killed", async () => {
        const publisher = open();
        const subscriber = open();
        const got: Msg[] = [];
        await subscriber.subscribe("agent:r", (m) => got.push(m));
        const admin = new pg.Client({ connectionString: db.url });
        await admin.connect();
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'helpline realtime' and datname = current_database()`,
        );
        await admin.end();
        expect(killed.rowCount).toBeGreaterThan(0);
        let n = 0;
        await eventually(async () => {
          await publisher.publish("agent:r", { n: ++n }).catch(() => undefined);
          await new Promise((r) => setTimeout(r, 50));
          return got.length > 0;
        }, "a message after reconnecting");
        expect(got[0]).toEqual({ n: expect.any(Number) });
      });
    });
});

/** Counts live subscriptions, to see the stream's one end when the client goes away. */
function countingBus(inner: ClosableBus): ClosableBus & { active: () => number } {
  let active = 0;
  return {
    publish: (c, m) => inner.publish(c, m),
    async subscribe(c, fn) {
      const stop = await inner.subscribe(c, fn);
      active++;
      return async () => {
        active--;
        await stop();
      };
    },
    close: () => inner.close(),
    active: () => active,
  };
}

/** Reads Server-Sent Events from a fetch body. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    /** The next event named `name` (others are skipped), with its parsed data. */
    async next(name: string): Promise<Msg> {
      for (;;) {
        let cut = buffer.indexOf("\n\n");
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event === name && data) return JSON.parse(data) as Msg;
          cut = buffer.indexOf("\n\n");
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before event "${name}"`);
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

describe(`live notifications over HTTP (${engineUnderTest})`, () => {
  let t: TestDesk;
  let app: FastifyInstance;
  let base: string;
  let bus: ReturnType<typeof countingBus>;
  let bob: TestUser;
  let alice: TestUser;

  beforeAll(async () => {
    // The desk's bus, counted: LISTEN/NOTIFY on its own database on PostgreSQL, in-process on PGlite.
    const db = await freshDatabase();
    bus = countingBus(db.url ? postgresBus(db.url) : inProcessBus());
    const clock = fixedClock(new Date("2026-03-02T10:00:00Z"));
    const desk = await createHelpdesk({ database: db.database, migrate: true, clock, notify: { bus } });
    t = {
      desk,
      db,
      async close() {
        await desk.close();
        await bus.close();
        await db.drop();
      },
    };
    app = await buildServer({ desk: t.desk, logLevel: "silent" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    bob = await agentUser(t.desk, "agent");
    alice = await agentUser(t.desk, "manager");
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it("streams the notification of an assignment made in another request, then ends the subscription", async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: bob.headers, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = sseReader(res.body as ReadableStream<Uint8Array>);
    expect(await events.next("unread")).toEqual({ unreadCount: 0 });
    expect(bus.active()).toBe(1);

    const ticket = await t.desk
      .as(alice.actor)
      .tickets.create({ subject: "Printer on fire", requester: "d@mail.test" });
    const assigned = await fetch(`${base}/api/v1/tickets/${ticket.number}/assign`, {
      method: "POST",
      headers: { ...alice.headers, "content-type": "application/json" },
      body: JSON.stringify({ assignee: bob.actor.id }),
    });
    expect(assigned.status).toBe(200);
    await t.desk.runPending();

    const notification = await events.next("notification");
    expect(notification).toMatchObject({
      kind: "ticket.assigned",
      ticket: { id: ticket.id, number: ticket.number },
      readAt: null,
      link: expect.stringContaining(ticket.number),
    });
    expect(await events.next("unread")).toEqual({ unreadCount: 1 });
    const listed = (await (await fetch(`${base}/api/v1/notifications`, { headers: bob.headers })).json()) as {
      items: { id: string }[];
    };
    expect(listed.items[0]?.id).toBe(notification.id);

    // Reading it elsewhere updates the open stream's count.
    const read = await fetch(`${base}/api/v1/notifications/${notification.id}/read`, {
      method: "POST",
      headers: bob.headers,
    });
    expect(read.status).toBe(200);
    expect(await events.next("unread")).toEqual({ unreadCount: 0 });

    abort.abort();
    await eventually(() => bus.active() === 0, "the subscription to end");
    expect(bus.active()).toBe(0);
  });

  it("answers ?once=true with the unread count and closes", async () => {
    const res = await fetch(`${base}/api/v1/notifications/stream?once=true`, { headers: bob.headers });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('event: unread\ndata: {"unreadCount":0}\n\n');
    expect(bus.active()).toBe(0);
  });

  it("refuses the stream to customers and to callers without credentials", async () => {
    expect((await fetch(`${base}/api/v1/notifications/stream?once=true`)).status).toBe(401);
    const customer = await customerUser(t.desk);
    const refused = await fetch(`${base}/api/v1/notifications/stream`, { headers: customer.headers });
    expect(refused.status).toBe(403);
    expect(bus.active()).toBe(0);
  });

  it("ends open streams when the server closes (last: it closes the server)", async () => {
    const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: bob.headers });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(bus.active()).toBe(1);
    await app.close();
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(bus.active()).toBe(0);
  });
});
