/**
 * The in-app notification centre (desk.notifications.*): each agent lists,
 * counts and marks read only their own notifications; customers and the
 * system have none; a real assignment puts one unread notification in the
 * assignee's centre once the events are delivered.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveNotificationsListener } from "../../src/core/notifications/index.js";
import { notifications, outboxEvents } from "../../src/db/schema/index.js";
import { inProcessBus } from "../../src/integrations/realtime/in-process-bus.js";
import { type DomainEvent, type EventType, fixedClock, type Helpdesk, type LiveMessage } from "../../src/lib/index.js";
import {
  asNewAgent,
  domainError,
  engineUnderTest,
  isolatedWorkspace,
  openTestDesk,
  type TestDesk,
} from "../harness.js";

const START = new Date("2026-03-02T10:00:00Z");
const clock = fixedClock(START);
let t: TestDesk;

beforeAll(async () => {
  t = await openTestDesk({ clock });
});
afterAll(async () => {
  await t?.close();
});

const agentIdOf = (d: Helpdesk) => (d.actor.type === "agent" ? d.actor.id : "");

/** A notification row for `agent`, `minutesAgo` before START (as the fan-out would write it). */
async function insert(ws: Helpdesk, agent: Helpdesk, title: string, minutesAgo: number, read = false) {
  const id = randomUUID();
  const at = new Date(START.getTime() - minutesAgo * 60_000);
  await ws.database.db.insert(notifications).values({
    id,
    workspaceId: ws.workspace.id,
    agentId: agentIdOf(agent),
    eventId: randomUUID(),
    kind: "ticket.updated",
    title,
    body: `${title} body`,
    link: "/tickets/TKT-1",
    createdAt: at,
    readAt: read ? at : null,
  });
  return id;
}

describe(`notification centre (${engineUnderTest})`, () => {
  let ws: Helpdesk;
  let alice: Helpdesk;
  let bob: Helpdesk;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ws = await isolatedWorkspace(t.desk);
    alice = await asNewAgent(ws, "agent");
    bob = await asNewAgent(ws, "agent");
    ids.a1 = await insert(ws, alice, "first", 30);
    ids.a2 = await insert(ws, alice, "second", 20, true);
    ids.a3 = await insert(ws, alice, "third", 10);
    ids.b1 = await insert(ws, bob, "bob's", 5);
  });

  it("lists the caller's own notifications newest first, with the unread count", async () => {
    const page = await alice.notifications.list();
    expect(page.items.map((n) => n.title)).toEqual(["third", "second", "first"]);
    expect(page.unreadCount).toBe(2);
    expect(page.nextCursor).toBeNull();
    expect(page.items[1]?.readAt).toEqual(new Date(START.getTime() - 20 * 60_000));
    expect(page.items[0]).toMatchObject({ id: ids.a3, kind: "ticket.updated", body: "third body", readAt: null });
    expect((await bob.notifications.list()).items.map((n) => n.title)).toEqual(["bob's"]);
  });

  it("pages with a cursor and filters unread ones", async () => {
    const first = await alice.notifications.list({ limit: 2 });
    expect(first.items.map((n) => n.title)).toEqual(["third", "second"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const next = await alice.notifications.list({ limit: 2, cursor: first.nextCursor ?? "" });
    expect(next.items.map((n) => n.title)).toEqual(["first"]);
    expect(next.nextCursor).toBeNull();
    const unread = await alice.notifications.list({ unreadOnly: true });
    expect(unread.items.map((n) => n.title)).toEqual(["third", "first"]);
    const bad = await domainError(alice.notifications.list({ cursor: "garbage" }));
    expect(bad.code).toBe("page.bad_cursor");
  });

  it("marks one read (again is harmless) and refuses someone else's as not found", async () => {
    clock.set(new Date(START.getTime() + 60_000));
    const r = await alice.notifications.markRead(ids.a1 ?? "");
    expect(r.notification.readAt).toEqual(new Date(START.getTime() + 60_000));
    expect(r.unreadCount).toBe(1);
    clock.set(new Date(START.getTime() + 120_000));
    const again = await alice.notifications.markRead(ids.a1 ?? "");
    expect(again.notification.readAt).toEqual(new Date(START.getTime() + 60_000));
    const theirs = await domainError(alice.notifications.markRead(ids.b1 ?? ""));
    expect(theirs.kind).toBe("not_found");
    expect(theirs.code).toBe("notification.not_found");
    expect((await domainError(alice.notifications.markRead("not-an-id"))).kind).toBe("not_found");
    expect((await bob.notifications.list()).unreadCount).toBe(1);
    const manager = await asNewAgent(ws, "manager");
    expect((await domainError(manager.notifications.markRead(ids.b1 ?? ""))).kind).toBe("not_found");
  });

  it("marks all read and answers how many were unread", async () => {
    expect(await alice.notifications.markAllRead()).toBe(1);
    expect(await alice.notifications.markAllRead()).toBe(0);
    expect(await alice.notifications.unreadCount()).toBe(0);
    expect(await bob.notifications.unreadCount()).toBe(1);
  });

  it("refuses customers and the system", async () => {
    const c = await ws.people.createCustomer({ email: `c-${randomUUID().slice(0, 6)}@mail.test` });
    const customer = ws.as({ type: "customer", id: c.id, role: c.role, companyId: c.companyId });
    expect((await domainError(customer.notifications.list())).kind).toBe("forbidden");
    expect((await domainError(customer.notifications.markAllRead())).kind).toBe("forbidden");
    expect((await domainError(customer.notifications.markRead(ids.b1 ?? ""))).kind).toBe("forbidden");
    expect((await domainError(ws.notifications.list())).kind).toBe("forbidden");
  });

  it("does not show another workspace's notifications", async () => {
    const other = await isolatedWorkspace(t.desk);
    const stranger = await asNewAgent(other, "superadmin");
    expect((await stranger.notifications.list()).items).toEqual([]);
    expect((await domainError(stranger.notifications.markRead(ids.a3 ?? ""))).kind).toBe("not_found");
  });
});

