/**
 * The calendar's data: GET /api/v1/calendar/tickets (agent-set due dates, else
 * SLA deadlines of active tickets, in a bounded range) and PATCH {dueAt}.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { type Api, call, openApi } from "./api-client.js";

let api: Api;
let manager: TestUser;
let agent: TestUser;

beforeAll(async () => {
  api = await openApi();
  manager = await agentUser(api.desk, "manager");
  agent = await agentUser(api.desk);
});
afterAll(async () => {
  await api?.close();
});

interface Made {
  number: string;
  slaDueAt: string;
}

async function ticket(subject: string, extra: Record<string, unknown> = {}): Promise<Made> {
  const res = await call(api.app, manager, "POST", "/api/v1/tickets", { subject, ...extra });
  expect(res.status).toBe(201);
  return { number: res.body.number, slaDueAt: res.body.slaDueAt };
}

const setDue = (who: TestUser, number: string, dueAt: string | null) =>
  call(api.app, who, "PATCH", `/api/v1/tickets/${number}`, { dueAt });

const range = (who: TestUser, from: string, to: string, extra = "") =>
  call(
    api.app,
    who,
    "GET",
    `/api/v1/calendar/tickets?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`,
  );

const numbers = (body: { items: { number: string }[] }) => body.items.map((t) => t.number);

async function close(number: string, to: "closed" | "cancelled"): Promise<void> {
  const path = to === "closed" ? ["resolved", "closed"] : ["cancelled"];
  for (const status of path) {
    const res = await call(api.app, manager, "POST", `/api/v1/tickets/${number}/status`, { status });
    expect(res.status).toBe(200);
  }
}

/** An hour-wide window around an instant. */
const around = (iso: string) => {
  const t = Date.parse(iso);
  return [new Date(t - 3_600_000).toISOString(), new Date(t + 3_600_000).toISOString()] as const;
};

