/**
 * Every action type, run by a rule on ticket creation through desk.runPending():
 * the change goes through the ticket commands (status machine, priority
 * matrix, timeline, outbox), carries the rule, and no-ops say so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentDesk, notified, onCreate, outbox, withoutDefaults } from "./helpers.js";

const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
let t: TestDesk;

beforeAll(async () => {
  t = await openTestDesk({ clock });
});
afterAll(async () => {
  await t.close();
});

let ruleSeq = 0;
const workspace = async (): Promise<Helpdesk> => withoutDefaults(await isolatedWorkspace(t.desk));

/** Creates the rule and a ticket, runs the automation, returns the ticket as it is then and the firing. */
async function fire(ws: Helpdesk, actions: unknown[], ticket: Record<string, unknown> = {}) {
  await withoutDefaults(ws); // only this rule
  await ws.automation.rules.create(onCreate(`rule ${++ruleSeq}`, actions));
  const created = await ws.tickets.create({
    subject: "Printer jam",
    requester: "carla@example.com",
    ...ticket,
  } as never);
  const pending = ws.runPending();
  // A webhook to nowhere fails its delivery (webhooks.int.test.ts covers delivery); the firing is committed.
  await (actions.some((a) => (a as { type: string }).type === "webhook") ? pending.catch(() => undefined) : pending);
  const firings = (await ws.automation.firings(created.number)).items;
  return { ticket: await ws.tickets.get(created.number), firing: firings[0], created };
}

const summaries = (f: { outcome: { actions: { summary: string }[] } } | undefined) =>
  f?.outcome.actions.map((a) => a.summary);

