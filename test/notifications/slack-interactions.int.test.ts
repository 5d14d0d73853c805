/**
 * Slack's interactive buttons through POST /api/v1/slack/interactions: signed
 * requests change the ticket AS the clicking agent (status menu, Resolve, Assign
 * to me) through the status machine; a wrong secret, a stale timestamp or no
 * signature is 401; unknown Slack users are refused; no signing secret is 503.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { slackSignature } from "../../src/core/notifications/index.js";
import { buildServer } from "../../src/http/server.js";
import { type Helpdesk, slackWebApi } from "../../src/lib/index.js";
import { withoutDefaults } from "../automation/helpers.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { type SlackTestServer, startSlackServer } from "./slack-server.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const clock = fixedClock(new Date("2026-02-28T10:00:00Z"));
let server: SlackTestServer;
let t: TestDesk;
let app: FastifyInstance;
let ws: Helpdesk;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startSlackServer({
    users: [
      { email: "alice@desk.test", id: "UALICE" },
      { email: "bob@desk.test", id: "UBOB" },
      { email: "stranger@elsewhere.test", id: "USTRANGER" },
      { email: "gone@desk.test", id: "UGONE" },
    ],
  });
  t = await openTestDesk({
    clock,
    notify: { slack: slackWebApi({ token: "xoxb-test", apiUrl: server.url }), slackSigningSecret: SECRET },
  });
  ws = await withoutDefaults(t.desk);
  for (const [name, role] of [
    ["alice", "agent"],
    ["bob", "agent"],
    ["gone", "agent"],
  ] as const) {
    ids[name] = (await ws.people.createAgent({ email: `${name}@desk.test`, name, role })).id;
  }
  await ws.people.updateAgent(ids.gone as string, { active: false });
  app = await buildServer({ desk: t.desk, logLevel: "silent" });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  await server?.close();
});

/** Who made the change an event records. */
async function actorOf(type: string, ticketId: string): Promise<unknown> {
  const { rows } = await t.desk.database.executeSql(
    "select actor from outbox_events where type = $1 and subject_id = $2 order by seq desc limit 1",
    [type, ticketId],
  );
  return rows[0]?.actor;
}

const asAlice = () => ws.as({ type: "agent", id: ids.alice as string, role: "agent" });

function payload(user: string, action: Record<string, unknown>, responseUrl?: string): string {
  const json = {
    type: "block_actions",
    user: { id: user, username: user.toLowerCase(), team_id: "T0001" },
    team: { id: "T0001" },
    actions: [{ type: "button", block_id: "helpline.ticket", action_ts: "1", ...action }],
    ...(responseUrl ? { response_url: responseUrl } : {}),
  };
  return new URLSearchParams({ payload: JSON.stringify(json) }).toString();
}

function post(body: string, opts: { secret?: string; ageSeconds?: number; headers?: Record<string, string> } = {}) {
  const ts = String(Math.floor(clock.now().getTime() / 1000) - (opts.ageSeconds ?? 0));
  return app.inject({
    method: "POST",
    url: "/api/v1/slack/interactions",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": ts,
      "x-slack-signature": slackSignature(opts.secret ?? SECRET, ts, body),
      ...opts.headers,
    },
    payload: body,
  });
}

const resolve = (ticketId: string) => ({ action_id: "helpline.resolve", value: ticketId });
const assignMe = (ticketId: string) => ({ action_id: "helpline.assign_me", value: ticketId });
const setStatus = (ticketId: string, status: string) => ({
  action_id: "helpline.status",
  type: "static_select",
  selected_option: { value: `${ticketId}:${status}`, text: { type: "plain_text", text: status } },
});

