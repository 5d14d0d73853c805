/**
 * The queue, SLA snapshots and the weekly report (seed 002's get_queue,
 * check_sla_breach, get_breached_tickets, generate_report) against a real
 * database (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, type Helpdesk, type QueueInput, type Ticket } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const clock = fixedClock(new Date("2025-05-05T10:00:00.000Z"));
let testDesk: TestDesk;
let desk: Helpdesk;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  desk = testDesk.desk;
});

afterAll(async () => {
  await testDesk?.close();
});

const subjects = (items: Ticket[]) => items.map((t) => t.subject);

/**
 * A workspace with two agents, a team and tickets of every priority and
 * several statuses, created a minute apart (so "oldest first" is observable).
 */
async function stockedQueue() {
  const ws = await isolatedWorkspace(desk);
  await ws.people.createAgent({ email: "ann@desk.test", name: "Ann" });
  await ws.people.createAgent({ email: "ben@desk.test", name: "Ben" });
  await ws.people.createTeam({ name: "Billing", members: ["ann@desk.test"] });
  const make = async (subject: string, input: Record<string, unknown>) => {
    clock.advance(MINUTE);
    return ws.tickets.create({ subject, ...input });
  };
  const lowOld = await make("low-old", { priority: "low" });
  const medA = await make("medium-a", { priority: "medium", category: "billing", team: "Billing" });
  const crit = await make("critical", { priority: "critical" });
  const medB = await make("medium-b", { priority: "medium" });
  const high = await make("high", { priority: "high", category: "billing" });
  const resolved = await make("resolved-critical", { priority: "critical" });
  const closed = await make("closed-high", { priority: "high" });
  const held = await make("on-hold-low", { priority: "low" });
  await ws.tickets.assign(crit.id, "ann@desk.test");
  await ws.tickets.assign(medB.id, "ann@desk.test");
  await ws.tickets.assign(high.id, "ben@desk.test");
  await ws.tickets.updateStatus(resolved.id, "resolved");
  await ws.tickets.updateStatus(closed.id, "resolved");
  await ws.tickets.updateStatus(closed.id, "closed");
  await ws.tickets.updateStatus(held.id, "on_hold");
  return { ws, lowOld, medA, crit, medB, high, resolved, closed, held };
}

