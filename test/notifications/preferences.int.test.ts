/**
 * Preferences decide the channels: a channel switched off gets no delivery;
 * quiet hours (in the person's time zone) hold email and Slack until they end,
 * never in-app, never a critical ticket; batching sends at most one email per
 * window, the rest grouped in one. Time moves with an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { withoutDefaults } from "../automation/helpers.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const START = new Date("2026-03-02T09:00:00Z");
const clock = fixedClock(START);
const MIN = 60_000;
let t: TestDesk;

beforeAll(async () => {
  t = await openTestDesk({ clock, notify: { publicUrl: "https://desk.example" } });
});
afterAll(async () => {
  await t.close();
});

interface World {
  ws: Helpdesk;
  root: Helpdesk;
  bob: Helpdesk;
  bobId: string;
}

async function world(): Promise<World> {
  clock.set(START);
  const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
  const root = await ws.people.createAgent({ email: "root@desk.test", name: "Root", role: "superadmin" });
  const bob = await ws.people.createAgent({ email: "bob@desk.test", name: "Bob", role: "agent" });
  return {
    ws,
    root: ws.as({ type: "agent", id: root.id, role: "superadmin" }),
    bob: ws.as({ type: "agent", id: bob.id, role: "agent" }),
    bobId: bob.id,
  };
}

/** Bob's deliveries of this kind: channel → status (and when a held one is due). */
async function bobs(w: World, kind: string): Promise<Record<string, string>[]> {
  const { rows } = await w.ws.database.executeSql(
    `select channel, status, next_attempt_at from notification_deliveries
      where workspace_id = $1 and agent_id = $2 and kind = $3 order by created_at, channel`,
    [w.ws.workspace.id, w.bobId, kind],
  );
  return rows.map((r) => ({
    channel: String(r.channel),
    status: String(r.status),
    ...(r.next_attempt_at && ["held", "batched"].includes(String(r.status))
      ? { until: new Date(String(r.next_attempt_at)).toISOString() }
      : {}),
  }));
}

/** Notification mails queued for Bob (not SLA ones), oldest first. */
async function mailsToBob(w: World): Promise<{ subject: string; text: string }[]> {
  const { rows } = await w.ws.database.executeSql(
    `select subject, text_body from outbound_emails
      where workspace_id = $1 and kind = 'notification' and 'bob@desk.test' = any("to") and subject not like '%SLA%'
      order by created_at, id`,
    [w.ws.workspace.id],
  );
  return rows.map((r) => ({ subject: String(r.subject), text: String(r.text_body) }));
}

async function ticketFor(w: World, subject: string): Promise<string> {
  return (await w.root.tickets.create({ subject, priority: "low" })).number;
}

