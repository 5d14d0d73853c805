/**
 * Slack DMs end to end: the fan-out writes slack deliveries, "notifications.slack"
 * sends them with the official client against the local Slack server. Exact
 * DMs per seed-000 case, people not in Slack skipped (never posted to), the
 * lookup cache, rate limits waited out, retries with backoff, Slack off, and
 * no delivery sent twice.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { type Helpdesk, slackWebApi } from "../../src/lib/index.js";
import { withoutDefaults } from "../automation/helpers.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { dmChannelOf, type SlackTestServer, startSlackServer } from "./slack-server.js";

// A Saturday: the daily reminders (weekdays 09:00) stay out of these counts even when time moves a day.
const clock = fixedClock(new Date("2026-02-28T10:00:00Z"));
const MINUTE = 60_000;
let server: SlackTestServer;
let t: TestDesk;
const logs: { msg: string; extra?: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = await startSlackServer();
  t = await openTestDesk({
    clock,
    log: (msg, extra) => logs.push({ msg, ...(extra ? { extra } : {}) }),
    notify: { slack: slackWebApi({ token: "xoxb-test", apiUrl: server.url }), publicUrl: "https://desk.example" },
  });
});
afterAll(async () => {
  await t?.close();
  await server?.close();
});

type Role = "agent" | "manager" | "superadmin";

interface World {
  ws: Helpdesk;
  ids: Record<string, string>;
  emails: Record<string, string>;
  as(name: string): Helpdesk;
  /** Who got a DM since `from` (index into server.calls), by name, sorted. */
  dmsSince(from: number): string[];
  slackRows(): Promise<Record<string, unknown>[]>;
}

/** A workspace whose people are in Slack (except those listed in `notInSlack`). */
async function world(notInSlack: string[] = []): Promise<World> {
  const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
  const tag = randomBytes(3).toString("hex");
  const roles: Record<string, Role> = { root: "superadmin", alice: "agent", bob: "agent", carol: "agent" };
  const ids: Record<string, string> = {};
  const emails: Record<string, string> = {};
  const byChannel = new Map<string, string>();
  for (const [name, role] of Object.entries(roles)) {
    emails[name] = `${name}-${tag}@desk.test`;
    ids[name] = (await ws.people.createAgent({ email: emails[name], name, role })).id;
    if (notInSlack.includes(name)) continue;
    const slackId = `U${name.toUpperCase()}${tag.toUpperCase()}`;
    server.addUser({ email: emails[name], id: slackId });
    byChannel.set(dmChannelOf(slackId), name);
  }
  return {
    ws,
    ids,
    emails,
    as: (name) => ws.as({ type: "agent", id: ids[name] as string, role: roles[name] as Role }),
    dmsSince: (from) =>
      server.calls
        .slice(from)
        .filter((c) => c.method === "chat.postMessage" && c.ok)
        .flatMap((c) => {
          const who = byChannel.get(String(c.params.channel));
          return who ? [who] : [];
        })
        .sort(),
    slackRows: async () =>
      (
        await ws.database.executeSql(
          `select event_type, recipient_key, agent_id, status, reason, address, attempts, sent_at, next_attempt_at
             from notification_deliveries where workspace_id = $1 and channel = 'slack' order by created_at, recipient_key`,
          [ws.workspace.id],
        )
      ).rows,
  };
}

const mark = () => server.calls.length;

