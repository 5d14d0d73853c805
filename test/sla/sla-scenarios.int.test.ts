import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

// Friday 20 November 2026, 17:55 in Berlin (UTC+1).
const FRIDAY_1755 = new Date("2026-11-20T16:55:00Z");
const clock = fixedClock(FRIDAY_1755);
const HOUR = 3_600_000;
const MIN = 60_000;
const weekday = [{ start: "09:00", end: "18:00" }];
const OFFICE = {
  name: "Berlin office",
  timeZone: "Europe/Berlin",
  hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
};

let t: TestDesk;
beforeAll(async () => {
  t = await openTestDesk({ clock });
});
afterAll(async () => {
  await t.close();
});

async function workspace(): Promise<Helpdesk> {
  clock.set(FRIDAY_1755);
  return isolatedWorkspace(t.desk);
}

async function agentOf(ws: Helpdesk, email = "ana@desk.test") {
  const a = await ws.people.createAgent({ email, name: email.split("@")[0] ?? email });
  return ws.as({ type: "agent", id: a.id, role: "agent" });
}

async function outboxTypes(ws: Helpdesk, type: string): Promise<number> {
  const r = await ws.database.executeSql(
    `select count(*)::int as n from outbox_events where workspace_id = $1 and type = $2`,
    [ws.workspace.id, type],
  );
  return Number((r.rows[0] as { n: number }).n);
}

const clockOf = async (ws: Helpdesk, ref: string, metric: string) =>
  (await ws.sla.forTicket(ref)).clocks.find((c) => c.metric === metric);