describe(`notification preferences (${engineUnderTest})`, () => {
  it("starts from the defaults, changes only the caller's own, and refuses what it does not know", async () => {
    const w = await world();
    const mine = await w.bob.notifications.preferences.get();
    expect(mine).toMatchObject({ quietHours: null, timeZone: "UTC", emailBatchMinutes: 0 });
    expect(mine.channels["ticket.assigned"]).toEqual({ in_app: true, email: true, slack: true });
    const changed = await w.bob.notifications.preferences.update({
      channels: { "ticket.assigned": { email: false } },
      quietHours: { start: "22:00", end: "07:00" },
      timeZone: "Europe/Berlin",
    });
    expect(changed.channels["ticket.assigned"]).toEqual({ in_app: true, email: false, slack: true });
    expect(changed).toMatchObject({ quietHours: { start: "22:00", end: "07:00" }, timeZone: "Europe/Berlin" });
    expect((await w.root.notifications.preferences.get()).channels["ticket.assigned"].email).toBe(true);
    // A later change keeps the earlier ones.
    const again = await w.bob.notifications.preferences.update({ emailBatchMinutes: 15 });
    expect(again).toMatchObject({ emailBatchMinutes: 15, timeZone: "Europe/Berlin" });
    expect(again.channels["ticket.assigned"].email).toBe(false);

    let err = await domainError(
      w.bob.notifications.preferences.update({ channels: { "ticket.exploded": {} } } as never),
    );
    expect(err.field).toBe("channels.ticket.exploded");
    err = await domainError(w.bob.notifications.preferences.update({ quietHours: { start: "22:00", end: null } }));
    expect(err.field).toBe("quietHours.end");
    err = await domainError(w.bob.notifications.preferences.update({ timeZone: "Mars/Olympus" }));
    expect(err.field).toBe("timeZone");
    err = await domainError(w.ws.notifications.preferences.get());
    expect(err.kind).toBe("forbidden");
  });

  it("a channel switched off gets no delivery; the others still do", async () => {
    const w = await world();
    await w.bob.notifications.preferences.update({ channels: { "ticket.assigned": { in_app: false, email: false } } });
    await w.root.tickets.assign(await ticketFor(w, "Printer"), "bob@desk.test");
    await w.ws.runPending();
    expect(await bobs(w, "ticket.assigned")).toEqual([{ channel: "slack", status: expect.any(String) }]);
    const { rows } = await w.ws.database.executeSql("select count(*) as n from notifications where agent_id = $1", [
      w.bobId,
    ]);
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("quiet hours hold email and Slack until they end in the person's zone; in-app is not held", async () => {
    const w = await world();
    // 22:00–07:00 in New York (UTC-5 in March before the 8th): 04:00 UTC is 23:00 there.
    await w.bob.notifications.preferences.update({
      quietHours: { start: "22:00", end: "07:00" },
      timeZone: "America/New_York",
    });
    clock.set(new Date("2026-03-03T04:00:00Z"));
    await w.root.tickets.assign(await ticketFor(w, "Late night"), "bob@desk.test");
    await w.ws.runPending();
    const until = "2026-03-03T12:00:00.000Z";
    expect(await bobs(w, "ticket.assigned")).toEqual([
      { channel: "email", status: "held", until },
      { channel: "in_app", status: "sent" },
      { channel: "slack", status: "held", until },
    ]);
    expect(await mailsToBob(w)).toEqual([]);

    clock.set(new Date("2026-03-03T11:59:00Z"));
    await w.ws.runPending();
    expect(await mailsToBob(w)).toEqual([]);

    clock.set(new Date("2026-03-03T12:00:00Z"));
    await w.ws.runPending();
    const after = await bobs(w, "ticket.assigned");
    expect(after.find((d) => d.channel === "email")).toEqual({ channel: "email", status: "sent" });
    expect(after.find((d) => d.channel === "slack")?.status).not.toBe("held");
    const mails = await mailsToBob(w);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/assigned to you: Late night$/);
  });

  it("a critical ticket ignores quiet hours", async () => {
    const w = await world();
    await w.bob.notifications.preferences.update({ quietHours: { start: "00:00", end: "23:59" } });
    clock.set(new Date("2026-03-03T10:00:00Z"));
    await w.root.tickets.create({ subject: "Everything down", urgency: "critical", importance: "critical" });
    await w.ws.runPending();
    expect((await bobs(w, "ticket.critical")).find((d) => d.channel === "email")).toEqual({
      channel: "email",
      status: "sent",
    });
  });

  it("batching: at most one email per window; what comes within it arrives as one email", async () => {
    const w = await world();
    await w.bob.notifications.preferences.update({ emailBatchMinutes: 30 });
    await w.root.tickets.assign(await ticketFor(w, "First"), "bob@desk.test");
    await w.ws.runPending();
    expect((await mailsToBob(w)).map((m) => m.subject)).toEqual([expect.stringMatching(/assigned to you: First$/)]);

    clock.advance(5 * MIN);
    const numbers: string[] = [];
    for (const subject of ["Second", "Third", "Fourth"]) {
      const number = await ticketFor(w, subject);
      numbers.push(number);
      await w.root.tickets.assign(number, "bob@desk.test");
      clock.advance(MIN);
    }
    await w.ws.runPending();
    expect(await mailsToBob(w)).toHaveLength(1);
    const windowEnd = new Date(START.getTime() + 30 * MIN).toISOString();
    const batched = (await bobs(w, "ticket.assigned")).filter((d) => d.channel === "email").slice(1);
    expect(batched).toEqual(Array(3).fill({ channel: "email", status: "batched", until: windowEnd }));

    clock.set(new Date(START.getTime() + 30 * MIN));
    await w.ws.runPending();
    const mails = await mailsToBob(w);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe("3 updates on your tickets");
    for (const [i, subject] of ["Second", "Third", "Fourth"].entries()) {
      expect(mails[1]?.text).toContain(`${numbers[i]} assigned to you: ${subject}`);
      expect(mails[1]?.text).toContain(`https://desk.example/tickets/${numbers[i]}`);
    }
  });
});
