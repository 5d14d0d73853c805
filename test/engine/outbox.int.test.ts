/**
 * The transactional outbox and its delivery to listeners, against a real
 * database (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set)
 * with the worker (pg-boss + outbox dispatcher) running in this process.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverEvent } from "../../src/jobs/deliver-event.js";
import type { DomainEvent, EventListener, Helpdesk } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

let testDesk: TestDesk;
let desk: Helpdesk;

/** A subject that makes the test trigger below refuse the outbox insert. */
const POISON = "__outbox_insert_fails__";

beforeAll(async () => {
  testDesk = await openTestDesk({ worker: true });
  desk = testDesk.desk;
  await desk.database.executeSql(
    "create table if not exists test_effects (listener text not null, event_id uuid not null, attempt int not null)",
  );
});

afterAll(async () => {
  await testDesk?.close();
});

async function query<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await desk.database.executeSql(text, values)).rows as T[];
}

interface OutboxRow {
  id: string;
  type: string;
  subject_id: string;
  payload: { ticket?: { status?: string; subject?: string } };
}

async function outbox(ws: Helpdesk): Promise<OutboxRow[]> {
  const rows = await query<OutboxRow & { payload: unknown }>(
    "select id::text as id, type, subject_id::text as subject_id, payload from outbox_events where workspace_id = $1 order by seq",
    [ws.workspace.id],
  );
  return rows.map((r) => ({
    ...r,
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as OutboxRow["payload"],
  }));
}

async function outboxTypes(ws: Helpdesk): Promise<string[]> {
  return (await outbox(ws)).map((r) => r.type);
}

async function effects(listener: string): Promise<{ event_id: string; attempt: number }[]> {
  return query("select event_id::text as event_id, attempt from test_effects where listener = $1", [listener]);
}

async function receipts(listener: string): Promise<number> {
  const [row] = await query<{ n: number }>("select count(*)::int as n from listener_receipts where listener = $1", [
    listener,
  ]);
  return Number(row?.n);
}

/** Polls until `check` holds or the deadline passes; returns whether it held. */
async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

describe(`outbox rows (${engineUnderTest})`, () => {
  it("every command writes exactly one outbox event, of its own type, about its ticket", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.people.createAgent({ email: "agent@desk.test", name: "Agent" });
    const expected: string[] = [];
    const step = async (type: string, run: () => Promise<unknown>) => {
      await run();
      expected.push(type);
      expect(await outboxTypes(ws), `after ${type}`).toEqual(expected);
    };
    const t = await ws.tickets.create({ subject: "Outbox", description: "Body", requester: "c@example.com" });
    expected.push("ticket.created");
    expect(await outboxTypes(ws)).toEqual(expected);
    await step("ticket.assigned", () => ws.tickets.assign(t.id, "agent@desk.test"));
    await step("ticket.escalated", () => ws.tickets.escalate(t.id, { reason: "VIP" }));
    await step("ticket.message_added", () => ws.tickets.addComment(t.id, { body: "On it" }));
    await step("ticket.note_added", () => ws.tickets.addComment(t.id, { body: "psst", internal: true }));
    await step("ticket.updated", () => ws.tickets.update(t.id, { addTags: ["vip"] }));
    await step("ticket.resolved", () => ws.tickets.updateStatus(t.id, "resolved"));
    await step("ticket.reopened", () => ws.tickets.updateStatus(t.id, "open"));
    await step("ticket.resolved", () => ws.tickets.updateStatus(t.id, "resolved"));
    await step("ticket.closed", () => ws.tickets.updateStatus(t.id, "closed"));

    const rows = await outbox(ws);
    expect(rows.every((r) => r.subject_id === t.id)).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows[0]?.payload.ticket?.status).toBe("open");
    expect(rows[1]?.payload.ticket?.status).toBe("in_progress");
    expect(rows.at(-1)?.payload.ticket?.status).toBe("closed");
  });

  it("a command that fails validation or a domain check writes no outbox event", async () => {
    const ws = await isolatedWorkspace(desk);
    await domainError(ws.tickets.create({ subject: "" }));
    await domainError(ws.tickets.create({ subject: "x", requester: "new@example.com", assignee: "ghost@desk.test" }));
    expect(await outboxTypes(ws)).toEqual([]);

    const t = await ws.tickets.create({ subject: "Real" });
    await domainError(ws.tickets.updateStatus(t.id, "done"));
    await domainError(ws.tickets.updateStatus(t.id, "review"));
    await domainError(ws.tickets.assign(t.id, "ghost@desk.test"));
    await domainError(ws.tickets.addComment(t.id, { body: "" }));
    await domainError(ws.tickets.update(t.id, { expectedVersion: 99, subject: "stale" }));
    await ws.tickets.updateStatus(t.id, "cancelled");
    await domainError(ws.tickets.escalate(t.id));
    expect(await outboxTypes(ws)).toEqual(["ticket.created", "ticket.status_changed"]);
  });

  it("when the outbox insert fails, the change it describes is rolled back with it", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "Stable" });
    const timelineBefore = await ws.tickets.timeline(t.id);
    await desk.database.executeSql(`
      create or replace function test_refuse_outbox() returns trigger language plpgsql as $$
      begin
        if new.payload->'ticket'->>'subject' = '${POISON}' then
          raise exception 'outbox insert refused by test';
        end if;
        return new;
      end $$;
      drop trigger if exists test_refuse_outbox on outbox_events;
      create trigger test_refuse_outbox before insert on outbox_events
        for each row execute function test_refuse_outbox();`);
    try {
      await expect(ws.tickets.create({ subject: POISON, requester: "new@example.com" })).rejects.toThrow();
      await expect(ws.tickets.update(t.id, { subject: POISON })).rejects.toThrow();
    } finally {
      await desk.database.executeSql(
        "drop trigger if exists test_refuse_outbox on outbox_events; drop function if exists test_refuse_outbox();",
      );
    }
    expect((await ws.tickets.getQueue({ status: "all" })).items.map((x) => x.subject)).toEqual(["Stable"]);
    expect((await ws.people.listCustomers()).items).toEqual([]);
    const after = await ws.tickets.get(t.id);
    expect(after.subject).toBe("Stable");
    expect(after.version).toBe(t.version);
    expect(await ws.tickets.timeline(t.id)).toEqual(timelineBefore);
    expect(await outboxTypes(ws)).toEqual(["ticket.created"]);
  });
});

