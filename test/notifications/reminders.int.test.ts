/**
 * Seed 000's daily reminders against the local Slack Web API server with the
 * official client: grouping into the four sections, who gets nothing, pending
 * production by type and by status, one DM per person, people not in Slack,
 * dry runs, one person, once a day, email by preference, and the schedule
 * (09:00 local on weekdays) driven by an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectReminders } from "../../src/core/notifications/index.js";
import { fixedClock, type Helpdesk, slackWebApi } from "../../src/lib/index.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { dmChannelOf, type SlackCall, type SlackTestServer, startSlackServer } from "./slack-server.js";

const URL_BASE = "https://desk.example.com";
let server: SlackTestServer;
let t: TestDesk;
// Friday 2025-03-07, 08:00 in Berlin.
const clock = fixedClock(new Date("2025-03-07T07:00:00Z"));
let seq = 0;

interface World {
  ws: Helpdesk;
  ann: { id: string; email: string };
  bob: { id: string; email: string };
  carl: { id: string; email: string };
  numbers: Record<string, string>;
}

/** A workspace: Ann (in Slack) with tickets in every section and some in none, Bob (in Slack), Carl (not in Slack), Dana (nothing). */
async function world(): Promise<World> {
  const ws = await isolatedWorkspace(t.desk);
  const n = ++seq;
  const mk = async (name: string, inSlack: boolean) => {
    const email = `${name}-${n}@desk.test`;
    const a = await ws.people.createAgent({ email, name: `${name[0]?.toUpperCase()}${name.slice(1)} ${n}` });
    if (inSlack) server.addUser({ email, id: `U${name.toUpperCase()}${n}` });
    return { id: a.id, email };
  };
  const ann = await mk("ann", true);
  const bob = await mk("bob", true);
  const carl = await mk("carl", false);
  await mk("dana", true);
  const asAnn = ws.as({ type: "agent", id: ann.id, role: "agent" });
  const numbers: Record<string, string> = {};
  const create = async (key: string, by: Helpdesk, input: Record<string, unknown>, status?: string) => {
    const ticket = await by.tickets.create({ subject: `Ticket ${key}`, ...input });
    if (status) await ws.tickets.updateStatus(ticket.number, status);
    numbers[key] = ticket.number;
    clock.advance(60_000);
  };
  await create("openHigh", ws, { priority: "high", assignee: ann.email });
  await create("openCritical", ws, { priority: "critical", assignee: ann.email });
  await create("progress", ws, { priority: "medium", assignee: ann.email }, "in_progress");
  await create("personalHold", asAnn, { priority: "low", assignee: ann.email }, "on_hold");
  await create("personalOpen", asAnn, { priority: "low", assignee: ann.email });
  await create("productionHold", ws, { priority: "medium", type: "Production", assignee: ann.email }, "on_hold");
  await create("waitingCustomer", ws, { priority: "medium", assignee: ann.email }, "pending_customer");
  await create("otherHold", ws, { priority: "medium", assignee: ann.email }, "on_hold");
  await create("resolved", ws, { priority: "high", assignee: ann.email }, "resolved");
  await create("bobProgress", ws, { priority: "high", assignee: bob.email }, "in_progress");
  await create("carlOpen", ws, { priority: "high", assignee: carl.email });
  await create("unassigned", ws, { priority: "high" });
  return { ws, ann, bob, carl, numbers };
}

const reminderPosts = (): SlackCall[] =>
  server.callsTo("chat.postMessage").filter((c) => String(c.params.text).startsWith("Your tickets today"));

beforeAll(async () => {
  server = await startSlackServer({ users: [] });
  t = await openTestDesk({
    clock,
    notify: { slack: slackWebApi({ token: "xoxb-test", apiUrl: server.url }), publicUrl: `${URL_BASE}/` },
  });
});

afterAll(async () => {
  await t?.close();
  await server?.close();
});

