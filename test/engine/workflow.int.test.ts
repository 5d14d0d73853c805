/**
 * Assignment, the status machine, escalation and comments against a real
 * database (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, fixedClock, type Helpdesk, InvalidTransitionError, type Ticket } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const HOUR = 3_600_000;
const clock = fixedClock(new Date("2025-04-07T08:00:00.000Z"));
let testDesk: TestDesk;
let desk: Helpdesk;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  desk = testDesk.desk;
});

afterAll(async () => {
  await testDesk?.close();
});

/** A workspace with one agent, and the desk acting as that agent. */
async function withAgent(email = "agent1@helpline.test") {
  const ws = await isolatedWorkspace(desk);
  const agent = await ws.people.createAgent({ email, name: "Agent One" });
  const asAgent = ws.as({ type: "agent", id: agent.id, role: "agent" });
  return { ws, agent, asAgent };
}

function customerActor(id: string): Actor {
  return { type: "customer", id, role: "customer", companyId: null };
}

describe(`assign (${engineUnderTest})`, () => {
  it("assigns by agent email, moves open → in_progress and records an `assigned` event", async () => {
    const { ws, agent } = await withAgent();
    const t = await ws.tickets.create({ subject: "Help" });
    const assigned = await ws.tickets.assign(t.number, "Agent1@Helpline.test");
    expect(assigned.assigneeId).toBe(agent.id);
    expect(assigned.status).toBe("in_progress");

    const events = (await ws.tickets.timeline(t.id)).filter((e) => e.kind === "event");
    const last = events.at(-1)?.event;
    expect(last?.action).toBe("assigned");
    expect(last?.changes).toContainEqual({ field: "assigneeId", from: null, to: agent.id });
    expect(last?.changes).toContainEqual({ field: "status", from: "open", to: "in_progress" });
  });

  it("unassigning (null) moves an in_progress ticket back to open", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Help" });
    await ws.tickets.assign(t.id, "agent1@helpline.test");
    const back = await ws.tickets.assign(t.id, null);
    expect(back.assigneeId).toBeNull();
    expect(back.status).toBe("open");
    const last = (await ws.tickets.timeline(t.id)).at(-1);
    expect(last?.event?.action).toBe("unassigned");
  });

  it("rejects an unknown agent with agent.not_found on the `assignee` field and leaves the ticket alone", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Help" });
    const err = await domainError(ws.tickets.assign(t.id, "nobody@helpline.test"));
    expect(err.code).toBe("agent.not_found");
    expect(err.field).toBe("assignee");
    const after = await ws.tickets.get(t.id);
    expect(after.status).toBe("open");
    expect(after.assigneeId).toBeNull();
    expect(after.version).toBe(1);
  });
});

describe(`status machine (${engineUnderTest})`, () => {
  it("walks open → in_progress → review → resolved → closed, stamping resolvedAt and closedAt", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Lifecycle" });
    const seen: string[] = [t.status];
    seen.push((await ws.tickets.assign(t.id, "agent1@helpline.test")).status);
    clock.advance(HOUR);
    seen.push((await ws.tickets.updateStatus(t.id, "review")).status);
    clock.advance(HOUR);
    const resolved = await ws.tickets.updateStatus(t.id, "resolved");
    seen.push(resolved.status);
    expect(resolved.resolvedAt?.getTime()).toBe(t.createdAt.getTime() + 2 * HOUR);
    expect(resolved.closedAt).toBeNull();
    clock.advance(HOUR);
    const closed = await ws.tickets.updateStatus(t.id, "closed");
    seen.push(closed.status);
    expect(seen).toEqual(["open", "in_progress", "review", "resolved", "closed"]);
    expect(closed.closedAt?.getTime()).toBe(t.createdAt.getTime() + 3 * HOUR);
    expect(closed.resolvedAt?.getTime()).toBe(t.createdAt.getTime() + 2 * HOUR);

    const reread = await ws.tickets.get(t.id);
    expect(reread.status).toBe("closed");
    expect(reread.closedAt?.toISOString()).toBe(closed.closedAt?.toISOString());
  });

  it("saves the note of a status change as an internal note", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Noted" });
    await ws.tickets.updateStatus(t.id, "in_progress");
    await ws.tickets.updateStatus(t.id, "review", { note: "Fix deployed to staging." });
    const notes = (await ws.tickets.getComments(t.id)).filter((e) => e.kind === "note");
    expect(notes.map((n) => n.body)).toEqual(["Fix deployed to staging."]);
    const publicOnly = await ws.tickets.getComments(t.id, { includeInternal: false });
    expect(publicOnly.some((e) => e.kind === "note")).toBe(false);
  });

  it("refuses an invalid transition with the allowed statuses and leaves the ticket unchanged", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Stuck" });
    const before = await ws.tickets.timeline(t.id);
    const err = await domainError(ws.tickets.updateStatus(t.id, "closed", { note: "should not be saved" }));
    expect(err).toBeInstanceOf(InvalidTransitionError);
    expect(err.code).toBe("ticket.invalid_transition");
    expect(err.field).toBe("status");
    expect(err.details?.allowed).toEqual(["in_progress", "on_hold", "pending_customer", "resolved", "cancelled"]);
    expect(err.message).toContain("in_progress, on_hold, pending_customer, resolved, cancelled");

    const after = await ws.tickets.get(t.id);
    expect(after.status).toBe("open");
    expect(after.version).toBe(t.version);
    expect(after.closedAt).toBeNull();
    expect(await ws.tickets.timeline(t.id)).toHaveLength(before.length);
  });

  it("reopening a resolved ticket clears resolvedAt", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Came back" });
    const resolved = await ws.tickets.updateStatus(t.id, "resolved");
    expect(resolved.resolvedAt).not.toBeNull();
    const reopened = await ws.tickets.updateStatus(t.id, "open");
    expect(reopened.status).toBe("open");
    expect(reopened.resolvedAt).toBeNull();
    expect((await ws.tickets.get(t.id)).resolvedAt).toBeNull();
  });

  it("rejects an unknown status as a validation error on `status`", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Done?" });
    const err = await domainError(ws.tickets.updateStatus(t.id, "done"));
    expect(err.kind).toBe("validation");
    expect(err.field).toBe("status");
    expect((await ws.tickets.get(t.id)).status).toBe("open");
  });
});