describe(`getQueue (${engineUnderTest})`, () => {
  it("by default lists only active tickets, most urgent first and oldest first within a priority", async () => {
    const { ws } = await stockedQueue();
    const page = await ws.tickets.getQueue();
    expect(subjects(page.items)).toEqual(["critical", "high", "medium-a", "medium-b", "low-old", "on-hold-low"]);
    expect(page.nextCursor).toBeNull();
  });

  it("filters by assignee email, and by assignee null for the unassigned", async () => {
    const { ws } = await stockedQueue();
    expect(subjects((await ws.tickets.getQueue({ assignee: "ann@desk.test" })).items)).toEqual([
      "critical",
      "medium-b",
    ]);
    expect(subjects((await ws.tickets.getQueue({ assignee: "BEN@desk.test" })).items)).toEqual(["high"]);
    expect(subjects((await ws.tickets.getQueue({ assignee: null })).items)).toEqual([
      "medium-a",
      "low-old",
      "on-hold-low",
    ]);
  });

  it("filters by one status or several", async () => {
    const { ws } = await stockedQueue();
    expect(subjects((await ws.tickets.getQueue({ status: "open" })).items)).toEqual(["medium-a", "low-old"]);
    expect(subjects((await ws.tickets.getQueue({ status: "resolved" })).items)).toEqual(["resolved-critical"]);
    expect(subjects((await ws.tickets.getQueue({ status: ["closed", "on_hold"] })).items)).toEqual([
      "closed-high",
      "on-hold-low",
    ]);
    expect((await ws.tickets.getQueue({ status: "all" })).items).toHaveLength(8);
  });

  it("filters by priority given as a level or as seed 002's number", async () => {
    const { ws } = await stockedQueue();
    expect(subjects((await ws.tickets.getQueue({ priority: "medium" })).items)).toEqual(["medium-a", "medium-b"]);
    expect(subjects((await ws.tickets.getQueue({ priority: 1 })).items)).toEqual(["critical"]);
    expect(subjects((await ws.tickets.getQueue({ priority: 4 })).items)).toEqual(["low-old", "on-hold-low"]);
  });

  it("filters by team and by category", async () => {
    const { ws } = await stockedQueue();
    expect(subjects((await ws.tickets.getQueue({ team: "Billing" })).items)).toEqual(["medium-a"]);
    expect(subjects((await ws.tickets.getQueue({ category: "billing" })).items)).toEqual(["high", "medium-a"]);
  });

  it("walks every page of two with a cursor, without duplicates or gaps, ending with a null cursor", async () => {
    const { ws } = await stockedQueue();
    const everything = (await ws.tickets.getQueue({ status: "all" })).items.map((t) => t.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const input: QueueInput = { status: "all", limit: 2, ...(cursor ? { cursor } : {}) };
      const page = await ws.tickets.getQueue(input);
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(everything);
    expect(new Set(seen).size).toBe(8);
  });

  it("rejects a cursor it did not hand out with page.bad_cursor", async () => {
    const { ws } = await stockedQueue();
    const tampered = [
      ["x", "y", "z"],
      [1, "not-a-date", "nope"],
      [1, "2025-01-01T00:00:00Z", "nope"],
      [99999, "2025-01-01T00:00:00Z", "0190f3c2-7b1e-7000-8000-000000000000"],
    ].map((v) => Buffer.from(JSON.stringify(v)).toString("base64url"));
    for (const cursor of ["garbage", "!!!", Buffer.from('{"a":1}').toString("base64url"), ...tampered]) {
      const err = await domainError(ws.tickets.getQueue({ cursor }));
      expect(err.code, cursor).toBe("page.bad_cursor");
      expect(err.field).toBe("cursor");
    }
  });
});

const SLA_KEYS = [
  "created_at",
  "hours_remaining",
  "is_breached",
  "priority",
  "priority_label",
  "sla_deadline",
  "sla_hours",
  "ticket_id",
];

describe(`SLA (${engineUnderTest})`, () => {
  it("checkBreach returns seed 002's snapshot and flips is_breached once the deadline passes", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "Login outage", description: "Production system is down." });
    expect(t.priority).toBe("critical");
    const fresh = await ws.sla.checkBreach(t.number);
    expect(Object.keys(fresh).sort()).toEqual(SLA_KEYS);
    expect(fresh).toEqual({
      ticket_id: t.number,
      priority: 1,
      priority_label: "critical",
      sla_hours: 4,
      created_at: t.createdAt.toISOString(),
      sla_deadline: new Date(t.createdAt.getTime() + 4 * HOUR).toISOString(),
      is_breached: false,
      hours_remaining: 4,
    });

    clock.advance(3 * HOUR + 30 * MINUTE);
    const later = await ws.sla.checkBreach(t.id);
    expect(later.is_breached).toBe(false);
    expect(later.hours_remaining).toBe(0.5);

    clock.advance(45 * MINUTE);
    const late = await ws.sla.checkBreach(t.id);
    expect(late.is_breached).toBe(true);
    expect(late.hours_remaining).toBe(-0.25);
  });

  it("getBreached lists only active overdue tickets, most overdue first, with overdue_hours", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.people.createAgent({ email: "ann@desk.test", name: "Ann" });
    const crit = await ws.tickets.create({ subject: "crit", priority: "critical" });
    const high = await ws.tickets.create({ subject: "high", priority: "high" });
    const medium = await ws.tickets.create({ subject: "medium", priority: "medium" });
    const resolvedLate = await ws.tickets.create({ subject: "resolved-late", priority: "critical" });
    const resolvedEarly = await ws.tickets.create({ subject: "resolved-early", priority: "critical" });
    await ws.tickets.assign(high.id, "ann@desk.test");
    await ws.tickets.updateStatus(resolvedEarly.id, "resolved");
    expect(await ws.sla.getBreached()).toEqual([]);

    clock.advance(30 * HOUR);
    await ws.tickets.updateStatus(resolvedLate.id, "resolved");
    const breached = await ws.sla.getBreached();
    expect(breached.map((b) => b.title)).toEqual(["crit", "high"]);
    expect(breached[0]).toMatchObject({
      ticket_id: crit.number,
      id: crit.id,
      status: "open",
      priority: 1,
      priority_label: "critical",
      assignee: null,
      sla_deadline: crit.slaDueAt.toISOString(),
      overdue_hours: 26,
    });
    expect(breached[1]).toMatchObject({ ticket_id: high.number, assignee: "ann@desk.test", overdue_hours: 6 });
    expect(breached.map((b) => b.id)).not.toContain(medium.id);

    // A resolved ticket's clock stopped when it was resolved; it never shows as breached.
    clock.advance(100 * HOUR);
    const ids = (await ws.sla.getBreached()).map((b) => b.id);
    expect(ids).toEqual([crit.id, high.id, medium.id]);
    expect(ids).not.toContain(resolvedEarly.id);
    expect(ids).not.toContain(resolvedLate.id);
    expect((await ws.sla.checkBreach(resolvedEarly.id)).is_breached).toBe(false);
  });
});

const REPORT_KEYS = [
  "avg_resolution_hours",
  "by_priority",
  "currently_open",
  "generated_at",
  "open_by_assignee",
  "report_days",
  "sla_breach_rate_pct",
  "total_opened",
  "total_resolved",
];

