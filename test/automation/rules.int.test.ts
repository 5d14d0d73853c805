/**
 * Rules as data: create, update, enable/disable, reorder, delete, permissions;
 * bad input refused with the field named; time rules backfilled for existing
 * tickets; and the dry run, which explains and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentDesk, DAY, HOUR, MIN, onCreate, withoutDefaults } from "./helpers.js";

const START = new Date("2026-03-02T09:00:00Z");
const clock = fixedClock(START);
let t: TestDesk;

beforeAll(async () => {
  t = await openTestDesk({ clock });
});
afterAll(async () => {
  await t.close();
});

async function workspace(): Promise<Helpdesk> {
  clock.set(START);
  return isolatedWorkspace(t.desk);
}

/** Row counts the dry run must leave alone. */
async function footprint(ws: Helpdesk): Promise<number[]> {
  const out: number[] = [];
  for (const table of ["outbox_events", "timeline_entries", "rule_firings", "rule_schedules", "ticket_transitions"]) {
    const { rows } = await ws.database.executeSql(`select count(*)::int as n from ${table} where workspace_id = $1`, [
      ws.workspace.id,
    ]);
    out.push(Number(rows[0]?.n));
  }
  return out;
}

const tag = (name: string) => onCreate(name, [{ type: "add_tag", tags: ["x"] }]);