describe(`escalate (${engineUnderTest})`, () => {
  it("raises priority one level, recomputes the SLA from creation, notes the reason and counts the level", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Slow reports", priority: "medium" });
    clock.advance(5 * HOUR);
    const once = await ws.tickets.escalate(t.id, { reason: "Customer requested manager callback." });
    expect(once.priority).toBe("high");
    expect(once.slaHours).toBe(24);
    expect(once.slaDueAt.getTime()).toBe(t.createdAt.getTime() + 24 * HOUR);
    expect(once.escalationLevel).toBe(1);

    const twice = await ws.tickets.escalate(t.id);
    expect(twice.priority).toBe("critical");
    expect(twice.slaHours).toBe(4);
    expect(twice.slaDueAt.getTime()).toBe(t.createdAt.getTime() + 4 * HOUR);
    expect(twice.escalationLevel).toBe(2);

    const thrice = await ws.tickets.escalate(t.id);
    expect(thrice.priority).toBe("critical");
    expect(thrice.escalationLevel).toBe(3);

    const notes = (await ws.tickets.getComments(t.id)).filter((e) => e.kind === "note");
    expect(notes).toHaveLength(3);
    expect(notes[0]?.body).toContain("Customer requested manager callback.");
    const events = (await ws.tickets.timeline(t.id)).filter((e) => e.event?.action === "escalated");
    expect(events[0]?.event?.changes).toContainEqual({ field: "escalationLevel", from: 0, to: 1 });
  });

  it("refuses to escalate a closed ticket with ticket.not_active", async () => {
    const { ws } = await withAgent();
    const t = await ws.tickets.create({ subject: "Old news", priority: "low" });
    await ws.tickets.updateStatus(t.id, "resolved");
    await ws.tickets.updateStatus(t.id, "closed");
    const err = await domainError(ws.tickets.escalate(t.id, { reason: "too late" }));
    expect(err.code).toBe("ticket.not_active");
    const after = await ws.tickets.get(t.id);
    expect(after.priority).toBe("low");
    expect(after.escalationLevel).toBe(0);
  });
});

describe(`comments (${engineUnderTest})`, () => {
  it("stamps firstResponseAt on the first public agent message only", async () => {
    const { ws, asAgent } = await withAgent();
    const t = await ws.tickets.create({ subject: "Response time", requester: "cust@example.com" });
    expect(t.firstResponseAt).toBeNull();
    clock.advance(HOUR);
    const first = await asAgent.tickets.addComment(t.id, { body: "Looking into it." });
    expect(first.firstResponseAt?.getTime()).toBe(t.createdAt.getTime() + HOUR);
    clock.advance(HOUR);
    const second = await asAgent.tickets.addComment(t.id, { body: "Found it." });
    expect(second.firstResponseAt?.getTime()).toBe(t.createdAt.getTime() + HOUR);
    expect((await ws.tickets.get(t.id)).firstResponseAt?.getTime()).toBe(t.createdAt.getTime() + HOUR);
  });

  it("an internal note does not count as the first response", async () => {
    const { ws, asAgent } = await withAgent();
    const t = await ws.tickets.create({ subject: "Quiet", requester: "cust@example.com" });
    const noted = await asAgent.tickets.addComment(t.id, { body: "Check the logs first.", internal: true });
    expect(noted.firstResponseAt).toBeNull();
    expect((await ws.tickets.get(t.id)).firstResponseAt).toBeNull();
  });

  it("getComments with includeInternal:false leaves notes out", async () => {
    const { ws, asAgent } = await withAgent();
    const t = await ws.tickets.create({ subject: "Mixed", description: "Opening message" });
    await asAgent.tickets.addComment(t.id, { body: "Public reply" });
    await asAgent.tickets.addComment(t.id, { body: "Secret note", internal: true });
    const all = await ws.tickets.getComments(t.id);
    expect(all.map((e) => [e.kind, e.body])).toEqual([
      ["message", "Opening message"],
      ["message", "Public reply"],
      ["note", "Secret note"],
    ]);
    const visible = await ws.tickets.getComments(t.id, { includeInternal: false });
    expect(visible.map((e) => e.body)).toEqual(["Opening message", "Public reply"]);
  });
});

