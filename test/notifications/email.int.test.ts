/**
 * The email channel of notifications: due deliveries become mail in the
 * outbox (outbound_emails) rendered from the built-in template or the
 * workspace's own, templates are managed over the library and HTTP (an unknown
 * placeholder refused by name), and a recipient without an address is skipped
 * with the reason.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { call } from "../api/api-client.js";
import { withoutDefaults } from "../automation/helpers.js";
import { domainError, engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, type TestUser } from "../http/as-user.js";

const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
let t: TestDesk;
let app: FastifyInstance;

beforeAll(async () => {
  // An admin "address" that is no address: its deliveries are skipped, saying why.
  t = await openTestDesk({ clock, notify: { adminEmail: "helpdesk-admin", publicUrl: "https://desk.example" } });
  app = await buildServer({ desk: t.desk, logLevel: "silent" });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function world() {
  const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
  const root = await ws.people.createAgent({ email: "root@desk.test", name: "Root", role: "superadmin" });
  const bob = await ws.people.createAgent({ email: "bob@desk.test", name: "Bob Agent", role: "agent" });
  return {
    ws,
    root: ws.as({ type: "agent", id: root.id, role: "superadmin" }),
    bobId: bob.id,
  };
}

async function mails(ws: Helpdesk, to: string) {
  const { rows } = await ws.database.executeSql(
    `select kind, subject, text_body, html_body, dedupe_key, ticket_id from outbound_emails
      where workspace_id = $1 and $2 = any("to") order by created_at, id`,
    [ws.workspace.id, to],
  );
  return rows;
}

describe(`notification email (${engineUnderTest})`, () => {
  it("queues the built-in template's mail in the outbox, once, and marks the delivery sent", async () => {
    const w = await world();
    const ticket = await w.root.tickets.create({ subject: "Printer on fire", priority: "medium" });
    await w.root.tickets.assign(ticket.number, "bob@desk.test");
    await w.ws.runPending();
    const [mail, ...more] = await mails(w.ws, "bob@desk.test");
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ kind: "notification", subject: `${ticket.number} assigned to you: Printer on fire` });
    expect(String(mail?.text_body)).toContain(`https://desk.example/tickets/${ticket.number}`);
    expect(String(mail?.text_body)).toContain("Priority: medium · Status: in_progress");
    expect(String(mail?.html_body)).toContain("Printer on fire");
    const { rows } = await w.ws.database.executeSql(
      "select id, status, sent_at from notification_deliveries where agent_id = $1 and channel = 'email'",
      [w.bobId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe("sent");
    expect(mail?.dedupe_key).toBe(`notify:${rows[0]?.id}`);
    // Nothing due any more: another run queues nothing.
    await w.ws.runPending();
    expect(await mails(w.ws, "bob@desk.test")).toHaveLength(1);
  });

  it("uses the workspace's own template, and the built-in one again after a reset", async () => {
    const w = await world();
    const view = await w.ws.notifications.templates.set({
      kind: "ticket.assigned",
      channel: "email",
      subject: "[Desk] {{ticket.number}} is yours",
      body: "Hi, {{actor}} gave you {{ticket.subject}} ({{ticket.priority}}).\nOpen {{url}}",
    });
    expect(view).toMatchObject({ builtIn: false, default: { subject: "{{title}}" } });
    const first = await w.root.tickets.create({ subject: "Laptop broken", priority: "high" });
    await w.root.tickets.assign(first.number, "bob@desk.test");
    await w.ws.runPending();
    const [mail] = await mails(w.ws, "bob@desk.test");
    expect(mail?.subject).toBe(`[Desk] ${first.number} is yours`);
    expect(String(mail?.text_body)).toContain(
      `Hi, Root gave you Laptop broken (high).\nOpen https://desk.example/tickets/${first.number}`,
    );
    const listed = await w.ws.notifications.templates.list();
    expect(listed.find((x) => x.kind === "ticket.assigned")).toMatchObject({ builtIn: false });
    expect(listed.find((x) => x.kind === "ticket.updated")).toMatchObject({ builtIn: true });

    await w.ws.notifications.templates.reset({ kind: "ticket.assigned", channel: "email" });
    const second = await w.root.tickets.create({ subject: "Mouse broken", priority: "low" });
    await w.root.tickets.assign(second.number, "bob@desk.test");
    await w.ws.runPending();
    expect((await mails(w.ws, "bob@desk.test"))[1]?.subject).toBe(`${second.number} assigned to you: Mouse broken`);
  });

  it("refuses an unknown placeholder by name, a non-email channel, and agents who are not managers", async () => {
    const w = await world();
    let err = await domainError(
      w.ws.notifications.templates.set({
        kind: "mention",
        channel: "email",
        subject: "{{title}}",
        body: "Hello {{ticket.requester}}",
      }),
    );
    expect(err.field).toBe("body");
    expect(err.message).toContain("{{ticket.requester}}");
    err = await domainError(
      w.ws.notifications.templates.set({ kind: "mention", channel: "slack", subject: "s", body: "b" } as never),
    );
    expect(err.field).toBe("channel");
    const agent = w.ws.as({ type: "agent", id: w.bobId, role: "agent" });
    err = await domainError(agent.notifications.templates.list());
    expect(err.kind).toBe("forbidden");
  });

  it("the customer's acknowledgement threads with the ticket", async () => {
    const w = await world();
    const ticket = await w.root.tickets.create({
      subject: "Invoice wrong",
      priority: "low",
      requester: "dana@customer.example",
    });
    await w.ws.runPending();
    const [ack] = await mails(w.ws, "dana@customer.example");
    expect(ack?.subject).toBe(`[${ticket.number}] We received your request ${ticket.number}`);
    expect(ack?.ticket_id).toBe(ticket.id);
    expect(String(ack?.text_body)).toContain("Invoice wrong");
  });

  it("skips a recipient without a deliverable address, saying why", async () => {
    const w = await world();
    await w.root.tickets.create({ subject: "Anything", priority: "low" });
    await w.ws.runPending();
    const { rows } = await w.ws.database.executeSql(
      "select status, reason from notification_deliveries where workspace_id = $1 and recipient_key = 'email:helpdesk-admin'",
      [w.ws.workspace.id],
    );
    expect(rows).toEqual([{ status: "skipped", reason: "no deliverable email address" }]);
    expect(await mails(w.ws, "helpdesk-admin")).toEqual([]);
  });
});

describe(`/api/v1/notifications/templates (${engineUnderTest})`, () => {
  let manager: TestUser;
  let agent: TestUser;
  beforeAll(async () => {
    manager = await agentUser(t.desk, "manager");
    agent = await agentUser(t.desk, "agent");
  });

  it("lists, sets (unknown placeholder: 400 naming it) and resets templates for managers only", async () => {
    const list = await call(app, manager, "GET", "/api/v1/notifications/templates");
    expect(list.status).toBe(200);
    expect(list.body.items.find((x: { kind: string }) => x.kind === "mention")).toMatchObject({
      channel: "email",
      builtIn: true,
    });
    expect((await call(app, agent, "GET", "/api/v1/notifications/templates")).status).toBe(403);

    const bad = await call(app, manager, "PUT", "/api/v1/notifications/templates/mention/email", {
      subject: "{{titel}}",
      body: "{{text}}",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: "subject" });
    expect(bad.body.error.message).toContain("{{titel}}");
    const unknownKind = await call(app, manager, "PUT", "/api/v1/notifications/templates/ticket.exploded/email", {
      subject: "s",
      body: "b",
    });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error.field).toBe("kind");

    const set = await call(app, manager, "PUT", "/api/v1/notifications/templates/mention/email", {
      subject: "You were mentioned on {{ticket.number}}",
      body: "{{text}}",
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      kind: "mention",
      builtIn: false,
      subject: "You were mentioned on {{ticket.number}}",
    });
    const reset = await call(app, manager, "DELETE", "/api/v1/notifications/templates/mention/email");
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ builtIn: true, subject: "{{title}}" });
  });
});
