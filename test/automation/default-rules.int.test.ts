/**
 * Seed 001's four automation rules, installed in every new workspace, firing
 * (and not firing once their condition no longer holds) with an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentDesk, DAY, HOUR, MIN, notified } from "./helpers.js";

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

describe(`default automation rules (${engineUnderTest})`, () => {
  it("every new workspace starts with seed 001's four rules, in order", async () => {
    const ws = await workspace();
    const rules = (await ws.automation.rules.list()).items;
    expect(rules.map((r) => r.name)).toEqual([
      "Unassigned for 2 hours → notify supervisor",
      "Critical urgency and importance → alert all agents",
      "Resolved for 3 days → auto-close",
      "No response in 48 hours → reminder",
    ]);
    expect(rules.every((r) => r.enabled && r.fireCount === 0)).toBe(true);
    expect(rules[2]?.trigger).toEqual({ type: "time", since: "status_changed", afterMinutes: 4320 });
  });

  it("unassigned for 2 hours notifies the managers; an assigned ticket does not", async () => {
    const ws = await workspace();
    await agentDesk(ws, "Maya", "manager");
    await agentDesk(ws, "Sam");
    const lonely = await ws.tickets.create({ subject: "Nobody looks at me", requester: "c@example.com" });
    const taken = await ws.tickets.create({ subject: "Someone takes me", requester: "d@example.com" });
    await ws.runPending();
    clock.advance(HOUR);
    await ws.tickets.assign(taken.number, "sam@desk.test");
    await ws.runPending();
    clock.advance(HOUR - MIN);
    await ws.runPending();
    expect(await notified(ws)).toEqual([]);
    clock.advance(2 * MIN);
    await ws.runPending();
    expect(await notified(ws)).toEqual([["Maya"]]);
    const firings = await ws.automation.firings(lonely.number);
    expect(firings.items.map((f) => [f.ruleName, f.depth, f.outcome.ok])).toEqual([
      ["Unassigned for 2 hours → notify supervisor", 1, true],
    ]);
    expect((await ws.automation.firings(taken.number)).items).toEqual([]);
    // An hour later the assigned ticket's assignment is 2 hours old, but it has an assignee.
    clock.advance(2 * HOUR);
    await ws.runPending();
    expect(await notified(ws)).toEqual([["Maya"]]);
    const rule = await ws.automation.rules.get("Unassigned for 2 hours → notify supervisor");
    expect(rule.fireCount).toBe(1);
  });

  it("critical urgency × critical importance alerts every agent once; other tickets do not", async () => {
    const ws = await workspace();
    await agentDesk(ws, "Ana");
    await agentDesk(ws, "Ben");
    const fire = await ws.tickets.create({
      subject: "Production server down",
      requester: "ops@example.com",
      urgency: "critical",
      importance: "critical",
    });
    const typo = await ws.tickets.create({
      subject: "Minor UI typo",
      requester: "ui@example.com",
      urgency: "critical",
      importance: "low",
    });
    await ws.runPending();
    expect(await notified(ws)).toEqual([["Ana", "Ben"]]);
    await ws.tickets.update(fire.number, { tags: ["outage"] });
    await ws.runPending();
    expect(await notified(ws)).toHaveLength(1); // once per ticket
    await ws.tickets.update(typo.number, { importance: "critical" });
    await ws.runPending();
    expect(await notified(ws)).toEqual([
      ["Ana", "Ben"],
      ["Ana", "Ben"],
    ]);
    const timeline = await ws.tickets.timeline(fire.number);
    const entry = timeline.find((e) => e.event?.action === "rule_fired");
    expect(entry?.body).toBe("Rule 'Critical urgency and importance → alert all agents': notified Ana and Ben");
    expect(entry?.event?.rule?.name).toBe("Critical urgency and importance → alert all agents");
  });

  it("a ticket resolved for 3 days is closed; one reopened meanwhile is not", async () => {
    const ws = await workspace();
    const { desk: ana } = await agentDesk(ws, "Ana");
    const done = await ws.tickets.create({ subject: "Fixed", requester: "a@example.com" });
    const back = await ws.tickets.create({ subject: "Fixed, or not", requester: "b@example.com" });
    await ana.tickets.updateStatus(done.number, "resolved");
    await ana.tickets.updateStatus(back.number, "resolved");
    await ws.runPending();
    clock.advance(DAY);
    await ana.tickets.updateStatus(back.number, "in_progress");
    await ws.runPending();
    clock.advance(2 * DAY - MIN);
    await ws.runPending();
    expect((await ws.tickets.get(done.number)).status).toBe("resolved");
    clock.advance(MIN);
    await ws.runPending();
    expect((await ws.tickets.get(done.number)).status).toBe("closed");
    expect((await ws.tickets.get(back.number)).status).toBe("in_progress");
    const timeline = await ws.tickets.timeline(done.number);
    const closing = timeline.find((e) => e.event?.changes.some((c) => c.field === "status" && c.to === "closed"));
    expect(closing?.author).toEqual({ type: "system", id: null });
    expect(closing?.event?.rule?.name).toBe("Resolved for 3 days → auto-close");
    expect(closing?.body).toBe("Rule 'Resolved for 3 days → auto-close'");
    clock.advance(5 * DAY);
    await ws.runPending();
    expect((await ws.tickets.get(back.number)).status).toBe("in_progress");
  });

  it("a customer waiting 48 hours reminds the assignee; an agent's reply in time stops it", async () => {
    const ws = await workspace();
    const { desk: ana } = await agentDesk(ws, "Ana");
    const waiting = await ws.tickets.create({
      subject: "Hello?",
      description: "Any news?",
      requester: "c@example.com",
    });
    const answered = await ws.tickets.create({ subject: "Hi", description: "Question", requester: "d@example.com" });
    await ws.tickets.assign(waiting.number, "ana@desk.test");
    await ws.tickets.assign(answered.number, "ana@desk.test");
    await ws.runPending();
    clock.advance(47 * HOUR);
    await ana.tickets.addComment(answered.number, { body: "Here is the answer." });
    await ws.runPending();
    clock.advance(HOUR);
    await ws.runPending();
    const reminders = await notified(ws);
    expect(reminders).toEqual([["Ana"]]);
    const firings = await ws.automation.firings(waiting.number);
    expect(firings.items[0]?.ruleName).toBe("No response in 48 hours → reminder");
    expect((await ws.automation.firings(answered.number)).items).toEqual([]);
  });
});
