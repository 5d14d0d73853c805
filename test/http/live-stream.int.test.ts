/**
 * Live updates over a real HTTP connection (inject cannot stream): an agent's
 * `GET /api/v1/stream` hears ticket changes (the outbox dispatcher publishes
 * them on the realtime bus) and presence; customers are refused; another
 * workspace hears nothing; on PostgreSQL a second desk on the same database
 * hears the first one's changes through LISTEN/NOTIFY.
 */
import { get, type IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import { createHelpdesk, type Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "./as-user.js";

interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  data: any;
  /** performance.now() when the event arrived. */
  at: number;
}

interface SseClient {
  events: SseEvent[];
  /** The first event (from `from` on) matching `match`; fails after `timeoutMs`. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number, from?: number): Promise<SseEvent>;
  close(): void;
}

/**
 * Opens an SSE stream and parses its events as they arrive. node:http, not fetch: destroying its
 * request closes the socket at once (an aborted fetch leaves it open until keep-alive times out).
 */
async function openStream(base: string, headers: Record<string, string>): Promise<SseClient> {
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const req = get(`${base}/api/v1/stream`, { headers });
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
  if (res.statusCode !== 200) {
    req.destroy();
    throw new Error(`stream refused: ${res.statusCode}`);
  }
  expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
  res.setEncoding("utf8");
  let buffer = "";
  res.on("data", (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      events.push({ event, data: JSON.parse(data), at: performance.now() });
      for (const wake of [...waiters]) wake();
    }
  });
  res.on("error", () => undefined);
  return {
    events,
    waitFor(match, timeoutMs = 2000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.slice(from).find(match);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; heard ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => req.destroy(),
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}
const errorOf = async (res: Response) => ((await res.json()) as ApiErrorBody).error;
const json = (user: TestUser) => ({ ...user.headers, "content-type": "application/json" });

describe(`live updates stream (${engineUnderTest})`, () => {
  let t: TestDesk;
  let ws: Helpdesk;
  let app: FastifyInstance;
  let base: string;
  let agent: TestUser;
  let colleague: TestUser;
  let customer: TestUser;
  const streams: SseClient[] = [];
  const stream = async (user: TestUser, at = base) => {
    const s = await openStream(at, user.headers);
    streams.push(s);
    // The stream says the unread count first: from then on it is subscribed.
    await s.waitFor((e) => e.event === "unread");
    return s;
  };
  const post = (user: TestUser, path: string, body: unknown, at = base) =>
    fetch(`${at}${path}`, { method: "POST", headers: json(user), body: JSON.stringify(body) });

  beforeAll(async () => {
    t = await openTestDesk({ worker: true });
    ws = await isolatedWorkspace(t.desk);
    app = await buildServer({ desk: t.desk, logLevel: "silent" });
    base = await listen(app);
    agent = await agentUser(ws);
    colleague = await agentUser(ws);
    customer = await customerUser(ws);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await app?.close();
    await t?.close();
  });

  it("delivers a ticket change made through the API within 2 s, naming the ticket and the event", async () => {
    const ticket = await ws.tickets.create({ subject: "Live one", requester: customer.email });
    const s = await stream(agent);
    const from = s.events.length;
    const changed = await post(colleague, `/api/v1/tickets/${ticket.number}/status`, { status: "in_progress" });
    expect(changed.status).toBe(200);
    const committed = performance.now();
    const heard = await s.waitFor(
      (e) => e.event === "ticket" && e.data.ticketId === ticket.id && e.data.event === "ticket.status_changed",
      2000,
      from,
    );
    expect(heard.at - committed).toBeLessThan(2000);
    expect(heard.data).toMatchObject({
      type: "ticket",
      actor: { type: "agent", id: colleague.actor.id },
      eventId: expect.any(String),
      at: expect.any(String),
    });
    // A public message arrives too, as its own event.
    const from2 = s.events.length;
    expect((await post(colleague, `/api/v1/tickets/${ticket.number}/messages`, { body: "On it" })).status).toBe(201);
    await s.waitFor(
      (e) => e.event === "ticket" && e.data.ticketId === ticket.id && e.data.event === "ticket.message_added",
      2000,
      from2,
    );
  });

  it("relays presence with the agent's name, and refuses unknown tickets and states", async () => {
    const ticket = await ws.tickets.create({ subject: "Who is here", requester: customer.email });
    const s = await stream(agent);
    const said = await post(colleague, `/api/v1/tickets/${ticket.number}/presence`, { state: "typing" });
    expect(said.status).toBe(200);
    const me = await ws.people.getAgent(colleague.actor.id);
    const heard = await s.waitFor((e) => e.event === "presence" && e.data.ticketId === ticket.id);
    expect(heard.data).toMatchObject({ agent: { id: colleague.actor.id, name: me.name }, state: "typing" });

    const unknown = await post(colleague, "/api/v1/tickets/TKT-999999/presence", { state: "viewing" });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toMatch(/not_found/);
    const bad = await post(colleague, `/api/v1/tickets/${ticket.number}/presence`, { state: "dancing" });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: "input.invalid", field: "state" });
  });

  it("refuses customers the stream and presence", async () => {
    const ticket = await ws.tickets.create({ subject: "Mine", requester: customer.email });
    const res = await fetch(`${base}/api/v1/stream`, { headers: customer.headers });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toEqual(expect.any(String));
    const presence = await post(customer, `/api/v1/tickets/${ticket.number}/presence`, { state: "viewing" });
    expect(presence.status).toBe(403);
    const anonymous = await fetch(`${base}/api/v1/stream`);
    expect(anonymous.status).toBe(401);
  });

  it("tells an agent of another workspace nothing of this one", async () => {
    const other = await isolatedWorkspace(t.desk);
    const outsider = await agentUser(other);
    const theirs = await other.tickets.create({ subject: "Theirs", requester: "someone@mail.test" });
    const ours = await ws.tickets.create({ subject: "Ours", requester: customer.email });
    const s = await stream(outsider);
    expect((await post(colleague, `/api/v1/tickets/${ours.number}/notes`, { body: "secret" })).status).toBe(201);
    expect((await post(colleague, `/api/v1/tickets/${ours.number}/presence`, { state: "viewing" })).status).toBe(200);
    // Committed after ours: once the outsider hears their own change, ours would have arrived first.
    const sentinel = await post(outsider, `/api/v1/tickets/${theirs.number}/notes`, { body: "ours" });
    expect(sentinel.status).toBe(201);
    await s.waitFor((e) => e.event === "ticket" && e.data.ticketId === theirs.id);
    const heard = s.events.filter((e) => e.event === "ticket" || e.event === "presence");
    expect(heard.map((e) => e.data.ticketId)).toEqual(heard.map(() => theirs.id));
    expect(JSON.stringify(s.events)).not.toContain(ours.id);
  });

  // PGlite is one process's embedded database: only PostgreSQL has a cluster path to test.
  const onPostgres = engineUnderTest === "postgres" ? it : null;
  onPostgres?.("reaches a second desk on the same database (LISTEN/NOTIFY)", async () => {
    const url = t.db.url;
    if (!url) throw new Error("PostgreSQL test without a database URL");
    // Another process of the same installation: its own pool, bus connection and HTTP server, no worker.
    const second = await createHelpdesk({ database: { url }, migrate: false });
    const app2 = await buildServer({ desk: second, logLevel: "silent" });
    try {
      const base2 = await listen(app2);
      const ticket = await ws.tickets.create({ subject: "Across processes", requester: customer.email });
      const s = await stream(agent, base2);
      const from = s.events.length;
      // Changed on the first desk (whose worker dispatches), heard on the second.
      expect((await post(colleague, `/api/v1/tickets/${ticket.number}/notes`, { body: "here" })).status).toBe(201);
      await s.waitFor(
        (e) => e.event === "ticket" && e.data.ticketId === ticket.id && e.data.event === "ticket.note_added",
        2000,
        from,
      );
      // Presence announced on the second desk is heard on the first.
      const s1 = await stream(agent);
      expect(
        (await post(colleague, `/api/v1/tickets/${ticket.number}/presence`, { state: "viewing" }, base2)).status,
      ).toBe(200);
      await s1.waitFor((e) => e.event === "presence" && e.data.ticketId === ticket.id);
    } finally {
      for (const s of streams.splice(0)) s.close();
      await app2.close();
      await second.close();
    }
  });
});