describe(`automation rules (${engineUnderTest})`, () => {
  it("create, get by name, update, disable, enable, reorder and delete; firings stay in the log", async () => {
    const ws = await withoutDefaults(await workspace());
    const a = await ws.automation.rules.create(tag("Alpha"));
    const b = await ws.automation.rules.create({ ...tag("Beta"), description: "second" });
    expect([a.position, b.position]).toEqual([0, 1]);
    expect((await ws.automation.rules.get("beta")).id).toBe(b.id);
    const updated = await ws.automation.rules.update("Beta", { condition: "priority: >= high", name: "Beta 2" });
    expect(updated).toMatchObject({ name: "Beta 2", condition: "priority: >= high", description: "second" });
    expect((await ws.automation.rules.disable("Alpha")).enabled).toBe(false);
    const ticket = await ws.tickets.create({ subject: "quiet", priority: "low" });
    await ws.runPending();
    expect((await ws.tickets.get(ticket.number)).tags).toEqual([]);
    await ws.automation.rules.enable(a.id);
    const loud = await ws.tickets.create({ subject: "loud", priority: "high" });
    await ws.runPending();
    // Newest first: Alpha (position 0) fired before Beta 2 (position 1).
    expect((await ws.automation.firings(loud.number)).items.map((f) => f.ruleName)).toEqual(["Beta 2", "Alpha"]);
    const order = await ws.automation.rules.reorder(["Beta 2"]);
    expect(order.map((r) => [r.name, r.position])).toEqual([
      ["Beta 2", 0],
      ["Alpha", 1],
    ]);
    const listed = (await ws.automation.rules.list()).items;
    expect(listed.map((r) => [r.name, r.fireCount])).toEqual([
      ["Beta 2", 1],
      ["Alpha", 1],
    ]);
    expect(listed[0]?.lastFiredAt?.toISOString()).toBe(START.toISOString());
    await ws.automation.rules.delete("Alpha");
    expect((await ws.automation.rules.list()).items.map((r) => r.name)).toEqual(["Beta 2"]);
    const log = (await ws.automation.firings(loud.number)).items;
    expect(log.map((f) => [f.ruleName, f.ruleId])).toEqual([
      ["Beta 2", b.id],
      ["Alpha", null],
    ]);
    expect((await domainError(ws.automation.rules.get("Alpha"))).code).toBe("automation.rule_not_found");
  });

  it("refuses bad input with the field named", async () => {
    const ws = await workspace();
    const refused = async (input: unknown) => domainError(ws.automation.rules.create(input as never));
    let err = await refused({ ...tag("r"), actions: [{ type: "frobnicate" }] });
    expect([err.code, err.field]).toEqual(["automation.unknown_action", "actions.0.type"]);
    expect(err.message).toMatch(/unknown action type "frobnicate"; known: set_field, assign/);
    err = await refused({ ...tag("r"), condition: "status: opne" });
    expect([err.code, err.field]).toEqual(["query.invalid", "condition"]);
    expect(err.message).toMatch(/^condition: /);
    const issues = err.details?.issues as { span: { start: number } }[] | undefined;
    expect(issues?.[0]?.span.start).toBe(8);
    err = await refused({ ...tag("r"), condition: "assignee: me" });
    expect([err.code, err.field]).toEqual(["query.invalid", "condition"]);
    err = await refused(onCreate("r", [{ type: "notify", to: { allAgents: true }, message: "Hi {{ticket.nmber}}" }]));
    expect([err.code, err.field]).toEqual(["automation.unknown_placeholder", "actions.0.message"]);
    expect(err.message).toMatch(/unknown placeholder \{\{ticket\.nmber\}\}; known: \{\{ticket\.id\}\}/);
    err = await refused(onCreate("r", [{ type: "email_requester", subject: "ok", body: "{{ requester.nam }}" }]));
    expect(err.field).toBe("actions.0.body");
    err = await refused(
      onCreate("r", [
        { type: "add_tag", tags: ["x"] },
        { type: "assign", to: "nobody@desk.test" },
      ]),
    );
    expect([err.code, err.field]).toEqual(["agent.not_found", "actions.1.to"]);
    err = await refused(onCreate("r", [{ type: "notify", to: { teams: ["Ghosts"] }, message: "m" }]));
    expect([err.code, err.field]).toEqual(["team.not_found", "actions.0.to.teams.0"]);
    err = await refused(onCreate("r", [{ type: "set_field", field: "status", value: "done" }]));
    expect([err.code, err.field]).toEqual(["automation.bad_value", "actions.0.value"]);
    err = await refused(onCreate("r", [{ type: "notify", to: {}, message: "m" }]));
    expect(err.field).toBe("actions.0.to");
    err = await refused({ ...tag("r"), trigger: { type: "time", since: "someday", afterMinutes: 5 } });
    expect(err.field).toBe("trigger.since");
    err = await refused({ ...tag("r"), color: "red" });
    expect(err.field).toBe("color");
    err = await refused({ ...tag("r"), actions: [] });
    expect(err.field).toBe("actions");
    await ws.automation.rules.create(tag("Taken"));
    err = await refused(tag("taken"));
    expect([err.kind, err.code]).toEqual(["conflict", "automation.rule_exists"]);
  });

  it("agents read rules and firings; only managers and superadmins change or test them", async () => {
    const ws = await workspace();
    const { desk: agent } = await agentDesk(ws, "Ana");
    const { desk: manager } = await agentDesk(ws, "Mo", "manager");
    expect((await agent.automation.rules.list()).items).toHaveLength(4);
    expect((await domainError(agent.automation.rules.create(tag("mine")))).kind).toBe("forbidden");
    expect((await domainError(agent.automation.rules.disable("Resolved for 3 days → auto-close"))).kind).toBe(
      "forbidden",
    );
    const ticket = await ws.tickets.create({ subject: "t" });
    expect((await domainError(agent.automation.test("Resolved for 3 days → auto-close", ticket.number))).kind).toBe(
      "forbidden",
    );
    expect((await manager.automation.rules.create(tag("managed"))).name).toBe("managed");
    const customer = await ws.people.createCustomer({ email: "c@example.com" });
    const asCustomer = ws.as({ type: "customer", id: customer.id, role: "customer", companyId: null });
    expect((await domainError(asCustomer.automation.rules.list())).kind).toBe("forbidden");
  });

  it("a new time rule is scheduled for existing open tickets from their history, and fires once", async () => {
    const ws = await withoutDefaults(await workspace());
    const resolved = await ws.tickets.create({ subject: "done long ago" });
    const open = await ws.tickets.create({ subject: "still open" });
    const closed = await ws.tickets.create({ subject: "closed" });
    await ws.tickets.updateStatus(resolved.number, "resolved");
    await ws.tickets.updateStatus(closed.number, "resolved");
    await ws.tickets.updateStatus(closed.number, "closed");
    clock.advance(2 * DAY);
    const rule = await ws.automation.rules.create({
      name: "Nudge resolved",
      trigger: { type: "time", since: "status_changed", afterMinutes: 24 * 60 },
      condition: "status: resolved",
      actions: [{ type: "add_tag", tags: ["nudged"] }],
    });
    const { rows } = await ws.database.executeSql(
      "select ticket_id::text as id, due_at from rule_schedules where rule_id = $1 order by due_at",
      [rule.id],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([resolved.id, open.id].sort());
    await ws.runPending();
    expect((await ws.tickets.get(resolved.number)).tags).toEqual(["nudged"]);
    expect((await ws.tickets.get(open.number)).tags).toEqual([]);
    // Disabling and enabling again re-backfills; the anchor did not move, so nothing fires twice.
    await ws.automation.rules.disable(rule.id);
    await ws.automation.rules.enable(rule.id);
    clock.advance(HOUR);
    await ws.runPending();
    expect((await ws.automation.firings(resolved.number)).items).toHaveLength(1);
    // Re-timing it (a different anchor) starts over.
    await ws.automation.rules.update(rule.id, { trigger: { type: "event", events: ["ticket.updated"] } });
    const after = await ws.database.executeSql("select count(*)::int as n from rule_schedules where rule_id = $1", [
      rule.id,
    ]);
    expect(Number(after.rows[0]?.n)).toBe(0);
  });

  it("dry run explains a time rule that is not due yet, then due, and writes nothing", async () => {
    const ws = await workspace();
    const ticket = await ws.tickets.create({ subject: "Fixed" });
    await ws.tickets.updateStatus(ticket.number, "resolved");
    await ws.runPending();
    clock.advance(2 * DAY);
    const before = await footprint(ws);
    const early = await ws.automation.test("Resolved for 3 days → auto-close", ticket.number);
    expect(early).toMatchObject({ wouldFire: false, ticket: { number: ticket.number } });
    expect(early.reasons).toEqual([
      "status_changed + 3 days: resolved 2 days ago, fires in 1 day",
      "status: resolved ✓ — ticket is resolved",
    ]);
    expect(early.actions).toEqual([{ summary: "closed the ticket", changed: true }]);
    expect(early.dueAt?.toISOString()).toBe(new Date(START.getTime() + 3 * DAY).toISOString());
    clock.advance(DAY + MIN);
    const due = await ws.automation.test("Resolved for 3 days → auto-close", ticket.number);
    expect(due.wouldFire).toBe(true);
    expect(due.reasons[0]).toBe("status_changed + 3 days: resolved 3 days ago, due 1 minute ago");
    expect(await footprint(ws)).toEqual(before);
    expect((await ws.tickets.get(ticket.number)).status).toBe("resolved");
  });

  it("dry run of a draft rule says which term fails and what the actions would do", async () => {
    const ws = await workspace();
    await agentDesk(ws, "Ana");
    const ticket = await ws.tickets.create({ subject: "Slow", priority: "medium", tags: ["vip"] });
    const draft = {
      trigger: { type: "event", events: ["ticket.updated"] },
      condition: "urgency: critical #vip",
      actions: [
        { type: "assign", to: "Ana" },
        { type: "set_field", field: "status", value: "closed" },
      ],
    };
    const result = await ws.automation.test(draft, ticket.number);
    expect(result.wouldFire).toBe(false);
    expect(result.rule).toEqual({ id: null, name: "Draft rule" });
    expect(result.reasons).toEqual([
      "fires on ticket.updated when the condition holds",
      "urgency: critical ✗ — urgency is medium",
      "#vip ✓ — tags: vip",
    ]);
    expect(result.actions.map((a) => a.summary)).toEqual([
      "assigned to Ana",
      "did not set status to closed: Cannot move a ticket from in_progress to closed; allowed next statuses: open, on_hold, pending_customer, review, resolved, cancelled.",
    ]);
    expect((await ws.tickets.get(ticket.number)).assigneeId).toBeNull();
    const bad = await domainError(ws.automation.test({ ...draft, condition: "urgency: hot" }, ticket.number));
    expect(bad.field).toBe("condition");
  });
});