describe(`customers (${engineUnderTest})`, () => {
  async function customerTicket(): Promise<{ ws: Helpdesk; me: Helpdesk; ticket: Ticket; customerId: string }> {
    const { ws } = await withAgent();
    const customer = await ws.people.createCustomer({ email: "carla@example.com", name: "Carla" });
    const ticket = await ws.tickets.create({ subject: "My order", requester: "carla@example.com" });
    return { ws, me: ws.as(customerActor(customer.id)), ticket, customerId: customer.id };
  }

  it("a customer reply to a ticket pending on them moves it back to open", async () => {
    const { ws, me, ticket } = await customerTicket();
    await ws.tickets.updateStatus(ticket.id, "pending_customer");
    const replied = await me.tickets.addComment(ticket.number, { body: "Here is the order number: 42." });
    expect(replied.status).toBe("open");
    expect((await ws.tickets.get(ticket.id)).status).toBe("open");
    const last = (await ws.tickets.getComments(ticket.id)).at(-1);
    expect(last?.author.type).toBe("customer");
  });

  it("a customer reply to an assigned ticket pending on them moves it to in_progress", async () => {
    const { ws, me, ticket } = await customerTicket();
    await ws.tickets.assign(ticket.id, "agent1@helpline.test");
    await ws.tickets.updateStatus(ticket.id, "pending_customer");
    const replied = await me.tickets.addComment(ticket.id, { body: "Done, please retry." });
    expect(replied.status).toBe("in_progress");
  });

  it("a customer cannot add an internal note to their own ticket", async () => {
    const { ws, me, ticket } = await customerTicket();
    const err = await domainError(me.tickets.addComment(ticket.id, { body: "sneaky", internal: true }));
    expect(err.kind).toBe("forbidden");
    const notes = (await ws.tickets.getComments(ticket.id)).filter((e) => e.kind === "note");
    expect(notes).toHaveLength(0);
  });

  it("a customer cannot see another customer's ticket", async () => {
    const { ws, me } = await customerTicket();
    const other = await ws.tickets.create({ subject: "Not yours", requester: "dave@example.com" });
    for (const ref of [other.id, other.number]) {
      const err = await domainError(me.tickets.get(ref));
      expect(err.code).toBe("ticket.not_found");
    }
    const err = await domainError(me.tickets.addComment(other.id, { body: "hello?" }));
    expect(err.code).toBe("ticket.not_found");
    expect((await ws.tickets.getComments(other.id)).map((e) => e.body)).not.toContain("hello?");
  });

  it("a customer lists only their own tickets in the queue", async () => {
    const { ws, me, ticket } = await customerTicket();
    await ws.tickets.create({ subject: "Someone else's", requester: "erin@example.com" });
    const page = await me.tickets.getQueue();
    expect(page.items.map((t) => t.id)).toEqual([ticket.id]);
  });

  it("a customer reply that reopens a resolved ticket logs the status change for the report", async () => {
    const { ws, me, ticket } = await customerTicket();
    await ws.tickets.updateStatus(ticket.id, "resolved");
    const reopened = await me.tickets.addComment(ticket.id, { body: "Still broken." });
    expect(reopened.status).toBe("open");
    expect(reopened.resolvedAt).toBeNull();
    const rows = await ws.database.executeSql(
      "select from_status, to_status from ticket_transitions where ticket_id = $1 order by id",
      [ticket.id],
    );
    expect(rows.rows).toEqual([
      { from_status: "open", to_status: "resolved" },
      { from_status: "resolved", to_status: "open" },
    ]);
  });

  it("a customer's timeline never contains internal notes", async () => {
    const { ws, me, ticket } = await customerTicket();
    await ws.tickets.addComment(ticket.id, { body: "Internal: refund approved", internal: true });
    await ws.tickets.addComment(ticket.id, { body: "Your refund is on its way." });
    const timeline = await me.tickets.timeline(ticket.id, { includeInternal: true });
    expect(timeline.some((e) => e.kind === "note")).toBe(false);
    expect(timeline.map((e) => e.body)).toContain("Your refund is on its way.");
    const comments = await me.tickets.getComments(ticket.id);
    expect(comments.some((e) => e.kind === "note")).toBe(false);
  });
});
