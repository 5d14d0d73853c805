/**
 * Bad input is refused with a validation error naming the field, and nothing
 * is written: no ticket, no customer, no timeline entry, no outbox event.
 * Runs on PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainError, Helpdesk, Ticket } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

let testDesk: TestDesk;
let desk: Helpdesk;

beforeAll(async () => {
  testDesk = await openTestDesk();
  desk = testDesk.desk;
});

afterAll(async () => {
  await testDesk?.close();
});

/** Rows the workspace owns, table by table: what "nothing was written" is checked against. */
async function footprint(ws: Helpdesk): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ["tickets", "timeline_entries", "outbox_events", "customers", "ticket_transitions"]) {
    const { rows } = await ws.database.executeSql(`select count(*)::int as n from ${table} where workspace_id = $1`, [
      ws.workspace.id,
    ]);
    out[table] = Number(rows[0]?.n);
  }
  return out;
}

/** Asserts that a create was refused as a validation error on `field` and left the workspace empty. */
async function refusedCreate(input: unknown, field: string): Promise<DomainError> {
  const ws = await isolatedWorkspace(desk);
  const err = await domainError(ws.tickets.create(input as never));
  expect(err.kind).toBe("validation");
  expect(err.field).toBe(field);
  expect((await ws.tickets.getQueue({ status: "all" })).items).toEqual([]);
  expect(await footprint(ws)).toEqual({
    tickets: 0,
    timeline_entries: 0,
    outbox_events: 0,
    customers: 0,
    ticket_transitions: 0,
  });
  return err;
}

/** A workspace with one ticket, and a way to prove the ticket was left exactly as it was. */
async function oneTicket() {
  const ws = await isolatedWorkspace(desk);
  await ws.people.createAgent({ email: "agent@desk.test", name: "Agent" });
  const ticket = await ws.tickets.create({ subject: "Original", requester: "req@example.com", priority: "high" });
  const before = await footprint(ws);
  const timeline = await ws.tickets.timeline(ticket.id);
  async function unchanged(): Promise<void> {
    const now: Ticket = await ws.tickets.get(ticket.id);
    expect(now).toEqual(ticket);
    expect(await ws.tickets.timeline(ticket.id)).toEqual(timeline);
    expect(await footprint(ws)).toEqual(before);
  }
  return { ws, ticket, unchanged };
}

describe(`bad input on create (${engineUnderTest})`, () => {
  it("refuses an empty subject", async () => {
    await refusedCreate({ subject: "" }, "subject");
    const err = await refusedCreate({ subject: "   ", requester: "someone@example.com" }, "subject");
    expect(err.message).toContain("must not be empty");
  });

  it("refuses a 100 kB subject, saying it may have at most 500 characters", async () => {
    const err = await refusedCreate({ subject: "x".repeat(100_000) }, "subject");
    expect(err.message).toContain("at most 500 characters");
    expect(err.message.length).toBeLessThan(1000);
  });

  it("accepts a subject of exactly 500 characters", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "y".repeat(500) });
    expect(t.subject).toHaveLength(500);
  });

  it("refuses an unknown field and names it", async () => {
    const ws = await isolatedWorkspace(desk);
    const err = await domainError(ws.tickets.create({ subject: "x", colour: "red" } as never));
    expect(err.kind).toBe("validation");
    expect(err.field).toBe("colour");
    expect(err.message).toContain("colour");
    expect((await ws.tickets.getQueue({ status: "all" })).items).toEqual([]);
    expect((await footprint(ws)).outbox_events).toBe(0);
  });

  it("refuses a requester that is not an email address", async () => {
    await refusedCreate({ subject: "Hello", requester: "not-an-email" }, "requester");
  });

  it("refuses an unknown assignee and rolls back the requester it had already created", async () => {
    const ws = await isolatedWorkspace(desk);
    const err = await domainError(
      ws.tickets.create({ subject: "Hello", requester: "new.person@example.com", assignee: "ghost@desk.test" }),
    );
    expect(err.code).toBe("agent.not_found");
    expect(err.field).toBe("assignee");
    expect((await ws.tickets.getQueue({ status: "all" })).items).toEqual([]);
    expect((await ws.people.listCustomers()).items).toEqual([]);
    expect(await footprint(ws)).toEqual({
      tickets: 0,
      timeline_entries: 0,
      outbox_events: 0,
      customers: 0,
      ticket_transitions: 0,
    });
    // A number handed out inside the rolled-back transaction may leave a gap, never a duplicate.
    const next = await ws.tickets.create({ subject: "After" });
    expect(next.number).toMatch(/^TKT-10\d\d$/);
  });

  it("refuses an unknown priority, urgency or channel", async () => {
    await refusedCreate({ subject: "x", priority: "extreme" }, "priority");
    await refusedCreate({ subject: "x", priority: 7 }, "priority");
    await refusedCreate({ subject: "x", urgency: "whenever" }, "urgency");
    await refusedCreate({ subject: "x", channel: "pigeon" }, "channel");
  });
});

describe(`bad input on existing tickets (${engineUnderTest})`, () => {
  it("refuses an unknown assignee on assign, naming `assignee`", async () => {
    const { ws, ticket, unchanged } = await oneTicket();
    const err = await domainError(ws.tickets.assign(ticket.id, "ghost@desk.test"));
    expect(err.code).toBe("agent.not_found");
    expect(err.field).toBe("assignee");
    await unchanged();
  });

  it("refuses an unknown status, naming `status`", async () => {
    const { ws, ticket, unchanged } = await oneTicket();
    const err = await domainError(ws.tickets.updateStatus(ticket.id, "done", { note: "never saved" }));
    expect(err.kind).toBe("validation");
    expect(err.field).toBe("status");
    expect(err.message).toContain("open");
    await unchanged();
  });

  it("refuses an empty subject or an unknown field on update", async () => {
    const { ws, ticket, unchanged } = await oneTicket();
    const empty = await domainError(ws.tickets.update(ticket.id, { subject: "  " }));
    expect(empty.kind).toBe("validation");
    expect(empty.field).toBe("subject");
    const unknown = await domainError(ws.tickets.update(ticket.id, { colour: "red" } as never));
    expect(unknown.kind).toBe("validation");
    expect(unknown.field).toBe("colour");
    await unchanged();
  });

  it("refuses an empty comment body, naming `body`", async () => {
    const { ws, ticket, unchanged } = await oneTicket();
    const err = await domainError(ws.tickets.addComment(ticket.id, { body: " \n " }));
    expect(err.kind).toBe("validation");
    expect(err.field).toBe("body");
    await unchanged();
  });

  it("refuses an invalid transition without writing anything", async () => {
    const { ws, ticket, unchanged } = await oneTicket();
    const err = await domainError(ws.tickets.updateStatus(ticket.id, "closed", { note: "never saved" }));
    expect(err.code).toBe("ticket.invalid_transition");
    await unchanged();
  });
});
