/**
 * createTicket, getTicket and updateTicket against a real database
 * (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, type Helpdesk } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const HOUR = 3_600_000;
const clock = fixedClock(new Date("2025-03-03T09:00:00.000Z"));
let testDesk: TestDesk;
let desk: Helpdesk;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  desk = testDesk.desk;
});

afterAll(async () => {
  await testDesk?.close();
});

describe(`createTicket (${engineUnderTest})`, () => {
  it("numbers tickets TKT-1001, TKT-1002, … separately in every workspace", async () => {
    const a = await isolatedWorkspace(desk);
    const b = await isolatedWorkspace(desk);
    const a1 = await a.tickets.create({ subject: "First in A" });
    const a2 = await a.tickets.create({ subject: "Second in A" });
    const b1 = await b.tickets.create({ subject: "First in B" });
    const a3 = await a.tickets.create({ subject: "Third in A" });
    expect([a1.number, a2.number, a3.number]).toEqual(["TKT-1001", "TKT-1002", "TKT-1003"]);
    expect(b1.number).toBe("TKT-1001");
    expect((await b.tickets.get("TKT-1001")).subject).toBe("First in B");
    expect((await a.tickets.get("TKT-1001")).subject).toBe("First in A");
  });

  it("creates the requester as a customer on first contact and reuses it afterwards", async () => {
    const ws = await isolatedWorkspace(desk);
    const first = await ws.tickets.create({ subject: "Invoice missing", requester: "alice@example.com" });
    const customer = await ws.people.getCustomer("alice@example.com");
    expect(first.requesterId).toBe(customer.id);
    expect(customer.email).toBe("alice@example.com");
    expect(customer.companyId).toBeNull();

    const second = await ws.tickets.create({
      subject: "Invoice still missing",
      requester: { email: "Alice@Example.com", name: "Alice" },
    });
    expect(second.requesterId).toBe(customer.id);
    const all = (await ws.people.listCustomers()).items;
    expect(all.map((c) => c.email)).toEqual(["alice@example.com"]);
  });

  it("puts a new customer whose email domain belongs to a company into that company", async () => {
    const ws = await isolatedWorkspace(desk);
    const acme = await ws.people.createCompany({ name: "Acme", domain: "acme.test" });
    const ticket = await ws.tickets.create({ subject: "VPN access", requester: "bob@acme.test" });
    const bob = await ws.people.getCustomer("bob@acme.test");
    expect(bob.companyId).toBe(acme.id);
    expect(bob.role).toBe("company_user");
    expect(ticket.companyId).toBe(acme.id);

    await ws.tickets.create({ subject: "Other", requester: "carol@elsewhere.test" });
    expect((await ws.people.getCustomer("carol@elsewhere.test")).companyId).toBeNull();
  });

  it("sets urgency and importance to an explicitly given priority", async () => {
    const ws = await isolatedWorkspace(desk);
    const byName = await ws.tickets.create({ subject: "System is down, outage!", priority: "low" });
    expect(byName.priority).toBe("low");
    expect(byName.urgency).toBe("low");
    expect(byName.importance).toBe("low");
    expect(byName.priorityNumber).toBe(4);
    expect(byName.slaHours).toBe(168);

    const byNumber = await ws.tickets.create({ subject: "Question", priority: 2 });
    expect(byNumber.priority).toBe("high");
    expect(byNumber.urgency).toBe("high");
    expect(byNumber.importance).toBe("high");
    expect(byNumber.slaHours).toBe(24);
  });

  it("derives the priority from urgency × importance with the matrix", async () => {
    const ws = await isolatedWorkspace(desk);
    const cases = [
      { urgency: "critical", importance: "medium", priority: "high", sla: 24 },
      { urgency: "high", importance: "low", priority: "medium", sla: 72 },
      { urgency: "low", importance: "critical", priority: "medium", sla: 72 },
      { urgency: "critical", importance: "high", priority: "critical", sla: 4 },
      { urgency: "medium", importance: "low", priority: "low", sla: 168 },
    ] as const;
    for (const c of cases) {
      const t = await ws.tickets.create({ subject: "Matrix", urgency: c.urgency, importance: c.importance });
      expect({ u: t.urgency, i: t.importance, p: t.priority, sla: t.slaHours }).toEqual({
        u: c.urgency,
        i: c.importance,
        p: c.priority,
        sla: c.sla,
      });
    }
  });

  it("detects the priority from seed 002's outage text: critical, 4 h SLA due 4 h after creation", async () => {
    const ws = await isolatedWorkspace(desk);
    const ticket = await ws.tickets.create({
      subject: "Login Outage",
      description: "Users cannot log in. Production system affected.",
      requester: "user@example.com",
    });
    expect(ticket.priority).toBe("critical");
    expect(ticket.priorityNumber).toBe(1);
    expect(ticket.slaHours).toBe(4);
    expect(ticket.createdAt.toISOString()).toBe(clock.now().toISOString());
    expect(ticket.slaDueAt.getTime() - ticket.createdAt.getTime()).toBe(4 * HOUR);
    expect(ticket.status).toBe("open");

    const plain = await ws.tickets.create({ subject: "Update my address", description: "I moved house." });
    expect(plain.priority).toBe("medium");
    expect(plain.slaHours).toBe(72);
  });

  it("records a `created` event entry and the description as the opening message", async () => {
    const ws = await isolatedWorkspace(desk);
    const ticket = await ws.tickets.create({
      subject: "Printer jam",
      description: "The printer on floor 3 eats paper.",
      requester: "dora@example.com",
    });
    const timeline = await ws.tickets.timeline(ticket.number);
    expect(timeline.map((e) => e.kind)).toEqual(["event", "message"]);
    const [event, message] = timeline;
    expect(event?.event?.action).toBe("created");
    expect(event?.event?.changes).toContainEqual({ field: "status", from: null, to: "open" });
    expect(message?.body).toBe("The printer on floor 3 eats paper.");
    expect(message?.author).toEqual({ type: "customer", id: ticket.requesterId });
    expect(timeline.every((e) => e.ticketId === ticket.id)).toBe(true);
  });
});

describe(`getTicket (${engineUnderTest})`, () => {
  it("finds a ticket by TKT-number, by number, by numeric string and by id", async () => {
    const ws = await isolatedWorkspace(desk);
    const created = await ws.tickets.create({ subject: "Find me" });
    for (const ref of ["TKT-1001", 1001, "1001", "tkt-1001", created.id]) {
      const got = await ws.tickets.get(ref);
      expect(got.id, `ref ${String(ref)}`).toBe(created.id);
      expect(got.subject).toBe("Find me");
    }
  });

  it("reports an unknown ticket as ticket.not_found", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.tickets.create({ subject: "Only one" });
    for (const ref of ["TKT-1002", 9999, "0195a0a0-0000-7000-8000-000000000000"]) {
      const err = await domainError(ws.tickets.get(ref));
      expect(err.code).toBe("ticket.not_found");
      expect(err.kind).toBe("not_found");
    }
  });

  it("does not find another workspace's ticket by its id", async () => {
    const a = await isolatedWorkspace(desk);
    const b = await isolatedWorkspace(desk);
    const t = await a.tickets.create({ subject: "Private to A" });
    const err = await domainError(b.tickets.get(t.id));
    expect(err.code).toBe("ticket.not_found");
  });

  it("rejects a reference that is neither a number nor an id as ticket.bad_reference", async () => {
    const ws = await isolatedWorkspace(desk);
    for (const ref of ["nonsense", "XYZ-1001", "", -5]) {
      const err = await domainError(ws.tickets.get(ref));
      expect(err.code, `ref ${String(ref)}`).toBe("ticket.bad_reference");
      expect(err.kind).toBe("validation");
    }
  });
});

describe(`updateTicket (${engineUnderTest})`, () => {
  it("recomputes priority and the SLA deadline (from creation) when urgency changes", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "Slow dashboard", priority: "medium" });
    expect(t.slaDueAt.getTime() - t.createdAt.getTime()).toBe(72 * HOUR);
    clock.advance(HOUR);

    const updated = await ws.tickets.update(t.number, { urgency: "critical" });
    expect(updated.urgency).toBe("critical");
    expect(updated.importance).toBe("medium");
    expect(updated.priority).toBe("high");
    expect(updated.slaHours).toBe(24);
    expect(updated.slaDueAt.getTime()).toBe(t.createdAt.getTime() + 24 * HOUR);
    expect(updated.updatedAt.getTime()).toBe(t.createdAt.getTime() + HOUR);

    const reread = await ws.tickets.get(t.id);
    expect(reread.priority).toBe("high");
    expect(reread.slaDueAt.toISOString()).toBe(updated.slaDueAt.toISOString());
  });

  it("adds and removes tags", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "Tagged", tags: ["billing", "vip"] });
    expect(t.tags).toEqual(["billing", "vip"]);
    const u = await ws.tickets.update(t.id, { addTags: ["Refund", "billing"], removeTags: ["vip"] });
    expect([...u.tags].sort()).toEqual(["billing", "refund"]);
    const replaced = await ws.tickets.update(t.id, { tags: ["other"] });
    expect(replaced.tags).toEqual(["other"]);
    expect((await ws.tickets.get(t.id)).tags).toEqual(["other"]);
  });

  it("refuses a stale expectedVersion with ticket.stale and keeps the ticket as it was", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "Versioned" });
    expect(t.version).toBe(1);
    const v2 = await ws.tickets.update(t.id, { subject: "Versioned (edited)", expectedVersion: 1 });
    expect(v2.version).toBe(2);

    const err = await domainError(ws.tickets.update(t.id, { subject: "Lost update", expectedVersion: 1 }));
    expect(err.code).toBe("ticket.stale");
    expect(err.kind).toBe("conflict");
    const now = await ws.tickets.get(t.id);
    expect(now.subject).toBe("Versioned (edited)");
    expect(now.version).toBe(2);
  });

  it("writes one event entry per update with each changed field's before and after", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "Audit me", priority: "medium", tags: ["a"] });
    await ws.tickets.update(t.id, { subject: "Audited", addTags: ["b"] });
    await ws.tickets.update(t.id, { importance: "critical" });

    const events = (await ws.tickets.timeline(t.id)).filter((e) => e.kind === "event");
    expect(events.map((e) => e.event?.action)).toEqual(["created", "updated", "updated"]);
    const first = events[1]?.event?.changes ?? [];
    expect(first).toContainEqual({ field: "subject", from: "Audit me", to: "Audited" });
    expect(first).toContainEqual({ field: "tags", from: ["a"], to: ["a", "b"] });
    expect(first.map((c) => c.field).sort()).toEqual(["subject", "tags"]);

    const second = events[2]?.event?.changes ?? [];
    expect(second).toContainEqual({ field: "importance", from: "medium", to: "critical" });
    expect(second).toContainEqual({ field: "priority", from: 3, to: 2 });
    expect(second).toContainEqual({ field: "slaHours", from: 72, to: 24 });
    expect(second.map((c) => c.field)).not.toContain("urgency");
  });
});