describe(`SLA policies with an injected clock (${engineUnderTest})`, () => {
  it("a ticket created Friday 17:55 with a 1 h business-hours first response is due Monday 09:55; warns, then breaches", async () => {
    const ws = await workspace();
    await ws.calendars.create(OFFICE);
    await ws.sla.policies.create({
      name: "Standard",
      targets: { firstResponse: { minutes: 60 }, resolution: { minutes: 8 * 60 } },
    });
    const ticket = await ws.tickets.create({ subject: "Printer on fire", requester: "c@example.com" });
    await ws.runPending();
    const first = await clockOf(ws, ticket.number, "first_response");
    expect(first).toMatchObject({ state: "running", business: true, calendar: "Berlin office", targetMinutes: 60 });
    expect(first?.dueAt).toBe("2026-11-23T08:55:00.000Z");
    // The ticket's seed-002 deadline follows the resolution clock: 8 business hours are 5 minutes
    // on Friday and 7 h 55 min on Monday → Monday 16:55 Berlin.
    expect((await ws.tickets.get(ticket.number)).slaDueAt.toISOString()).toBe("2026-11-23T15:55:00.000Z");

    clock.set(new Date("2026-11-23T08:44:00Z")); // Monday 09:44: past 80 %
    await ws.runPending();
    expect(await outboxTypes(ws, "sla.warning")).toBe(1);
    expect(await outboxTypes(ws, "sla.breached")).toBe(0);
    clock.set(new Date("2026-11-23T08:56:00Z"));
    await ws.runPending();
    await ws.runPending();
    expect(await outboxTypes(ws, "sla.breached")).toBe(1);
    expect((await clockOf(ws, ticket.number, "first_response"))?.breachedAt).toBe("2026-11-23T08:55:00.000Z");
    const bodies = (await ws.tickets.timeline(ticket.number)).map((e) => e.body);
    expect(bodies.some((b) => b.includes("first response target breached"))).toBe(true);
  });

  it("an agent's public reply meets the first response; a note does not", async () => {
    const ws = await workspace();
    await ws.sla.policies.create({ name: "Fast", targets: { firstResponse: { minutes: 30, business: false } } });
    const ticket = await ws.tickets.create({ subject: "Question", requester: "c@example.com" });
    const ana = await agentOf(ws);
    clock.advance(10 * MIN);
    await ana.tickets.addComment(ticket.number, { body: "internal thought", internal: true });
    await ws.runPending();
    expect((await clockOf(ws, ticket.number, "first_response"))?.state).toBe("running");
    clock.advance(5 * MIN);
    await ana.tickets.addComment(ticket.number, { body: "Hello! Looking into it." });
    await ws.runPending();
    const c = await clockOf(ws, ticket.number, "first_response");
    expect(c).toMatchObject({ state: "stopped", breachedAt: null });
    expect(c?.metAt).toBe(new Date(FRIDAY_1755.getTime() + 15 * MIN).toISOString());
    clock.advance(HOUR);
    await ws.runPending();
    expect(await outboxTypes(ws, "sla.breached")).toBe(0);
  });

  it("pending_customer pauses the resolution clock and the customer's answer resumes it", async () => {
    const ws = await workspace();
    await ws.sla.policies.create({
      name: "Calendar hours",
      targets: { resolution: { minutes: 240, business: false } },
    });
    const ticket = await ws.tickets.create({ subject: "Need data", requester: "c@example.com" });
    await ws.runPending();
    clock.advance(HOUR);
    await ws.tickets.updateStatus(ticket.number, "pending_customer");
    await ws.runPending();
    expect(await clockOf(ws, ticket.number, "resolution")).toMatchObject({ state: "paused", dueAt: null });
    clock.advance(48 * HOUR); // the weekend passes; nothing is due while paused
    await ws.runPending();
    expect(await outboxTypes(ws, "sla.breached")).toBe(0);
    const [customer] = (await ws.people.listCustomers()).items;
    if (!customer) throw new Error("no customer");
    const asCustomer = ws.as({ type: "customer", id: customer.id, role: "customer", companyId: null });
    await asCustomer.tickets.addComment(ticket.number, { body: "Here is the data" });
    await ws.runPending();
    const c = await clockOf(ws, ticket.number, "resolution");
    expect(c?.state).toBe("running");
    expect(c?.dueAt).toBe(new Date(FRIDAY_1755.getTime() + 49 * HOUR + 3 * HOUR).toISOString());
  });

  it("without policies the built-in default reproduces seed 002 (critical 4 h … low 168 h, calendar hours)", async () => {
    const ws = await workspace();
    const hours: Record<string, number> = { critical: 4, high: 24, medium: 72, low: 168 };
    for (const [priority, h] of Object.entries(hours)) {
      const ticket = await ws.tickets.create({ subject: `P ${priority}`, priority: priority as "low" });
      await ws.runPending();
      const sla = await ws.sla.forTicket(ticket.number);
      expect(sla.policy.id).toBeNull();
      expect(sla.clocks.map((c) => c.metric)).toEqual(["resolution"]);
      expect(sla.clocks[0]?.dueAt).toBe(new Date(FRIDAY_1755.getTime() + h * HOUR).toISOString());
      expect((await ws.tickets.get(ticket.number)).slaDueAt.toISOString()).toBe(sla.clocks[0]?.dueAt);
    }
  });

  it("the first policy whose condition matches applies; a policy change re-evaluates open tickets", async () => {
    const ws = await workspace();
    await ws.sla.policies.create({
      name: "Critical",
      condition: "priority: critical",
      targets: { resolution: { minutes: 60, business: false } },
    });
    await ws.sla.policies.create({
      name: "Everything else",
      targets: { resolution: { minutes: 600, business: false } },
    });
    const crit = await ws.tickets.create({ subject: "Down", priority: "critical" });
    const low = await ws.tickets.create({ subject: "Typo", priority: "low" });
    await ws.runPending();
    expect((await ws.sla.forTicket(crit.number)).policy.name).toBe("Critical");
    expect((await ws.sla.forTicket(low.number)).policy.name).toBe("Everything else");
    clock.advance(30 * MIN);
    await ws.sla.policies.update("Everything else", { targets: { resolution: { minutes: 120, business: false } } });
    const c = await clockOf(ws, low.number, "resolution");
    // 30 minutes already spent stay spent: due 2 h after creation.
    expect(c?.dueAt).toBe(new Date(FRIDAY_1755.getTime() + 2 * HOUR).toISOString());
    // Raising the low ticket to critical moves it to the first policy.
    await ws.tickets.update(low.number, { urgency: "critical", importance: "critical" });
    await ws.runPending();
    expect((await ws.sla.forTicket(low.number)).policy.name).toBe("Critical");
  });

  it("climbs three escalation levels: at breach, breach + 2 h and breach + 8 h", async () => {
    const ws = await workspace();
    await ws.sla.policies.create({
      name: "Escalating",
      targets: { resolution: { minutes: 60, business: false } },
      escalations: [
        { afterBreachMinutes: 0, actions: [{ type: "add_tag", tags: ["escalated-1"] }] },
        { afterBreachMinutes: 120, actions: [{ type: "raise_priority" }] },
        { afterBreachMinutes: 480, actions: [{ type: "add_tag", tags: ["escalated-3"] }] },
      ],
    });
    const ticket = await ws.tickets.create({ subject: "Slow", priority: "medium" });
    await ws.runPending();
    const levelAfter = async (ms: number) => {
      clock.set(new Date(FRIDAY_1755.getTime() + ms));
      await ws.runPending();
      return (await ws.tickets.get(ticket.number)).escalationLevel;
    };
    expect(await levelAfter(59 * MIN)).toBe(0);
    expect(await levelAfter(61 * MIN)).toBe(1);
    expect((await ws.tickets.get(ticket.number)).tags).toContain("escalated-1");
    expect(await levelAfter(2 * HOUR + 59 * MIN)).toBe(1);
    expect(await levelAfter(3 * HOUR + 1 * MIN)).toBe(2);
    expect((await ws.tickets.get(ticket.number)).urgency).toBe("high");
    expect(await levelAfter(9 * HOUR + 1 * MIN)).toBe(3);
    expect((await ws.tickets.get(ticket.number)).tags).toContain("escalated-3");
    expect(await levelAfter(30 * HOUR)).toBe(3);
    expect(await outboxTypes(ws, "ticket.escalated")).toBeGreaterThanOrEqual(3);
    expect((await ws.sla.forTicket(ticket.number)).escalationLevel).toBe(3);
  });

  it("an escalation action the domain refuses is logged as a failed firing; the level still rises, once", async () => {
    const ws = await workspace();
    const bo = await ws.people.createAgent({ email: "bo@desk.test", name: "Bo" });
    await ws.sla.policies.create({
      name: "Hand over",
      targets: { resolution: { minutes: 60, business: false } },
      escalations: [{ afterBreachMinutes: 0, actions: [{ type: "assign", to: bo.email }] }],
    });
    const ticket = await ws.tickets.create({ subject: "Nobody home" });
    await ws.runPending();
    await ws.people.updateAgent(bo.email, { active: false });
    clock.advance(2 * HOUR);
    await ws.runPending();
    clock.advance(2 * HOUR);
    await ws.runPending();
    const after = await ws.tickets.get(ticket.number);
    expect(after.escalationLevel).toBe(1);
    expect(after.assigneeId).toBeNull();
    const firings = await ws.database.executeSql(
      "select rule_name, outcome from rule_firings where ticket_id = $1 and rule_id is null order by id",
      [ticket.id],
    );
    expect(firings.rows).toHaveLength(1);
    expect(firings.rows[0]).toMatchObject({
      rule_name: "Hand over · escalation level 1",
      outcome: { ok: false, error: { code: "agent.inactive" } },
    });
  });

  it("refuses escalation actions that name an agent or team that does not exist, naming the field", async () => {
    const ws = await workspace();
    const err = await domainError(
      ws.sla.policies.create({
        name: "Ghost",
        targets: { resolution: { minutes: 60 } },
        escalations: [
          { afterBreachMinutes: 0, actions: [{ type: "add_tag", tags: ["late"] }] },
          { afterBreachMinutes: 60, actions: [{ type: "assign", to: "ghost@nowhere.test" }] },
        ],
      }),
    );
    expect(err.code).toBe("agent.not_found");
    expect(err.field).toBe("escalations.1.actions.0.to");
    expect((await ws.sla.policies.list()).map((p) => p.name)).toEqual([]);
  });

  it("refuses a policy that names nothing, both minutes and byPriority, or an unknown calendar", async () => {
    const ws = await workspace();
    expect((await domainError(ws.sla.policies.create({ name: "x", targets: {} }))).code).toBe("input.invalid");
    const both = await domainError(
      ws.sla.policies.create({
        name: "y",
        targets: { resolution: { minutes: 5, byPriority: { critical: 1, high: 2, medium: 3, low: 4 } } },
      }),
    );
    expect(both.message).toMatch(/either minutes or byPriority/);
    const cal = await domainError(
      ws.sla.policies.create({ name: "z", calendar: "Narnia", targets: { resolution: { minutes: 5 } } }),
    );
    expect(cal.code).toBe("calendar.not_found");
    const cond = await domainError(
      ws.sla.policies.create({ name: "w", condition: "stauts: open", targets: { resolution: { minutes: 5 } } }),
    );
    expect(cond.code).toBe("query.invalid");
  });
});