describe(`Slack interactions (${engineUnderTest})`, () => {
  it("Resolve: the ticket is resolved by the clicking agent, and the clicker is told", async () => {
    const ticket = await asAlice().tickets.create({ subject: "Resolve me", priority: "low" });
    const res = await post(payload("UALICE", resolve(ticket.id), server.responseUrl("r1")));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      response_type: "ephemeral",
      text: `${ticket.number} is now Resolved.`,
      replace_original: false,
    });
    expect((await ws.tickets.get(ticket.number)).status).toBe("resolved");
    expect(await actorOf("ticket.resolved", ticket.id)).toEqual({ type: "agent", id: ids.alice });
    expect(server.responses.find((r) => r.name === "r1")?.body).toMatchObject({
      text: `${ticket.number} is now Resolved.`,
    });
  });

  it("Update status: the chosen status, through the status machine", async () => {
    const ticket = await asAlice().tickets.create({ subject: "Put me on hold", priority: "low" });
    const res = await post(payload("UALICE", setStatus(ticket.id, "on_hold")));
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toBe(`${ticket.number} is now On hold.`);
    expect((await ws.tickets.get(ticket.number)).status).toBe("on_hold");
  });

  it("Assign to me: assigned to the agent whose email the Slack user has (found with users.info)", async () => {
    const ticket = await asAlice().tickets.create({ subject: "Take me", priority: "low" });
    const before = server.callsTo("users.info").length;
    const res = await post(payload("UBOB", assignMe(ticket.id)));
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toBe(`${ticket.number} is now assigned to you (In progress).`);
    const after = await ws.tickets.get(ticket.number);
    expect(after.assigneeId).toBe(ids.bob);
    expect(await actorOf("ticket.assigned", ticket.id)).toEqual({ type: "agent", id: ids.bob });
    expect(
      server
        .callsTo("users.info")
        .slice(before)
        .map((c) => c.params.user),
    ).toEqual(["UBOB"]);
  });

  it("a refused transition answers the status machine's reason and changes nothing", async () => {
    const ticket = await asAlice().tickets.create({ subject: "Already done", priority: "low" });
    await asAlice().tickets.updateStatus(ticket.number, "resolved");
    const res = await post(payload("UALICE", setStatus(ticket.id, "review")));
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toBe(
      "Not done: Cannot move a ticket from resolved to review; allowed next statuses: closed, open, in_progress.",
    );
    expect((await ws.tickets.get(ticket.number)).status).toBe("resolved");
  });

  it("a Slack user who is not an active agent of the desk is refused", async () => {
    const ticket = await asAlice().tickets.create({ subject: "Not yours", priority: "low" });
    for (const user of ["USTRANGER", "UGONE", "UNOBODY"]) {
      const res = await post(payload(user, resolve(ticket.id)));
      expect(res.statusCode).toBe(200);
      expect(res.json().text).toBe("Your Slack account's email is not an agent of this desk.");
    }
    expect((await ws.tickets.get(ticket.number)).status).toBe("open");
  });

  it("401 for a wrong secret, a stale timestamp (6 minutes) or missing headers; nothing changes", async () => {
    const ticket = await asAlice().tickets.create({ subject: "Guarded", priority: "low" });
    const body = payload("UALICE", resolve(ticket.id));
    const wrong = await post(body, { secret: "not-the-secret" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("slack.signature_invalid");
    const stale = await post(body, { ageSeconds: 6 * 60 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe("slack.timestamp_stale");
    const tampered = await post(body, { headers: { "x-slack-signature": `v0=${"0".repeat(64)}` } });
    expect(tampered.statusCode).toBe(401);
    const missing = await app.inject({
      method: "POST",
      url: "/api/v1/slack/interactions",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: body,
    });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe("slack.signature_missing");
    expect((await ws.tickets.get(ticket.number)).status).toBe("open");
    // A request 4 minutes old is still Slack's.
    expect((await post(body, { ageSeconds: 4 * 60 })).statusCode).toBe(200);
    expect((await ws.tickets.get(ticket.number)).status).toBe("resolved");
  });

  it("a link button (Open TKT-…) needs no answer: 204", async () => {
    const ticket = await asAlice().tickets.create({ subject: "Just looking", priority: "low" });
    const res = await post(payload("UALICE", { action_id: "helpline.open", value: ticket.id }));
    expect(res.statusCode).toBe(204);
  });
});

describe(`Slack interactions without a signing secret (${engineUnderTest})`, () => {
  it("503 saying SLACK_SIGNING_SECRET is not set", async () => {
    const off = await openTestDesk({ clock });
    const offApp = await buildServer({ desk: off.desk, logLevel: "silent" });
    try {
      const res = await offApp.inject({
        method: "POST",
        url: "/api/v1/slack/interactions",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "payload=%7B%7D",
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain("SLACK_SIGNING_SECRET");
    } finally {
      await offApp.close();
      await off.close();
    }
  });
});