describe(`daily reminders (${engineUnderTest})`, { timeout: 60_000 }, () => {
  it("groups each agent's tickets into open, in progress, personal and pending production", async () => {
    const w = await world();
    const ws = w.ws;
    const all = await collectReminders(t.desk.database.db, {
      workspaceId: ws.workspace.id,
      ticketPrefix: ws.workspace.ticketPrefix,
      pendingProductionStatus: null,
      pendingProductionType: "production",
      publicUrl: URL_BASE,
      now: clock.now(),
    });
    expect(all.map((r) => r.email)).toEqual([w.ann.email, w.bob.email, w.carl.email]);
    const ann = all[0];
    const numbersOf = (section: "open" | "inProgress" | "personal" | "pendingProduction") =>
      ann?.sections[section].map((l) => l.number);
    const n = w.numbers;
    // Critical before high; a personal ticket still open is listed under Open (first section wins).
    expect(numbersOf("open")).toEqual([n.openCritical, n.openHigh, n.personalOpen]);
    expect(numbersOf("inProgress")).toEqual([n.progress]);
    expect(numbersOf("personal")).toEqual([n.personalHold]);
    expect(numbersOf("pendingProduction")).toEqual([n.productionHold]);
    expect(ann?.total).toBe(6);
    const line = ann?.sections.open[0];
    expect(line).toMatchObject({
      subject: "Ticket openCritical",
      priority: "critical",
      url: `${URL_BASE}/tickets/${n.openCritical}`,
    });
    expect(line?.age).toMatch(/^\d+m$/);
  });

  it("lists pending production by status when the workspace names one", async () => {
    const w = await world();
    await w.ws.settings.update({ pendingProductionStatus: "pending_customer", pendingProductionType: null });
    const report = await w.ws.notifications.reminders.send({ dryRun: true, user: w.ann.email });
    expect(report.users[0]?.sections).toEqual({ open: 3, inProgress: 1, personal: 1, pendingProduction: 1 });
    const [ann] = await collectReminders(t.desk.database.db, {
      workspaceId: w.ws.workspace.id,
      ticketPrefix: w.ws.workspace.ticketPrefix,
      pendingProductionStatus: "pending_customer",
      pendingProductionType: null,
      publicUrl: URL_BASE,
      now: clock.now(),
      agentId: w.ann.id,
    });
    expect(ann?.sections.pendingProduction.map((l) => l.number)).toEqual([w.numbers.waitingCustomer]);
    const bad = await domainError(w.ws.settings.update({ pendingProductionStatus: "printing" as "open" }));
    expect(bad.field).toBe("pendingProductionStatus");
  });

  it("sends one Slack DM per person with their sections, skips who is not in Slack and who has nothing", async () => {
    const w = await world();
    const before = reminderPosts().length;
    const report = await w.ws.notifications.reminders.send();
    expect(report.runKey).toBe("2025-03-07");
    expect(report.users.map((u) => [u.email, u.status, u.channel])).toEqual([
      [w.ann.email, "sent", "slack"],
      [w.bob.email, "sent", "slack"],
      [w.carl.email, "skipped", "slack"],
    ]);
    expect(report.users[2]?.reason).toBe(`no Slack user with email ${w.carl.email}`);
    expect(report.users[0]?.sections).toEqual({ open: 3, inProgress: 1, personal: 1, pendingProduction: 1 });
    const posts = reminderPosts().slice(before);
    expect(posts.map((p) => p.params.channel).sort()).toEqual(
      [dmChannelOf(`UANN${seq}`), dmChannelOf(`UBOB${seq}`)].sort(),
    );
    const annPost = posts.find((p) => p.params.channel === dmChannelOf(`UANN${seq}`));
    const blocks = annPost?.params.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "section", "section", "context"]);
    expect(blocks[0]?.text?.text).toBe("Your tickets today");
    const open = blocks[1]?.text?.text ?? "";
    expect(open.split("\n")[0]).toBe("*Open (3)*");
    expect(open).toContain(
      `<${URL_BASE}/tickets/${w.numbers.openCritical}|${w.numbers.openCritical}> Ticket openCritical · critical`,
    );
    expect(blocks[4]?.text?.text).toContain(`|${w.numbers.productionHold}>`);
    expect(blocks[5]?.elements?.[0]?.text).toContain("Open: 3 · In progress: 1 · Personal: 1 · Pending production: 1");
    expect(annPost?.params.text).toBe("Your tickets today: 3 open, 1 in progress, 1 personal, 1 pending production");
    const bobPost = posts.find((p) => p.params.channel === dmChannelOf(`UBOB${seq}`));
    expect(bobPost?.params.blocks).toHaveLength(3);

    const { rows } = await t.desk.database.executeSql(
      "select agent_id, channel, status, ticket_count from reminder_sends where workspace_id = $1",
      [w.ws.workspace.id],
    );
    expect(Object.fromEntries(rows.map((r) => [r.agent_id, [r.channel, r.status, r.ticket_count]]))).toEqual({
      [w.ann.id]: ["slack", "sent", 6],
      [w.bob.id]: ["slack", "sent", 1],
      [w.carl.id]: ["slack", "skipped", 1],
    });

    // A second run the same day sends nothing again.
    const again = await w.ws.notifications.reminders.send();
    expect(again.users.map((u) => [u.status, u.reason])).toEqual([
      ["skipped", "already reminded for 2025-03-07 (slack)"],
      ["skipped", "already reminded for 2025-03-07 (slack)"],
      ["skipped", `no Slack user with email ${w.carl.email}`],
    ]);
    expect(reminderPosts().length).toBe(before + 2);
  });

  it("reports a Slack failure and sends it on the next run that day; another day reuses the DM channel", async () => {
    const w = await world();
    server.failNext("chat.postMessage", "internal_error");
    const first = await w.ws.notifications.reminders.send({ user: w.ann.email });
    expect(first.users.map((u) => [u.status, u.reason])).toEqual([
      ["failed", "Slack: Slack chat.postMessage failed: internal_error"],
    ]);
    const before = server.calls.length;
    const retry = await w.ws.notifications.reminders.send({ user: w.ann.email });
    expect(retry.users.map((u) => u.status)).toEqual(["sent"]);
    // Known from the first run: no second lookup, the DM channel already open.
    expect(server.calls.slice(before).map((c) => c.method)).toEqual(["chat.postMessage"]);
    const nextDay = await w.ws.notifications.reminders.send({ user: w.ann.email, runKey: "2025-03-08" });
    expect(nextDay.runKey).toBe("2025-03-08");
    expect(nextDay.users.map((u) => u.status)).toEqual(["sent"]);
    expect(server.calls.slice(before).map((c) => c.method)).toEqual(["chat.postMessage", "chat.postMessage"]);
  });

  it("dry run sends nothing and writes nothing", async () => {
    const w = await world();
    const before = server.calls.length;
    const report = await w.ws.notifications.reminders.send({ dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.users.map((u) => [u.email, u.status, u.channel])).toEqual([
      [w.ann.email, "would_send", "slack"],
      [w.bob.email, "would_send", "slack"],
      [w.carl.email, "would_send", "slack"],
    ]);
    expect(server.calls.length).toBe(before);
    const { rows } = await t.desk.database.executeSql(
      "select (select count(*) from reminder_sends where workspace_id = $1)::int as sends, (select count(*) from slack_users where workspace_id = $1)::int as lookups",
      [w.ws.workspace.id],
    );
    expect(rows[0]).toEqual({ sends: 0, lookups: 0 });
  });

  it("--user limits the run to one person, and says so when they have nothing", async () => {
    const w = await world();
    const before = reminderPosts().length;
    const report = await w.ws.notifications.reminders.send({ user: w.bob.email.toUpperCase() });
    expect(report.users.map((u) => [u.email, u.status])).toEqual([[w.bob.email, "sent"]]);
    expect(
      reminderPosts()
        .slice(before)
        .map((p) => p.params.channel),
    ).toEqual([dmChannelOf(`UBOB${seq}`)]);
    const dana = await w.ws.notifications.reminders.send({ user: `dana-${seq}@desk.test` });
    expect(dana.users).toEqual([
      expect.objectContaining({ status: "skipped", reason: expect.stringMatching(/^nothing to remind of/) }),
    ]);
    const missing = await domainError(w.ws.notifications.reminders.send({ user: "nobody@desk.test" }));
    expect([missing.code, missing.field]).toEqual(["agent.not_found", "user"]);
  });

  it("emails the reminder through the outbox when someone prefers email, once per day", async () => {
    const w = await world();
    const carl = w.ws.as({ type: "agent", id: w.carl.id, role: "agent" });
    await carl.notifications.preferences.update({ channels: { reminder: { slack: false, email: true } } });
    for (let i = 0; i < 2; i++) {
      const report = await w.ws.notifications.reminders.send({ user: w.carl.email });
      expect(report.users[0]?.channel).toBe(i === 0 ? "email" : null);
    }
    const { rows } = await t.desk.database.executeSql(
      'select kind, dedupe_key, subject, text_body, "to" from outbound_emails where workspace_id = $1',
      [w.ws.workspace.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "notification",
      dedupe_key: `reminder:2025-03-07:${w.carl.id}`,
      subject: "Your tickets today: 1 open",
      to: [w.carl.email],
    });
    expect(String(rows[0]?.text_body)).toContain(`${URL_BASE}/tickets/${w.numbers.carlOpen}`);
  });

  it("refuses agents who are not managers", async () => {
    const w = await world();
    const err = await domainError(
      w.ws.as({ type: "agent", id: w.ann.id, role: "agent" }).notifications.reminders.send(),
    );
    expect(err.kind).toBe("forbidden");
  });
});

