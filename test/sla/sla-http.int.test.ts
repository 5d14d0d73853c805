/**
 * /api/v1/sla/policies and /api/v1/tickets/:ref/sla/clocks over HTTP:
 * presented policies (the built-in default last), the engine's input rules
 * as 4xx answers naming the field, who may read and change what, and a
 * ticket's clocks once the SLA listener has seen its events.
 */

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { call } from "../api/api-client.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser, tokenFor } from "../http/as-user.js";

// Monday 2 March 2026, 10:00 UTC.
const START = new Date("2026-03-02T10:00:00Z");
const clock = fixedClock(START);
const MIN = 60_000;

let api: { testDesk: TestDesk; desk: Helpdesk; app: FastifyInstance };
let manager: TestUser;
let agent: TestUser;
let readOnly: TestUser;
let customer: TestUser;
let foreign: TestUser;
let other: Helpdesk;

beforeAll(async () => {
  const testDesk = await openTestDesk({ clock });
  const app = await buildServer({ desk: testDesk.desk, logLevel: "silent" });
  await app.ready();
  api = { testDesk, desk: testDesk.desk, app };
  manager = await agentUser(api.desk, "manager");
  agent = await agentUser(api.desk, "agent");
  const roToken = await tokenFor(api.desk, { type: "agent", id: manager.actor.id, email: manager.email }, "read");
  readOnly = { ...manager, token: roToken, headers: { authorization: `Bearer ${roToken}` } };
  customer = await customerUser(api.desk);
  await api.desk.calendars.create({ name: "Office hours", timeZone: "UTC" });
  other = await api.desk.inWorkspace("elsewhere");
  foreign = await agentUser(other, "superadmin");
});

afterAll(async () => {
  await api?.app.close();
  await api?.testDesk.close();
});

const premium = {
  name: "Premium",
  condition: "tag: vip",
  calendar: "office HOURS",
  targets: {
    firstResponse: { minutes: 60 },
    resolution: { byPriority: { critical: 240, high: 480, medium: 1440, low: 2880 } },
  },
  escalations: [
    { afterBreachMinutes: 0, actions: [{ type: "escalate" }] },
    { afterBreachMinutes: 60, actions: [{ type: "notify", to: { managers: true }, message: "Still breached" }] },
  ],
};

