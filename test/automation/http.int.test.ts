/**
 * /api/v1/automation over HTTP: presented rules with counters, bad input as
 * 400 naming the field, the dry run, and the firing log of a ticket.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { call } from "../api/api-client.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, type TestUser } from "../http/as-user.js";

const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
let t: TestDesk;
let desk: Helpdesk;
let app: FastifyInstance;
let manager: TestUser;
let agent: TestUser;

beforeAll(async () => {
  t = await openTestDesk({ clock });
  desk = t.desk;
  app = await buildServer({ desk, logLevel: "silent" });
  await app.ready();
  manager = await agentUser(desk, "manager");
  agent = await agentUser(desk, "agent");
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const vipRule = {
  name: "VIP first",
  trigger: { type: "event", events: ["ticket.created"] },
  condition: "tag: vip",
  actions: [
    { type: "set_field", field: "urgency", value: "high" },
    { type: "add_note", body: "VIP ticket {{ticket.number}}" },
  ],
};

describe(`automation over HTTP (${engineUnderTest})`, () => {
  it("a manager creates a rule; it fires; the rule, the dry run and the firing log are presented", async () => {
    const created = await call(app, manager, "POST", "/api/v1/automation/rules", vipRule);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "VIP first",
      enabled: true,
      trigger: { type: "event", events: ["ticket.created"] },
      fireCount: 0,
      lastFiredAt: null,
      can: { update: true, delete: true },
    });
    const ticket = await desk.tickets.create({ subject: "Gold customer", tags: ["vip"], priority: "low" });
    await desk.runPending();

    const list = await call(app, agent, "GET", "/api/v1/automation/rules?trigger=event");
    expect(list.status).toBe(200);
    const vip = list.body.items.find((r: { name: string }) => r.name === "VIP first");
    expect(vip).toMatchObject({ fireCount: 1, lastFiredAt: "2026-03-02T09:00:00.000Z", can: { update: false } });
    expect(list.body.items.every((r: { trigger: { type: string } }) => r.trigger.type === "event")).toBe(true);

    const firings = await call(app, agent, "GET", `/api/v1/tickets/${ticket.number}/firings`);
    expect(firings.status).toBe(200);
    expect(firings.body.items).toEqual([
      expect.objectContaining({
        rule: { id: created.body.id, name: "VIP first" },
        depth: 1,
        ok: true,
        error: null,
        actions: [
          { summary: "set urgency to high", changed: true },
          { summary: "added an internal note", changed: true },
        ],
      }),
    ]);
    const byRule = await call(app, agent, "GET", "/api/v1/automation/firings?rule=VIP%20first");
    expect(byRule.body.items).toHaveLength(1);

    const timeline = await call(app, agent, "GET", `/api/v1/tickets/${ticket.number}/timeline`);
    const change = timeline.body.items.find((e: { event: { action: string } | null }) => e.event?.action === "updated");
    expect(change.event.rule).toEqual({ id: created.body.id, name: "VIP first" });

    const dry = await call(app, manager, "POST", "/api/v1/automation/test", {
      rule: "VIP first",
      ticket: ticket.number,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      rule: { name: "VIP first" },
      wouldFire: true,
      reasons: ["fires on ticket.created when the condition holds", "tag: vip ✓ — tags: vip"],
      actions: [{ summary: "urgency is already high", changed: false }, { summary: "added an internal note" }],
      dueAt: null,
    });
  });

  it("disable, enable, patch, reorder and delete", async () => {
    const id = (await call(app, manager, "GET", "/api/v1/automation/rules/vip%20first")).body.id;
    expect((await call(app, manager, "POST", `/api/v1/automation/rules/${id}/disable`)).body.enabled).toBe(false);
    expect((await call(app, manager, "POST", `/api/v1/automation/rules/${id}/enable`)).body.enabled).toBe(true);
    const patched = await call(app, manager, "PATCH", `/api/v1/automation/rules/${id}`, {
      condition: "tag: vip, gold",
    });
    expect(patched.body.condition).toBe("tag: vip, gold");
    const order = await call(app, manager, "PUT", "/api/v1/automation/rules/order", { order: ["VIP first"] });
    expect(order.body.items[0].name).toBe("VIP first");
    const gone = await call(app, manager, "DELETE", `/api/v1/automation/rules/${id}`);
    expect(gone.body).toMatchObject({ id, name: "VIP first", fireCount: 1 });
    expect((await call(app, manager, "GET", `/api/v1/automation/rules/${id}`)).status).toBe(404);
  });

  it("bad input is a 400 naming the field; agents may not change rules", async () => {
    const badCondition = await call(app, manager, "POST", "/api/v1/automation/rules", {
      ...vipRule,
      condition: "tag:",
    });
    expect(badCondition.status).toBe(400);
    expect(badCondition.body.error).toMatchObject({ code: "query.invalid", field: "condition" });
    const placeholder = await call(app, manager, "POST", "/api/v1/automation/rules", {
      ...vipRule,
      actions: [{ type: "add_note", body: "{{ticket.colour}}" }],
    });
    expect(placeholder.status).toBe(400);
    expect(placeholder.body.error).toMatchObject({ code: "automation.unknown_placeholder", field: "actions.0.body" });
    const unknownAction = await call(app, manager, "POST", "/api/v1/automation/rules", {
      ...vipRule,
      actions: [{ type: "launch_rocket" }],
    });
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.error.field).toBe("actions.0.type");
    const forbidden = await call(app, agent, "POST", "/api/v1/automation/rules", vipRule);
    expect(forbidden.status).toBe(403);
    const missing = await call(app, manager, "POST", "/api/v1/automation/test", { rule: "nope", ticket: "TKT-1001" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("automation.rule_not_found");
  });
});