describe(`notifications from real events (${engineUnderTest})`, () => {
  it("gives the assignee one unread notification of the assignment after delivery, live too", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const alice = await asNewAgent(ws, "agent");
    const bob = await asNewAgent(ws, "agent");
    const ticket = await alice.tickets.create({ subject: "Printer on fire", requester: "dana@mail.test" });
    await ws.runPending();
    expect((await bob.notifications.list()).items).toEqual([]);
    // The desk's default realtime bus (none given): in-process on PGlite, LISTEN/NOTIFY on PostgreSQL.
    const live: LiveMessage[] = [];
    const stop = await bob.notifications.subscribe((m) => live.push(m));
    await alice.tickets.assign(ticket.number, agentIdOf(bob));
    await ws.runPending();
    for (let i = 0; i < 500 && live.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await stop();
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({
      type: "notification",
      unreadCount: 1,
      notification: { kind: "ticket.assigned", ticket: { number: ticket.number } },
    });
    const page = await bob.notifications.list();
    expect(page.unreadCount).toBe(1);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: "ticket.assigned",
      ticket: { id: ticket.id, number: ticket.number },
      readAt: null,
    });
    expect(page.items[0]?.title).toContain(ticket.number);
    // Nobody is notified of their own action.
    expect((await alice.notifications.list()).items.filter((n) => n.kind === "ticket.assigned")).toEqual([]);
    // Delivered again (a retry): still one.
    await ws.runPending();
    expect(await bob.notifications.unreadCount()).toBe(1);
    const c = await ws.people.createCustomer({ email: `sub-${randomUUID().slice(0, 6)}@mail.test` });
    const customer = ws.as({ type: "customer", id: c.id, role: c.role, companyId: c.companyId });
    expect((await domainError(customer.notifications.subscribe(() => undefined))).kind).toBe("forbidden");

    const manager = await asNewAgent(ws, "manager");
    const log = await manager.notifications.deliveries({ channel: "in_app", agent: agentIdOf(bob) });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      channel: "in_app",
      status: "sent",
      kind: "ticket.assigned",
      eventType: "ticket.assigned",
      ticket: { number: ticket.number },
      recipient: { key: `agent:${agentIdOf(bob)}`, agent: { id: agentIdOf(bob) } },
    });
    expect((await domainError(bob.notifications.deliveries())).kind).toBe("forbidden");
  });
});

describe(`live listener order (${engineUnderTest})`, () => {
  it("waits for the fan-out: before it has run the event is refused (retried later), after it the rows go out", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const alice = await asNewAgent(ws, "agent");
    const bob = await asNewAgent(ws, "agent");
    const ticket = await alice.tickets.create({ subject: "Order matters", requester: "o@mail.test" });
    await alice.tickets.assign(ticket.number, agentIdOf(bob));
    const [row] = await ws.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.workspaceId, ws.workspace.id), eq(outboxEvents.type, "ticket.assigned")));
    if (!row) throw new Error("no ticket.assigned event");
    const event = {
      id: row.id,
      seq: row.seq,
      workspaceId: row.workspaceId,
      type: row.type as EventType,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      actor: row.actor as DomainEvent["actor"],
      payload: row.payload as Record<string, unknown>,
      occurredAt: row.occurredAt.toISOString(),
    };
    const bus = inProcessBus();
    const got: Record<string, unknown>[] = [];
    await bus.subscribe(`agent:${agentIdOf(bob)}`, (m) => got.push(m));
    const live = liveNotificationsListener(bus, { name: "notifications.fanout", events: ["ticket.assigned"] });
    const tools = { tx: ws.database.db, clock };
    await expect(live.handle(event, tools)).rejects.toThrow(/has not handled event/);
    expect(got).toEqual([]);
    await ws.runPending();
    await live.handle(event, tools);
    expect(got).toEqual([
      expect.objectContaining({ type: "notification", notification: expect.objectContaining({ eventId: row.id }) }),
    ]);
    // Without a fan-out to wait for, an event with no rows is simply nothing to publish.
    const alone = liveNotificationsListener(bus);
    expect(alone.events).toBe("*");
    await alone.handle({ ...event, id: randomUUID() }, tools);
    expect(got).toHaveLength(1);
    await bus.close();
  });
});