describe(`automation actions (${engineUnderTest})`, () => {
  it("set_field sets status through the machine, levels, category, type, team and company", async () => {
    const ws = await workspace();
    await ws.people.createTeam({ name: "Billing" });
    await ws.people.createCompany({ name: "Acme" });
    const { ticket, firing } = await fire(
      ws,
      [
        { type: "set_field", field: "status", value: "pending_customer" },
        { type: "set_field", field: "urgency", value: "high" },
        { type: "set_field", field: "importance", value: "high" },
        { type: "set_field", field: "category", value: "billing" },
        { type: "set_field", field: "type", value: "incident" },
        { type: "set_field", field: "team", value: "Billing" },
        { type: "set_field", field: "company", value: "Acme" },
      ],
      { priority: "low" },
    );
    expect(ticket).toMatchObject({ status: "pending_customer", urgency: "high", importance: "high", priority: "high" });
    expect(ticket).toMatchObject({ category: "billing", type: "incident" });
    expect(ticket.teamId).not.toBeNull();
    expect(ticket.companyId).not.toBeNull();
    expect(summaries(firing)).toEqual([
      "set status to pending_customer",
      "set urgency to high",
      "set importance to high",
      "set category to billing",
      "set type to incident",
      "set team to Billing",
      "set company to Acme",
    ]);
    const events = (await ws.tickets.timeline(ticket.number)).filter((e) => e.event?.rule);
    expect(events.length).toBe(8); // seven changes and the firing's summary
  });

  it("set_field status the machine refuses changes nothing and says why", async () => {
    const ws = await workspace();
    const { ticket, firing } = await fire(ws, [{ type: "set_field", field: "status", value: "closed" }]);
    expect(ticket.status).toBe("open");
    expect(firing?.outcome.ok).toBe(true);
    expect(summaries(firing)?.[0]).toMatch(/^did not set status to closed: Cannot move a ticket from open to closed/);
  });

  it("assign gives the ticket to a named agent, or lets routing choose within the team", async () => {
    const ws = await workspace();
    await agentDesk(ws, "Ana");
    const { agent: ben } = await agentDesk(ws, "Ben");
    const named = await fire(ws, [{ type: "assign", to: "Ana" }]);
    expect(named.ticket.status).toBe("in_progress");
    expect(summaries(named.firing)).toEqual(["assigned to Ana"]);
    await ws.people.createTeam({ name: "Hardware", members: [ben.id] });
    const routed = await fire(ws, [{ type: "assign", team: "Hardware" }]);
    expect(routed.ticket.assigneeId).toBe(ben.id);
    expect(summaries(routed.firing)?.[0]).toMatch(/^assigned to Ben: /);
  });

  it("add_tag and remove_tag change tags once; a second time is a no-op", async () => {
    const ws = await workspace();
    const { ticket, firing } = await fire(
      ws,
      [
        { type: "add_tag", tags: ["VIP", "printer"] },
        { type: "remove_tag", tags: ["legacy"] },
        { type: "add_tag", tags: ["vip"] },
      ],
      { tags: ["legacy"] },
    );
    expect(ticket.tags.sort()).toEqual(["printer", "vip"]);
    expect(summaries(firing)).toEqual(["added tags vip and printer", "removed tag legacy", "already tagged vip"]);
    expect(firing?.outcome.actions.map((a) => a.changed)).toEqual([true, true, false]);
  });

  it("add_note writes an internal note with placeholders rendered", async () => {
    const ws = await workspace();
    const { ticket } = await fire(ws, [
      { type: "add_note", body: "{{requester.email}} wrote {{ticket.number}} ({{ticket.priority}})" },
    ]);
    const note = (await ws.tickets.timeline(ticket.number)).find((e) => e.kind === "note");
    expect(note?.body).toBe(`carla@example.com wrote ${ticket.number} (${ticket.priority})`);
    expect(note?.author.type).toBe("system");
  });

  it("notify resolves users, roles, teams, team lead and assignee to active agents, each once", async () => {
    const ws = await workspace();
    await agentDesk(ws, "Ana");
    const { agent: ben } = await agentDesk(ws, "Ben");
    await agentDesk(ws, "Mo", "manager");
    const { agent: lea } = await agentDesk(ws, "Lea");
    await agentDesk(ws, "Zed");
    const { agent: gone } = await agentDesk(ws, "Gone");
    await ws.people.createTeam({ name: "Night", members: [ben.id, gone.id] });
    await ws.people.createTeam({ name: "Desk", members: [lea.id], lead: lea.id });
    await ws.people.updateAgent(gone.id, { active: false });
    const to = {
      users: ["Ana", "ben@desk.test"],
      roles: ["manager"],
      teams: ["Night"],
      teamLead: true,
      assignee: true,
    };
    const { ticket } = await fire(ws, [{ type: "notify", to, message: "Look at {{ticket.number}}" }], {
      assignee: "zed@desk.test",
      team: "Desk",
    });
    const events = await outbox(ws, "notification.requested");
    expect(await notified(ws)).toEqual([["Ana", "Ben", "Lea", "Mo", "Zed"]]);
    expect(events[0]?.payload).toMatchObject({
      ticket: { id: ticket.id, number: ticket.number, subject: "Printer jam" },
      recipients: expect.arrayContaining([{ id: ben.id, email: "ben@desk.test", name: "Ben" }]),
      message: `Look at ${ticket.number}`,
      rule: { name: expect.stringMatching(/^rule /) },
    });
    expect(events[0]?.actor.rule?.depth).toBe(1);
  });

  it("notify with nobody to tell records nothing and says so", async () => {
    const ws = await workspace();
    const { firing } = await fire(ws, [{ type: "notify", to: { assignee: true, teamLead: true }, message: "hi" }]);
    expect(await outbox(ws, "notification.requested")).toEqual([]);
    expect(summaries(firing)).toEqual(["nobody to notify (no matching active agent)"]);
  });

  it("email_requester records email.requested with subject and body rendered", async () => {
    const ws = await workspace();
    const { ticket, firing } = await fire(
      ws,
      [
        {
          type: "email_requester",
          subject: "Re: {{ticket.subject}} [{{ticket.number}}]",
          body: "Hello {{requester.name}}, {{ticket.number}} is {{ticket.status}}.",
        },
      ],
      { requester: { email: "carla@example.com", name: "Carla" } },
    );
    const [event] = await outbox(ws, "email.requested");
    expect(event?.payload).toMatchObject({
      to: { email: "carla@example.com", name: "Carla" },
      subject: `Re: Printer jam [${ticket.number}]`,
      body: `Hello Carla, ${ticket.number} is open.`,
    });
    expect(summaries(firing)).toEqual(["emailed the requester carla@example.com"]);
  });

  it("webhook records an automation.webhook event with the ticket", async () => {
    const ws = await workspace();
    const { ticket } = await fire(ws, [{ type: "webhook", url: "http://127.0.0.1:9/hook" }]);
    const [event] = await outbox(ws, "automation.webhook");
    expect(event?.payload).toMatchObject({
      url: "http://127.0.0.1:9/hook",
      body: { trigger: "ticket.created", ticket: { id: ticket.id, number: ticket.number, status: "open" } },
    });
  });

  it("escalate raises priority and level (to a given level), raise_priority raises urgency a step", async () => {
    const ws = await workspace();
    const one = await fire(ws, [{ type: "escalate" }], { priority: "low" });
    expect(one.ticket).toMatchObject({ escalationLevel: 1, priority: "medium" });
    const two = await fire(
      ws,
      [
        { type: "escalate", level: 2 },
        { type: "escalate", level: 2 },
      ],
      { priority: "low" },
    );
    expect(two.ticket.escalationLevel).toBe(2);
    expect(summaries(two.firing)).toEqual(["escalated to level 2", "already at escalation level 2"]);
    const raised = await fire(ws, [{ type: "raise_priority" }], { urgency: "low", importance: "medium" });
    expect(raised.ticket.urgency).toBe("medium");
    const top = await fire(ws, [{ type: "raise_priority" }], { urgency: "critical", importance: "low" });
    expect(summaries(top.firing)).toEqual(["urgency is already critical"]);
  });

  it("close closes a resolved ticket; on an open one it refuses without failing the firing", async () => {
    const ws = await workspace();
    const open = await fire(ws, [{ type: "close" }]);
    expect(open.ticket.status).toBe("open");
    expect(summaries(open.firing)?.[0]).toMatch(/^did not close: Cannot move a ticket from open to closed/);
    await ws.automation.rules.create({
      name: "close on resolve",
      trigger: { type: "event", events: ["ticket.resolved"] },
      actions: [{ type: "close" }],
    });
    await ws.tickets.updateStatus(open.created.number, "resolved");
    await ws.runPending();
    expect((await ws.tickets.get(open.created.number)).status).toBe("closed");
  });

  it("a failing action rolls back the firing's earlier actions and is logged as failed", async () => {
    const ws = await workspace();
    const { agent } = await agentDesk(ws, "Ana");
    await ws.automation.rules.create(
      onCreate("tag then assign", [
        { type: "add_tag", tags: ["seen"] },
        { type: "assign", to: "Ana" },
      ]),
    );
    await ws.people.updateAgent(agent.id, { active: false });
    const created = await ws.tickets.create({ subject: "x", requester: "c@example.com" });
    await ws.runPending();
    expect((await ws.tickets.get(created.number)).tags).toEqual([]);
    const [firing] = (await ws.automation.firings(created.number)).items;
    expect(firing?.outcome).toMatchObject({ ok: false, error: { code: "agent.inactive" } });
    const failed = (await ws.tickets.timeline(created.number)).find((e) => e.event?.action === "rule_failed");
    expect(failed?.body).toMatch(/^Rule 'tag then assign' failed: assign: agent ana@desk.test is deactivated/);
  });
});