describe(`/api/v1/sla/policies (${engineUnderTest})`, () => {
  let id: string;

  it("adds a policy (201) and answers it presented, with its calendar named", async () => {
    const res = await call(api.app, manager, "POST", "/api/v1/sla/policies", premium);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      name: "Premium",
      builtIn: false,
      position: 0,
      enabled: true,
      condition: "tag: vip",
      calendar: { name: "Office hours" },
      targets: {
        firstResponse: { minutes: 60, byPriority: null, business: true },
        nextResponse: null,
        resolution: { minutes: null, byPriority: { critical: 240, high: 480, medium: 1440, low: 2880 } },
      },
      pauseStatuses: ["pending_customer", "on_hold"],
      warningShare: 0.8,
      escalations: [
        { level: 1, afterBreachMinutes: 0, actions: [{ type: "escalate" }] },
        { level: 2, afterBreachMinutes: 60, actions: [{ type: "notify", message: "Still breached" }] },
      ],
      can: { update: true, delete: true },
    });
    expect(res.body.calendar.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lists the policies for every agent, the built-in seed 002 default last", async () => {
    const res = await call(api.app, agent, "GET", "/api/v1/sla/policies");
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((p: { name: string; builtIn: boolean }) => [p.name, p.builtIn])).toEqual([
      ["Premium", false],
      ["Default (seed 002)", true],
    ]);
    expect(res.body.items[0].can).toEqual({ update: false, delete: false });
    expect(res.body.items[1]).toMatchObject({
      id: null,
      position: null,
      condition: "",
      calendar: null,
      targets: {
        firstResponse: null,
        resolution: { byPriority: { critical: 240, high: 1440, medium: 4320, low: 10080 }, business: false },
      },
      can: { update: false, delete: false },
    });
  });

  it("gets one policy by id or by name in any case", async () => {
    const byId = await call(api.app, agent, "GET", `/api/v1/sla/policies/${id}`);
    expect([byId.status, byId.body.name]).toEqual([200, "Premium"]);
    const byName = await call(api.app, readOnly, "GET", "/api/v1/sla/policies/pREMIUM");
    expect([byName.status, byName.body.id]).toEqual([200, id]);
    // A read-only token may read but is told it cannot change anything.
    expect(byName.body.can).toEqual({ update: false, delete: false });
  });

  it("changes only the fields given, for managers with a write token", async () => {
    const res = await call(api.app, manager, "PATCH", "/api/v1/sla/policies/Premium", {
      enabled: false,
      warningShare: 0.5,
      calendar: null,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: "Premium", enabled: false, warningShare: 0.5, calendar: null });
    expect(res.body.targets.firstResponse.minutes).toBe(60);
    expect(res.body.escalations).toHaveLength(2);
    const asAgent = await call(api.app, agent, "PATCH", `/api/v1/sla/policies/${id}`, { enabled: true });
    expect([asAgent.status, asAgent.body.error.code]).toEqual([403, "access.forbidden"]);
    const readOnlyWrite = await call(api.app, readOnly, "PATCH", `/api/v1/sla/policies/${id}`, { enabled: true });
    expect([readOnlyWrite.status, readOnlyWrite.body.error.code]).toEqual([403, "auth.read_only_token"]);
    expect((await call(api.app, agent, "GET", `/api/v1/sla/policies/${id}`)).body.enabled).toBe(false);
  });

  it("keeps customers, anonymous callers and other workspaces out", async () => {
    expect((await call(api.app, customer, "GET", "/api/v1/sla/policies")).status).toBe(403);
    expect((await call(api.app, null, "GET", "/api/v1/sla/policies")).status).toBe(401);
    const foreignGet = await call(api.app, foreign, "GET", `/api/v1/sla/policies/${id}`);
    expect([foreignGet.status, foreignGet.body.error.code]).toEqual([404, "sla_policy.not_found"]);
    const foreignDelete = await call(api.app, foreign, "DELETE", `/api/v1/sla/policies/${id}`);
    expect(foreignDelete.status).toBe(404);
    const theirs = await call(api.app, foreign, "GET", "/api/v1/sla/policies");
    expect(theirs.body.items.map((p: { name: string }) => p.name)).toEqual(["Default (seed 002)"]);
  });

  it("refuses bad input with 4xx answers naming the field, and writes nothing", async () => {
    const post = (body: unknown) => call(api.app, manager, "POST", "/api/v1/sla/policies", body);
    const base = { name: "Broken", targets: { resolution: { minutes: 60 } } };

    const unknown = await post({ ...base, colour: "red" });
    expect([unknown.status, unknown.body.error.field]).toEqual([400, "colour"]);
    expect(unknown.body.error.message).toContain("colour");
    const nested = await post({ ...base, targets: { resolution: { minutes: 60, hours: 1 } } });
    expect([nested.status, nested.body.error.field]).toEqual([400, "targets.resolution.hours"]);

    const both = await post({
      ...base,
      targets: { resolution: { minutes: 60, byPriority: { critical: 1, high: 2, medium: 3, low: 4 } } },
    });
    expect([both.status, both.body.error.field]).toEqual([400, "targets.resolution"]);
    expect(both.body.error.message).toContain("either minutes or byPriority");

    const level = { afterBreachMinutes: 0, actions: [{ type: "escalate" }] };
    const four = await post({
      ...base,
      escalations: [0, 10, 20, 30].map((m) => ({ ...level, afterBreachMinutes: m })),
    });
    expect([four.status, four.body.error.field]).toEqual([400, "escalations"]);

    const noCalendar = await post({ ...base, calendar: "Nowhere" });
    expect([noCalendar.status, noCalendar.body.error.code]).toEqual([404, "calendar.not_found"]);
    expect(noCalendar.body.error.message).toContain('"Nowhere"');

    const taken = await post({ ...base, name: "Premium" });
    expect([taken.status, taken.body.error.code]).toEqual([409, "sla_policy.name_taken"]);
    expect(taken.body.error.message).toContain('named "Premium" already exists');

    const typo = await post({ ...base, condition: "priority: critical stauts: open" });
    expect([typo.status, typo.body.error.code]).toEqual([400, "query.invalid"]);
    expect(typo.body.error.details.issues[0]).toMatchObject({ span: { start: 19, end: 25 } });
    expect(typo.body.error.details.issues[0].message).toContain("stauts");

    const patchUnknown = await call(api.app, manager, "PATCH", "/api/v1/sla/policies/Premium", { nmae: "x" });
    expect([patchUnknown.status, patchUnknown.body.error.field]).toEqual([400, "nmae"]);
    const missing = await call(api.app, manager, "PATCH", "/api/v1/sla/policies/Nope", { enabled: true });
    expect([missing.status, missing.body.error.code]).toEqual([404, "sla_policy.not_found"]);
    expect(missing.body.error.message).toContain("Premium");

    const names = (await call(api.app, agent, "GET", "/api/v1/sla/policies")).body.items.map(
      (p: { name: string }) => p.name,
    );
    expect(names).toEqual(["Premium", "Default (seed 002)"]);
  });

  it("deletes a policy and answers what went", async () => {
    expect((await call(api.app, agent, "DELETE", `/api/v1/sla/policies/${id}`)).status).toBe(403);
    const res = await call(api.app, manager, "DELETE", "/api/v1/sla/policies/premium");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deleted: "Premium", reevaluated: expect.any(Number) });
    const gone = await call(api.app, agent, "GET", `/api/v1/sla/policies/${id}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, "sla_policy.not_found"]);
  });

  it("describes the routes in the OpenAPI document", async () => {
    const res = await api.app.inject({ method: "GET", url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/sla/policies",
        "/api/v1/sla/policies/{ref}",
        "/api/v1/tickets/{ref}/sla/clocks",
      ]),
    );
  });
});

describe(`GET /api/v1/tickets/:ref/sla/clocks (${engineUnderTest})`, () => {
  it("shows the clocks the SLA listener started, measured at the desk's clock", async () => {
    clock.set(START);
    const created = await call(api.app, manager, "POST", "/api/v1/sla/policies", {
      name: "Fast lane",
      condition: "tag: fast",
      targets: { firstResponse: { minutes: 30, business: false }, resolution: { minutes: 240, business: false } },
      escalations: [{ afterBreachMinutes: 0, actions: [{ type: "escalate" }] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ticket = await api.desk.tickets.create({ subject: "Down", requester: customer.email, tags: ["fast"] });
    const url = `/api/v1/tickets/${ticket.number}/sla/clocks`;

    const before = await call(api.app, agent, "GET", url);
    expect(before.status).toBe(200);
    expect(before.body.clocks).toEqual([]);

    await api.desk.runPending();
    clock.advance(10 * MIN);
    const res = await call(api.app, agent, "GET", url);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ticketId: ticket.id,
      policy: { id: created.body.id, name: "Fast lane", builtIn: false },
      escalationLevel: 0,
    });
    expect(res.body.clocks).toEqual([
      expect.objectContaining({
        metric: "first_response",
        state: "running",
        targetMinutes: 30,
        business: false,
        dueAt: "2026-03-02T10:30:00.000Z",
        remainingMs: 20 * MIN,
        breached: false,
        met: false,
      }),
      expect.objectContaining({ metric: "resolution", state: "running", dueAt: "2026-03-02T14:00:00.000Z" }),
    ]);

    // The seed 002 snapshot keeps its own fields.
    const snapshot = await call(api.app, agent, "GET", `/api/v1/tickets/${ticket.number}/sla`);
    expect(snapshot.body).toMatchObject({ ticket_id: ticket.number, is_breached: false, sla_hours: 4 });

    clock.set(new Date("2026-03-02T10:31:00Z"));
    await api.desk.runPending();
    const late = await call(api.app, readOnly, "GET", url);
    const first = late.body.clocks[0];
    expect(first).toMatchObject({ breached: true, met: false, breachedAt: "2026-03-02T10:30:00.000Z" });
    expect(first.remainingMs).toBe(-1 * MIN);
    expect(first.escalationLevel).toBe(1);
  });

  it("answers 403 to customers (even on their own ticket) and 404 across workspaces", async () => {
    const ticket = await api.desk.tickets.create({ subject: "Mine", requester: customer.email });
    const url = `/api/v1/tickets/${ticket.number}/sla/clocks`;
    expect((await call(api.app, customer, "GET", url)).status).toBe(403);
    expect((await call(api.app, null, "GET", url)).status).toBe(401);
    expect((await call(api.app, foreign, "GET", url)).status).toBe(404);
    expect((await call(api.app, agent, "GET", "/api/v1/tickets/TKT-999999/sla/clocks")).status).toBe(404);
  });
});