describe(`delivery to listeners (${engineUnderTest})`, () => {
  it("a registered listener receives every committed event once, in its committed form", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.people.createAgent({ email: "agent@desk.test", name: "Agent" });
    const received: DomainEvent[] = [];
    desk.events.on({
      name: uniqueName("all"),
      events: "*",
      handle: async (event) => {
        if (event.workspaceId === ws.workspace.id) received.push(event);
      },
    });
    const t = await ws.tickets.create({ subject: "Deliver me" });
    await ws.tickets.assign(t.id, "agent@desk.test");
    await ws.tickets.addComment(t.id, { body: "Hello" });
    await ws.tickets.updateStatus(t.id, "resolved");
    const rows = await outbox(ws);
    expect(rows).toHaveLength(4);

    expect(await eventually(() => received.length >= rows.length)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect([...received].sort((a, b) => a.seq - b.seq).map((e) => e.id)).toEqual(rows.map((r) => r.id));
    const created = received.find((e) => e.type === "ticket.created");
    expect(created).toMatchObject({ subjectType: "ticket", subjectId: t.id, workspaceId: ws.workspace.id });
    expect((created?.payload.ticket as { number?: string } | undefined)?.number).toBe(t.number);
  });

  it("a listener that throws is retried, and the failed attempt's writes are rolled back", async () => {
    const ws = await isolatedWorkspace(desk);
    const name = uniqueName("flaky");
    let attempts = 0;
    const listener: EventListener = {
      name,
      events: ["ticket.created"],
      handle: async (event, { tx }) => {
        if (event.workspaceId !== ws.workspace.id) return;
        attempts++;
        await tx.execute(
          sql`insert into test_effects (listener, event_id, attempt) values (${name}, ${event.id}, ${attempts})`,
        );
        if (attempts === 1) throw new Error("transient failure, please retry");
      },
    };
    desk.events.on(listener);
    const t = await ws.tickets.create({ subject: "Retry me" });
    const [event] = await outbox(ws);

    expect(await eventually(async () => (await effects(name)).length > 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(attempts).toBe(2);
    expect(await effects(name)).toEqual([{ event_id: event?.id, attempt: 2 }]);
    expect(await receipts(name)).toBe(1);
    expect(event?.subject_id).toBe(t.id);
  });

  it("delivering the same event twice does not repeat the listener's effect", async () => {
    const ws = await isolatedWorkspace(desk);
    const name = uniqueName("direct");
    let calls = 0;
    const listener: EventListener = {
      name,
      events: "*",
      handle: async (event, { tx }) => {
        calls++;
        await tx.execute(sql`insert into test_effects (listener, event_id, attempt) values (${name}, ${event.id}, 1)`);
      },
    };
    // Not registered with the desk: only these direct deliveries reach it.
    const deps = {
      database: desk.database,
      listeners: () => [listener],
      dueWork: () => [],
      log: () => undefined,
      clock: { now: () => new Date() },
    };
    await ws.tickets.create({ subject: "Twice" });
    const [event] = await outbox(ws);
    if (!event) throw new Error("no outbox event");

    await deliverEvent(deps, { eventId: event.id, listener: name });
    await deliverEvent(deps, { eventId: event.id, listener: name });
    await Promise.all([
      deliverEvent(deps, { eventId: event.id, listener: name }),
      deliverEvent(deps, { eventId: event.id, listener: name }),
    ]);
    expect(calls).toBe(1);
    expect(await effects(name)).toEqual([{ event_id: event.id, attempt: 1 }]);
    expect(await receipts(name)).toBe(1);
  });

  it("a redelivery through the job queue after a successful delivery is skipped by the receipt", async () => {
    const ws = await isolatedWorkspace(desk);
    const name = uniqueName("queued");
    let calls = 0;
    desk.events.on({
      name,
      events: ["ticket.created"],
      handle: async (event, { tx }) => {
        if (event.workspaceId !== ws.workspace.id) return;
        calls++;
        await tx.execute(sql`insert into test_effects (listener, event_id, attempt) values (${name}, ${event.id}, 1)`);
      },
    });
    await ws.tickets.create({ subject: "Queued twice" });
    const [event] = await outbox(ws);
    if (!event) throw new Error("no outbox event");
    expect(await eventually(async () => (await effects(name)).length === 1)).toBe(true);

    const runtime = await desk.startWorker();
    const jobId = await runtime.run("outbox.deliver", { eventId: event.id, listener: name });
    if (!jobId) throw new Error("the redelivery job was not enqueued");
    expect(
      await eventually(async () => (await runtime.boss.getJobById("outbox.deliver", jobId))?.state === "completed"),
    ).toBe(true);
    expect(calls).toBe(1);
    expect(await effects(name)).toHaveLength(1);
    expect(await receipts(name)).toBe(1);
  });
});