describe(`the calendar range and due dates (${engineUnderTest})`, () => {
  it("lists agent-set due dates in the range, earliest first, and [from, to) bounds", async () => {
    const a = await ticket("Due on the 3rd");
    const b = await ticket("Due on the 1st");
    const later = await ticket("Due next month");
    expect((await setDue(manager, a.number, "2031-03-03T15:30:00.000Z")).status).toBe(200);
    expect((await setDue(manager, b.number, "2031-03-01T00:00:00.000Z")).status).toBe(200);
    expect((await setDue(manager, later.number, "2031-04-01T00:00:00.000Z")).status).toBe(200);
    const res = await range(manager, "2031-03-01T00:00:00Z", "2031-04-01T00:00:00Z");
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    expect(numbers(res.body)).toEqual([b.number, a.number]);
    expect(res.body.items[1].dueAt).toBe("2031-03-03T15:30:00.000Z");
  });

  it("uses the SLA deadline only for active tickets without a due date", async () => {
    const sla = await ticket("Only an SLA", { priority: "critical" });
    const rescheduled = await ticket("Due date overrides the SLA", { priority: "critical" });
    await setDue(manager, rescheduled.number, "2031-06-10T09:00:00.000Z");
    const closedSla = await ticket("Closed, only an SLA", { priority: "critical" });
    await close(closedSla.number, "closed");
    const resolvedSla = await ticket("Resolved, only an SLA", { priority: "critical" });
    await call(api.app, manager, "POST", `/api/v1/tickets/${resolvedSla.number}/status`, { status: "resolved" });
    const closedDue = await ticket("Closed with a due date");
    await setDue(manager, closedDue.number, "2031-06-11T09:00:00.000Z");
    await close(closedDue.number, "cancelled");

    const [from, to] = around(sla.slaDueAt);
    const near = numbers((await range(manager, from, to)).body);
    expect(near).toContain(sla.number);
    for (const hidden of [rescheduled, closedSla, resolvedSla]) expect(near).not.toContain(hidden.number);

    const june = await range(manager, "2031-06-01T00:00:00Z", "2031-07-01T00:00:00Z");
    expect(numbers(june.body)).toEqual([rescheduled.number, closedDue.number]);
    expect(june.body.items[1].status).toBe("cancelled");
  });

  it("refuses ranges over 62 days, backwards ranges and bad dates, naming the field", async () => {
    const ok = await range(manager, "2031-01-01T00:00:00Z", "2031-03-04T00:00:00Z");
    expect(ok.status).toBe(200);
    const long = await range(manager, "2031-01-01T00:00:00Z", "2031-03-04T00:00:01Z");
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: "calendar.range", field: "to" });
    expect(long.body.error.message).toMatch(/62 days/);
    for (const to of ["2031-01-01T00:00:00Z", "2030-12-31T00:00:00Z"]) {
      const back = await range(manager, "2031-01-01T00:00:00Z", to);
      expect(back.status).toBe(400);
      expect(back.body.error).toMatchObject({ code: "calendar.range", field: "to" });
    }
    const badFrom = await range(manager, "yesterday", "2031-01-02T00:00:00Z");
    expect(badFrom.status).toBe(400);
    expect(badFrom.body.error).toMatchObject({ code: "input.invalid", field: "from" });
    const badTo = await range(manager, "2031-01-01T00:00:00Z", "2031-02-30");
    expect(badTo.body.error).toMatchObject({ code: "input.invalid", field: "to" });
    const missing = await call(api.app, manager, "GET", "/api/v1/calendar/tickets?from=2031-01-01T00:00:00Z");
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error)).toMatch(/to/);
  });

  it("answers customers 403 and anonymous callers 401", async () => {
    const customer = await customerUser(api.desk);
    const res = await range(customer, "2031-01-01T00:00:00Z", "2031-01-02T00:00:00Z");
    expect(res.status).toBe(403);
    const anon = await call(
      api.app,
      null,
      "GET",
      "/api/v1/calendar/tickets?from=2031-01-01T00:00:00Z&to=2031-01-02T00:00:00Z",
    );
    expect(anon.status).toBe(401);
  });

  it("filters by assignee (me, email) and keeps a teams-only agent inside their scope", async () => {
    const scoped = await agentUser(api.desk);
    const other = await agentUser(api.desk);
    await api.desk.people.createTeam({ name: "Calendar billing", members: [scoped.email] });
    await api.desk.people.createTeam({ name: "Calendar hardware", members: [other.email] });
    await api.desk.people.updateAgent(scoped.actor.id, { teamsOnly: true });
    const due = "2031-09-15T12:00:00.000Z";
    const mk = async (subject: string, extra: Record<string, unknown>) => {
      const t = await ticket(subject, extra);
      expect((await setDue(manager, t.number, due)).status).toBe(200);
      return t.number;
    };
    const billing = await mk("billing", { team: "Calendar billing" });
    const hardware = await mk("hardware", { team: "Calendar hardware", assignee: other.email });
    const unrouted = await mk("unrouted", {});
    const mine = await mk("mine", { team: "Calendar hardware", assignee: scoped.email });
    const [from, to] = ["2031-09-15T00:00:00Z", "2031-09-16T00:00:00Z"];

    expect(numbers((await range(scoped, from, to)).body).sort()).toEqual([billing, unrouted, mine].sort());
    expect(numbers((await range(manager, from, to)).body).sort()).toEqual([billing, hardware, unrouted, mine].sort());
    expect(numbers((await range(scoped, from, to, "&assignee=me")).body)).toEqual([mine]);
    expect(numbers((await range(manager, from, to, `&assignee=${encodeURIComponent(other.email)}`)).body)).toEqual([
      hardware,
    ]);
    // A plain agent sees everything when not limited to teams.
    expect(numbers((await range(agent, from, to)).body)).toHaveLength(4);
    const nobody = await range(manager, from, to, "&assignee=nobody%40desk.test");
    expect(nobody.status).toBe(404);
    expect(nobody.body.error).toMatchObject({ code: "agent.not_found", field: "assignee" });
    expect((await range(manager, from, to, "&assignee=12345")).status).toBe(404);
  });

  it("sets and clears a due date, records the change with field dueAt, and refuses it on final tickets", async () => {
    const t = await ticket("Schedule me");
    const set = await setDue(agent, t.number, "2031-11-05T16:45:00+01:00");
    expect(set.status).toBe(200);
    expect(set.body.dueAt).toBe("2031-11-05T15:45:00.000Z");
    const cleared = await setDue(agent, t.number, null);
    expect(cleared.status).toBe(200);
    expect(cleared.body.dueAt).toBeNull();
    expect(numbers((await range(agent, "2031-11-01T00:00:00Z", "2031-12-01T00:00:00Z")).body)).not.toContain(t.number);

    const timeline = await call(api.app, agent, "GET", `/api/v1/tickets/${t.number}/timeline`);
    const dueChanges = timeline.body.items
      .filter((e: { kind: string }) => e.kind === "event")
      .flatMap((e: { event: { changes: { field: string; from: unknown; to: unknown }[] } }) => e.event.changes)
      .filter((c: { field: string }) => c.field === "dueAt");
    expect(dueChanges).toEqual([
      { field: "dueAt", from: null, to: "2031-11-05T15:45:00.000Z" },
      { field: "dueAt", from: "2031-11-05T15:45:00.000Z", to: null },
    ]);

    const bad = await setDue(agent, t.number, "next tuesday");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("dueAt");

    await close(t.number, "closed");
    const refused = await setDue(agent, t.number, "2031-11-06T10:00:00Z");
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "ticket.final", field: "dueAt" });
    const after = await call(api.app, agent, "GET", `/api/v1/tickets/${t.number}`);
    expect(after.body.dueAt).toBeNull();

    const customer = await customerUser(api.desk);
    const own = await call(api.app, customer, "POST", "/api/v1/tickets", { subject: "Mine" });
    const byCustomer = await setDue(customer, own.body.number, "2031-11-06T10:00:00Z");
    expect(byCustomer.status).toBe(403);
  });
});