describe(`Slack DMs (${engineUnderTest})`, () => {
  it("seed 000: created → admins, assigned → assignee + creator, resolved → creator + admins; Block Kit with the ticket", async () => {
    const w = await world();
    let from = mark();
    const ticket = await w.as("alice").tickets.create({ subject: "Printer on fire", priority: "high" });
    await w.ws.runPending();
    expect(w.dmsSince(from)).toEqual(["root"]);

    from = mark();
    await w.as("root").tickets.assign(ticket.number, w.emails.bob as string);
    await w.ws.runPending();
    expect(w.dmsSince(from)).toEqual(["alice", "bob"]);
    const toBob = server.calls
      .slice(from)
      .find((c) => c.method === "chat.postMessage" && String(c.params.channel).includes("BOB"));
    const blocks = toBob?.params.blocks as Record<string, unknown>[];
    expect(blocks[0]).toMatchObject({
      type: "header",
      text: { text: `${ticket.number} assigned to you: Printer on fire` },
    });
    expect(JSON.stringify(blocks)).toContain(`"url":"https://desk.example/tickets/${ticket.number}"`);
    expect(JSON.stringify(blocks)).toContain(`Open ${ticket.number}`);
    const actions = blocks.find((b) => b.type === "actions" && String(b.block_id).startsWith("helpline.ticket"));
    const elements = (actions?.elements ?? []) as { action_id: string; value?: string }[];
    expect(elements.map((e) => e.action_id)).toEqual(["helpline.status", "helpline.resolve", "helpline.assign_me"]);
    expect(elements[1]?.value).toBe(ticket.id);
    expect(String(toBob?.params.text)).toContain("Printer on fire");
    expect(toBob?.auth).toBe("Bearer xoxb-test");

    from = mark();
    await w.as("bob").tickets.updateStatus(ticket.number, "resolved");
    await w.ws.runPending();
    expect(w.dmsSince(from)).toEqual(["alice", "root"]);

    const rows = await w.slackRows();
    expect(rows.every((r) => r.status === "sent" && r.sent_at && String(r.address).startsWith("U"))).toBe(true);
  });

  it("a person not in Slack is skipped with the reason and never posted to; the lookup is cached a day", async () => {
    const w = await world(["carol"]);
    const ticket = await w.as("alice").tickets.create({ subject: "Badge reader", priority: "low" });
    await w.ws.runPending();
    let from = mark();
    await w.as("root").tickets.assign(ticket.number, w.emails.carol as string);
    await w.ws.runPending();
    expect(w.dmsSince(from)).toEqual(["alice"]);
    const lookups = (since: number) =>
      server.calls.slice(since).filter((c) => c.method === "users.lookupByEmail" && c.params.email === w.emails.carol);
    expect(lookups(from)).toHaveLength(1);
    const carolRow = (await w.slackRows()).find((r) => r.agent_id === w.ids.carol);
    expect(carolRow).toMatchObject({ status: "skipped", reason: `no Slack user with email ${w.emails.carol}` });
    expect(
      logs.some((l) => l.msg === "Slack DM skipped" && String(l.extra?.reason).includes(w.emails.carol as string)),
    ).toBe(true);

    // Another DM for carol within the day: the cached "not in Slack" answers, Slack is not asked.
    from = mark();
    await w.as("alice").tickets.addComment(ticket.number, { body: "Any news?" });
    await w.ws.runPending();
    expect(lookups(from)).toHaveLength(0);
    expect((await w.slackRows()).filter((r) => r.agent_id === w.ids.carol).map((r) => r.status)).toEqual([
      "skipped",
      "skipped",
    ]);

    // A day later Slack is asked again, and carol, now in Slack, gets her DM.
    clock.advance(24 * 60 * MINUTE + MINUTE);
    server.addUser({ email: w.emails.carol as string, id: `UCAROLNEW${randomBytes(2).toString("hex")}` });
    from = mark();
    await w.as("alice").tickets.addComment(ticket.number, { body: "Still there?" });
    await w.ws.runPending();
    expect(lookups(from)).toHaveLength(1);
    const last = (await w.slackRows()).filter((r) => r.agent_id === w.ids.carol).at(-1);
    expect(last?.status).toBe("sent");
  });

  it("a rate-limited chat.postMessage (429, Retry-After 1) is waited out and posted once", async () => {
    const w = await world();
    const from = mark();
    server.rateLimitNext("chat.postMessage", 1);
    await w.as("alice").tickets.create({ subject: "Slow Slack", priority: "low" });
    await w.ws.runPending();
    const posts = server.calls.slice(from).filter((c) => c.method === "chat.postMessage");
    expect(posts.map((p) => p.rateLimited)).toEqual([true, false]);
    expect(w.dmsSince(from)).toEqual(["root"]);
    expect((await w.slackRows()).map((r) => r.status)).toEqual(["sent"]);
  });

  it("transient Slack errors retry after 1, 2, 4 … minutes, then fail with Slack's error; a permanent one fails at once", async () => {
    const w = await world();
    for (let i = 0; i < 6; i++) server.failNext("chat.postMessage", "internal_error");
    await w.as("alice").tickets.create({ subject: "Flaky Slack", priority: "low" });
    await w.ws.runPending();
    let [row] = await w.slackRows();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(String(row?.reason)).toContain("internal_error");
    expect(new Date(String(row?.next_attempt_at)).getTime()).toBe(clock.now().getTime() + MINUTE);
    // Not due yet: nothing happens.
    await w.ws.runPending();
    expect((await w.slackRows())[0]?.attempts).toBe(1);
    for (const wait of [1, 2, 4, 8, 16]) {
      clock.advance(wait * MINUTE);
      await w.ws.runPending();
    }
    [row] = await w.slackRows();
    expect(row).toMatchObject({ status: "failed", attempts: 6, reason: "Slack error: internal_error" });

    server.failNext("chat.postMessage", "invalid_blocks");
    const from = mark();
    const second = await w.as("alice").tickets.create({ subject: "Bad blocks", priority: "low" });
    await w.ws.runPending();
    const rows = await w.slackRows();
    expect(rows.at(-1)).toMatchObject({ status: "failed", attempts: 1, reason: "Slack error: invalid_blocks" });
    expect(second.number).toBeTruthy();
    expect(w.dmsSince(from)).toEqual([]);
  });

  it("a delivery is not repeated by a second runPending, nor after its lease is reclaimed once sent", async () => {
    const w = await world();
    await w.as("alice").tickets.create({ subject: "Once only", priority: "low" });
    await w.ws.runPending();
    const from = mark();
    await w.ws.runPending();
    clock.advance(10 * MINUTE);
    await w.ws.runPending();
    expect(w.dmsSince(from)).toEqual([]);
    expect((await w.slackRows()).map((r) => r.status)).toEqual(["sent"]);
  });

  it("a sender that died mid-send: the delivery is sent once, after the lease passes", async () => {
    const w = await world();
    const ticket = await w.as("alice").tickets.create({ subject: "Crashed worker", priority: "low" });
    await w.ws.runPending();
    // A delivery a worker claimed (`sending`, leased 5 minutes, attempt 1) before it died.
    await w.ws.database.executeSql(
      `insert into notification_deliveries (id, workspace_id, event_id, event_type, kind, channel, recipient_key,
         agent_id, ticket_id, status, attempts, next_attempt_at, content, created_at)
       values ($1, $2, $3, 'ticket.updated', 'ticket.updated', 'slack', $4, $5, $6, 'sending', 1, $7, $8, $9)`,
      [
        randomUUID(),
        w.ws.workspace.id,
        randomUUID(),
        `agent:${w.ids.bob}`,
        w.ids.bob,
        ticket.id,
        new Date(clock.now().getTime() + 5 * MINUTE),
        JSON.stringify({
          kind: "ticket.updated",
          title: `${ticket.number} updated: Crashed worker`,
          text: "Priority changed",
          url: null,
          ticket: null,
          actor: "alice",
          occurredAt: clock.now().toISOString(),
        }),
        clock.now(),
      ],
    );
    const from = mark();
    await w.ws.runPending();
    expect(w.dmsSince(from)).toEqual([]);
    clock.advance(5 * MINUTE + 1000);
    await w.ws.runPending();
    await w.ws.runPending();
    expect(w.dmsSince(from)).toEqual(["bob"]);
    expect((await w.slackRows()).map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 2],
    ]);
  });

  it("never posted to a channel Slack did not give us from conversations.open (all the cases above)", async () => {
    const opened = new Set(
      server.calls
        .filter((c) => c.method === "conversations.open" && !c.rateLimited)
        .map((c) => dmChannelOf(String(c.params.users))),
    );
    const posts = server.calls.filter((c) => c.method === "chat.postMessage");
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.filter((p) => p.error === "channel_not_found")).toEqual([]);
    for (const p of posts) expect(opened.has(String(p.params.channel))).toBe(true);
  });
});

describe(`Slack off (${engineUnderTest})`, () => {
  it("no SLACK_BOT_TOKEN: Slack deliveries are skipped with the reason", async () => {
    const off = await openTestDesk({ clock });
    try {
      const ws = await withoutDefaults(off.desk);
      const root = await ws.people.createAgent({ email: "root@off.test", name: "root", role: "superadmin" });
      const alice = await ws.people.createAgent({ email: "alice@off.test", name: "alice", role: "agent" });
      expect(root.id).toBeTruthy();
      const from = mark();
      await ws
        .as({ type: "agent", id: alice.id, role: "agent" })
        .tickets.create({ subject: "No Slack", priority: "low" });
      await ws.runPending();
      const { rows } = await ws.database.executeSql(
        "select status, reason from notification_deliveries where workspace_id = $1 and channel = 'slack'",
        [ws.workspace.id],
      );
      expect(rows).toEqual([{ status: "skipped", reason: "Slack is off: SLACK_BOT_TOKEN is not set" }]);
      expect(server.calls.length).toBe(from);
    } finally {
      await off.close();
    }
  });
});
