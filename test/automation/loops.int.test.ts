/**
 * Loop protection: a rule never fires on an event its own actions caused, and
 * a chain of rules triggering each other stops at MAX_RULE_DEPTH (3), with
 * every step in the firing log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { MAX_RULE_DEPTH } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { withoutDefaults } from "./helpers.js";

const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
let t: TestDesk;

beforeAll(async () => {
  t = await openTestDesk({ clock });
});
afterAll(async () => {
  await t.close();
});

const onUpdate = { type: "event" as const, events: ["ticket.updated" as const] };

describe(`automation loop protection (${engineUnderTest})`, () => {
  it("a rule does not re-trigger on its own change", async () => {
    const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
    await ws.automation.rules.create({ name: "Bump", trigger: onUpdate, actions: [{ type: "raise_priority" }] });
    const ticket = await ws.tickets.create({ subject: "x", urgency: "low", importance: "low" });
    await ws.tickets.update(ticket.number, { tags: ["poke"] });
    await ws.runPending();
    // Without the protection its own ticket.updated would raise it again, up to critical.
    expect((await ws.tickets.get(ticket.number)).urgency).toBe("medium");
    expect((await ws.automation.firings(ticket.number)).items.map((f) => f.depth)).toEqual([1]);
  });

  it("two rules feeding each other stop at depth 3; the firing log shows each step", async () => {
    expect(MAX_RULE_DEPTH).toBe(3);
    const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
    await ws.automation.rules.create({
      name: "A: low → high",
      trigger: onUpdate,
      condition: "urgency: low",
      actions: [{ type: "set_field", field: "urgency", value: "high" }],
    });
    await ws.automation.rules.create({
      name: "B: high → low",
      trigger: onUpdate,
      condition: "urgency: high",
      actions: [{ type: "set_field", field: "urgency", value: "low" }],
    });
    const ticket = await ws.tickets.create({ subject: "ping pong", urgency: "medium", importance: "medium" });
    await ws.tickets.update(ticket.number, { urgency: "low" });
    await ws.runPending();
    // Rules of one event run in order on the ticket as it is then: A makes it high, so B
    // (same event, depth 1) makes it low again. A's change then triggers nothing (B's
    // condition no longer holds, A ignores its own change); B's change triggers A at
    // depth 2, whose change triggers B at depth 3, whose change nothing follows.
    const log = (await ws.automation.firings(ticket.number)).items.reverse();
    expect(log.map((f) => [f.ruleName, f.depth])).toEqual([
      ["A: low → high", 1],
      ["B: high → low", 1],
      ["A: low → high", 2],
      ["B: high → low", 3],
    ]);
    expect((await ws.tickets.get(ticket.number)).urgency).toBe("low");
    await ws.runPending();
    expect((await ws.automation.firings(ticket.number)).items).toHaveLength(4);
    const { rows } = await ws.database.executeSql(
      "select actor from outbox_events where workspace_id = $1 and type = 'ticket.updated' order by seq",
      [ws.workspace.id],
    );
    const depths = rows.map((r) => (r.actor as { rule?: { depth: number } }).rule?.depth ?? 0);
    expect(depths).toEqual([0, 1, 1, 2, 3]);
  });

  it("a person's change after the chain starts a new chain at depth 1", async () => {
    const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
    await ws.automation.rules.create({
      name: "Tag VIP as urgent",
      trigger: onUpdate,
      condition: "tag: vip urgency: < high",
      actions: [{ type: "set_field", field: "urgency", value: "high" }],
    });
    const ticket = await ws.tickets.create({ subject: "VIP", urgency: "low", importance: "low" });
    await ws.tickets.update(ticket.number, { tags: ["vip"] });
    await ws.runPending();
    await ws.tickets.update(ticket.number, { urgency: "low" });
    await ws.runPending();
    expect((await ws.automation.firings(ticket.number)).items.map((f) => f.depth)).toEqual([1, 1]);
    expect((await ws.tickets.get(ticket.number)).urgency).toBe("high");
  });
});