describe(`report (${engineUnderTest})`, () => {
  it("generate({days:7}) returns exactly seed 002's keys", async () => {
    const ws = await isolatedWorkspace(desk);
    const report = await ws.reports.generate({ days: 7 });
    expect(Object.keys(report).sort()).toEqual(REPORT_KEYS);
    expect(report).toEqual({
      report_days: 7,
      generated_at: clock.now().toISOString(),
      total_opened: 0,
      total_resolved: 0,
      avg_resolution_hours: null,
      sla_breach_rate_pct: 0,
      by_priority: {
        critical: { opened: 0, resolved: 0 },
        high: { opened: 0, resolved: 0 },
        medium: { opened: 0, resolved: 0 },
        low: { opened: 0, resolved: 0 },
      },
      open_by_assignee: {},
      currently_open: 0,
    });
  });

  it("counts per priority, averages resolution time, rates SLA breaches and splits open load by agent", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.people.createAgent({ email: "ann@desk.test", name: "Ann" });
    await ws.people.createAgent({ email: "ben@desk.test", name: "Ben" });
    const start = clock.now().getTime();
    const crit = await ws.tickets.create({ subject: "crit", priority: "critical" });
    const high = await ws.tickets.create({ subject: "high", priority: "high" });
    const medium = await ws.tickets.create({ subject: "medium", priority: "medium" });
    const low = await ws.tickets.create({ subject: "low", priority: "low" });
    const crit2 = await ws.tickets.create({ subject: "crit-2", priority: "critical" });
    await ws.tickets.assign(crit.id, "ann@desk.test");
    await ws.tickets.assign(high.id, "ann@desk.test");
    await ws.tickets.assign(medium.id, "ben@desk.test");
    await ws.tickets.assign(crit2.id, "ben@desk.test");

    clock.advance(2 * HOUR); // inside the critical 4 h window
    await ws.tickets.updateStatus(crit.id, "resolved");
    clock.advance(2 * HOUR); // 4 h after creation: exactly at the deadline
    await ws.tickets.updateStatus(crit2.id, "resolved");
    clock.set(new Date(start + 25 * HOUR)); // past the high 24 h window
    await ws.tickets.updateStatus(high.id, "review");
    await ws.tickets.updateStatus(low.id, "on_hold");

    const report = await ws.reports.generate({ days: 7 });
    expect(report.total_opened).toBe(5);
    expect(report.total_resolved).toBe(2);
    expect(report.by_priority).toEqual({
      critical: { opened: 2, resolved: 2 },
      high: { opened: 1, resolved: 0 },
      medium: { opened: 1, resolved: 0 },
      low: { opened: 1, resolved: 0 },
    });
    expect(report.avg_resolution_hours).toBe(3);
    // 8 status changes: 4 assignments (open → in_progress), resolve, resolve, review, on_hold;
    // only high → review happened past its deadline.
    expect(report.sla_breach_rate_pct).toBe(12.5);
    expect(report.open_by_assignee).toEqual({ "ann@desk.test": 1, "ben@desk.test": 1, unassigned: 1 });
    expect(report.currently_open).toBe(3);
    expect(report.generated_at).toBe(new Date(start + 25 * HOUR).toISOString());
  });

  it("reports a 2 h resolution as avg_resolution_hours 2", async () => {
    const ws = await isolatedWorkspace(desk);
    const t = await ws.tickets.create({ subject: "quick", priority: "high" });
    clock.advance(2 * HOUR);
    await ws.tickets.updateStatus(t.id, "resolved");
    const report = await ws.reports.generate({ days: 7 });
    expect(report.avg_resolution_hours).toBe(2);
    expect(report.sla_breach_rate_pct).toBe(0);
    expect(report.currently_open).toBe(0);
  });

  it("does not count tickets opened before the window", async () => {
    const ws = await isolatedWorkspace(desk);
    await ws.tickets.create({ subject: "ancient", priority: "low" });
    clock.advance(8 * DAY);
    await ws.tickets.create({ subject: "recent", priority: "high" });
    const week = await ws.reports.generate({ days: 7 });
    expect(week.total_opened).toBe(1);
    expect(week.by_priority.low.opened).toBe(0);
    expect(week.by_priority.high.opened).toBe(1);
    expect(week.currently_open).toBe(2);
    const month = await ws.reports.generate({ days: 30 });
    expect(month.total_opened).toBe(2);
  });

  it("rejects days: 0 as a validation error", async () => {
    const ws = await isolatedWorkspace(desk);
    const err = await domainError(ws.reports.generate({ days: 0 }));
    expect(err.kind).toBe("validation");
    expect(err.field).toBe("days");
  });
});