describe(`the daily reminder schedule (${engineUnderTest})`, { timeout: 60_000 }, () => {
  it("fires at 09:00 local on weekdays, not on Saturday, and follows a changed cron", async () => {
    // Friday 2025-03-07, 07:00 in Berlin; a desk of its own so its clock moves alone.
    const own = fixedClock(new Date("2025-03-07T06:00:00Z"));
    const slack = slackWebApi({ token: "xoxb-test", apiUrl: server.url });
    const d = await openTestDesk({ clock: own, notify: { slack, publicUrl: URL_BASE } });
    try {
      const ws = await d.desk.inWorkspace("berlin-desk");
      await ws.settings.update({ timeZone: "Europe/Berlin" });
      const ann = await ws.people.createAgent({ email: "ann-berlin@desk.test", name: "Ann Berlin" });
      server.addUser({ email: "ann-berlin@desk.test", id: "UANNBERLIN" });
      await ws.tickets.create({ subject: "Proofs for the spring catalogue", priority: "high", assignee: ann.email });
      const dms = () => reminderPosts().filter((p) => p.params.channel === dmChannelOf("UANNBERLIN")).length;
      const schedule = async () =>
        (
          await d.desk.database.executeSql(
            "select next_run_at, last_run_key from reminder_schedules where workspace_id = $1",
            [ws.workspace.id],
          )
        ).rows[0];
      const at = async (iso: string) => {
        own.set(new Date(iso));
        await ws.runPending();
      };

      await ws.runPending();
      expect(new Date(String((await schedule())?.next_run_at)).toISOString()).toBe("2025-03-07T08:00:00.000Z");
      await at("2025-03-07T07:59:00Z");
      expect(dms()).toBe(0);
      await at("2025-03-07T08:00:00Z");
      expect(dms()).toBe(1);
      expect(await schedule()).toMatchObject({ last_run_key: "2025-03-07" });
      expect(new Date(String((await schedule())?.next_run_at)).toISOString()).toBe("2025-03-10T08:00:00.000Z");
      // Saturday 09:00 in Berlin: nothing.
      await at("2025-03-08T08:00:00Z");
      expect(dms()).toBe(1);
      // Monday 09:00: the next one.
      await at("2025-03-10T08:00:00Z");
      expect(dms()).toBe(2);
      expect(await schedule()).toMatchObject({ last_run_key: "2025-03-10" });

      // A new cron takes effect at the next tick: 07:30 every day, Saturdays too.
      await ws.settings.update({ remindersCron: "30 7 * * *" });
      await at("2025-03-10T09:00:00Z");
      expect(new Date(String((await schedule())?.next_run_at)).toISOString()).toBe("2025-03-11T06:30:00.000Z");
      // Turned off: the schedule moves on, nothing is sent.
      await ws.settings.update({ remindersEnabled: false });
      await at("2025-03-11T06:30:00Z");
      expect(dms()).toBe(2);
      expect(new Date(String((await schedule())?.next_run_at)).toISOString()).toBe("2025-03-12T06:30:00.000Z");
    } finally {
      await d.close();
    }
  });
});
