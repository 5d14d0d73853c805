/**
 * The access matrix's world: a desk with two workspaces on one installation,
 * the HTTP app over the first, the nine callers of route-table.ts (each with
 * a password and an API token) and fixtures of the first workspace.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/http/server.js";
import { hashToken } from "../../src/lib/auth-service.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser, tokenFor } from "../http/as-user.js";
import type { CallCtx, CallerName, Row } from "./route-table.js";

export const PASSWORD = "correct horse battery staple";
export const OTHER_SLUG = "other";

export interface Caller {
  name: CallerName;
  /** null for the anonymous caller. */
  user: TestUser | null;
  /** Sign-in of this caller (the probe account's for the anonymous one). */
  self: CallCtx["self"];
  /** The client address this caller's requests come from. */
  ip: string;
}

export interface Fixtures {
  /** An in-app notification of the `agent` caller (someone else's for every other caller). */
  notificationId: string;
  ticketId: string;
  ticketNumber: string;
  /** An agent of the first workspace that is none of the callers. */
  agentId: string;
  customerId: string;
  companyId: string;
  teamId: string;
  /** A spare API token of the `agent` caller (revoked by the DELETE row). */
  tokenId: string;
  /** A workspace-wide view owned by the `admin` caller. */
  viewId: string;
  /** The key of a custom field. */
  fieldKey: string;
  /** An SLA policy (matching no ticket: `tag: sla-matrix`). */
  slaPolicyId: string;
  /** The workspace's default calendar. */
  calendarId: string;
  /** An automation rule (firing on nothing: `tag: rule-matrix`). */
  ruleId: string;
  /** A mailbox (no IMAP, no HTTP door: testing it connects nowhere). */
  mailboxId: string;
  /** A Message-ID recorded on the fixture ticket (contains `/ + =`). */
  messageId: string;
  /** A stored inbound message of the fixture ticket. */
  inboundId: string;
  /** An attachment (blob) on a public message of the fixture ticket. */
  blobId: string;
  /** A second ticket of custA (where messages are moved to). */
  ticket2Number: string;
  /** A webhook to a closed local port (testing it answers ok: false). */
  webhookId: string;
}

export interface Reply {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  json: any;
  /** What was sent: URL and body, for telling echoes from leaks. */
  sent: string;
}

export interface World {
  testDesk: TestDesk;
  desk: Helpdesk;
  other: Helpdesk;
  app: FastifyInstance;
  callers: Record<CallerName, Caller>;
  fx: Fixtures;
  call(row: Row, caller: CallerName, method?: string): Promise<Reply>;
  close(): Promise<void>;
}

let seq = 0;
export const unique = (tag: string) => `${tag}-${++seq}-${randomBytes(3).toString("hex")}`;

async function withPassword(desk: Helpdesk, user: TestUser): Promise<TestUser> {
  await desk.auth.setPassword({
    personType: user.actor.type,
    personId: user.actor.id,
    password: PASSWORD,
    workspaceId: desk.workspace.id,
  });
  return user;
}

export async function openWorld(): Promise<World> {
  // A Slack signing secret, so the Slack interactions door is open (and refuses unsigned callers).
  const testDesk = await openTestDesk({ notify: { slackSigningSecret: "access-matrix-slack-secret" } });
  const desk = testDesk.desk;
  const app = await buildServer({ desk, logLevel: "silent", corsOrigins: ["https://desk.example"] });
  await app.ready();
  // Same prefix, other range: TKT-1001 is a well-formed number there that must not resolve, and
  // a first-workspace number (TKT-1001…) in the other workspace's answers can only be a leak.
  await desk.createWorkspace({ slug: OTHER_SLUG, name: "Other Co", ticketPrefix: "TKT", ticketStart: 500_001 });
  const other = await desk.inWorkspace(OTHER_SLUG);

  const companyA = await desk.people.createCompany({ name: "acorp", domain: "acorp.test", sharesTickets: true });
  await desk.people.createCompany({ name: "bcorp", domain: "bcorp.test", sharesTickets: true });
  const users: Record<Exclude<CallerName, "anon">, TestUser> = {
    custA: await withPassword(desk, await customerUser(desk, "acorp")),
    custB: await withPassword(desk, await customerUser(desk, "bcorp")),
    ro: await withPassword(desk, await agentUser(desk, "agent", "read")),
    agent: await withPassword(desk, await agentUser(desk, "agent")),
    mgr: await withPassword(desk, await agentUser(desk, "manager")),
    admin: await withPassword(desk, await agentUser(desk, "superadmin")),
    xAgent: await withPassword(other, await agentUser(other, "agent")),
    xAdmin: await withPassword(other, await agentUser(other, "superadmin")),
  };
  const probe = await withPassword(desk, await agentUser(desk, "agent"));
  const target = await desk.people.createAgent({ email: `target-${unique("a")}@desk.test`, name: "Target Agent" });
  const team = await desk.people.createTeam({ name: "Support", members: [target.id] });
  const ticket = await desk.tickets.create({ subject: "Invoice is wrong", requester: users.custA.email });
  // Due tomorrow: the calendar row's range ({dueFrom}..{dueTo}) holds it.
  const dueAt = new Date(Date.now() + 86_400_000);
  await desk.tickets.update(ticket.id, { dueAt: dueAt.toISOString() });
  const spare = await tokenFor(desk, { type: "agent", id: users.agent.actor.id, email: users.agent.email });
  const tokenRow = await desk.database.executeSql("select id::text as id from api_tokens where token_hash = $1", [
    hashToken(spare),
  ]);
  const adminDesk = desk.as(users.admin.actor);
  const freshView = () =>
    adminDesk.views.create({ name: unique("view"), query: "status: open", visibility: "workspace" });
  const view = await freshView();
  const freshField = () =>
    desk.customFields.define({ key: unique("cf").replace(/-/g, "_"), label: unique("Field"), type: "text" });
  const field = await desk.customFields.define({ key: "edition", label: "Edition", type: "select", options: ["gold"] });
  const freshSlaPolicy = () =>
    desk.sla.policies.create({
      name: unique("sla"),
      condition: "tag: sla-matrix",
      targets: { resolution: { minutes: 480 } },
    });
  const slaPolicy = await freshSlaPolicy();
  const calendar = await desk.calendars.create({ name: "Office hours" });
  const freshCalendar = () => desk.calendars.create({ name: unique("calendar") });
  const freshRule = () =>
    desk.automation.rules.create({
      name: unique("rule"),
      trigger: { type: "event", events: ["ticket.created"] },
      condition: "tag: rule-matrix",
      actions: [{ type: "add_tag", tags: ["matrix"] }],
    });
  const rule = await freshRule();
  const freshMailbox = async () => (await desk.email.mailboxes.add({ address: `${unique("mbx")}@desk.test` })).mailbox;
  const mailbox = await freshMailbox();
  const freshWebhook = async () =>
    (
      await desk.notifications.webhooks.create({
        name: unique("hook"),
        url: "http://127.0.0.1:9/matrix",
        events: ["ticket.escalated"],
        allowPrivate: true,
      })
    ).webhook;
  const webhook = await freshWebhook();
  const firstId = async (text: string, values: unknown[]) =>
    String((await desk.database.executeSql(text, values)).rows[0]?.id);
  const messageId = `matrix.${unique("m")}/a+b=c@mail.test`;
  await desk.database.executeSql(
    `insert into email_message_ids (workspace_id, message_id, ticket_id, direction, rule, detail, created_at)
     values ($1, $2, $3, 'in', 'new_ticket', 'matrix fixture', now())`,
    [desk.workspace.id, messageId, ticket.id],
  );
  const freshInbound = () =>
    firstId(
      `insert into inbound_emails (id, workspace_id, mailbox_id, source, raw, size, message_id, status, error, ticket_id,
         received_at)
       values (gen_random_uuid(), $1, $2, 'smtp', convert_to($3::text, 'UTF8'), octet_length($3::text), $4, 'failed',
         'matrix fixture', $5, now()) returning id::text as id`,
      [
        desk.workspace.id,
        mailbox.id,
        `Message-ID: <${messageId}>\r\nSubject: matrix\r\n\r\nbody\r\n`,
        messageId,
        ticket.id,
      ],
    );
  const inboundId = await freshInbound();
  const blobId = await firstId(
    `insert into blobs (id, workspace_id, sha256, size, content_type, data, created_at)
     values (gen_random_uuid(), $1, $2, 3, 'text/plain', convert_to('abc', 'UTF8'), now()) returning id::text as id`,
    [desk.workspace.id, unique("sha")],
  );
  await desk.tickets.addComment(ticket.id, {
    body: "The file you asked for",
    attachments: [{ filename: "matrix.txt", contentType: "text/plain", size: 3, storageKey: blobId }],
  });
  const ticket2 = await desk.tickets.create({ subject: "Second question", requester: users.custA.email });
  const notificationId = await firstId(
    `insert into notifications (id, workspace_id, agent_id, event_id, kind, ticket_id, title, created_at)
     values (gen_random_uuid(), $1, $2, gen_random_uuid(), 'ticket.updated', $3, 'Matrix notification', now())
     returning id::text as id`,
    [desk.workspace.id, users.agent.actor.id, ticket.id],
  );
  /** A new message on the fixture ticket (moved or split off by one call). */
  const freshEntry = async () => {
    await desk.tickets.addComment(ticket.id, { body: `Matrix message ${unique("msg")}` });
    const timeline = await desk.tickets.timeline(ticket.id);
    return timeline.filter((e) => e.kind === "message").at(-1)?.id ?? "";
  };
  const fx: Fixtures = {
    notificationId,
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    agentId: target.id,
    customerId: users.custA.actor.id,
    companyId: companyA.id,
    teamId: team.id,
    tokenId: String(tokenRow.rows[0]?.id),
    viewId: view.id,
    fieldKey: field.key,
    slaPolicyId: slaPolicy.id ?? "",
    calendarId: calendar.id,
    ruleId: rule.id,
    mailboxId: mailbox.id,
    messageId,
    inboundId,
    blobId,
    ticket2Number: ticket2.number,
    webhookId: webhook.id,
  };

  let ipSeq = 0;
  const nextIp = () => `10.77.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;
  const callers = {} as Record<CallerName, Caller>;
  callers.anon = { name: "anon", user: null, self: { email: probe.email, password: PASSWORD }, ip: nextIp() };
  for (const [name, user] of Object.entries(users) as [Exclude<CallerName, "anon">, TestUser][]) {
    const workspace = name.startsWith("x") ? { workspace: OTHER_SLUG } : {};
    callers[name] = { name, user, self: { email: user.email, password: PASSWORD, ...workspace }, ip: nextIp() };
  }

  /** A new password session of `caller`: cookie and CSRF headers. */
  async function session(caller: Caller): Promise<Record<string, string>> {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: caller.self,
      remoteAddress: nextIp(),
    });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${caller.name} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === "helpline_session");
    return { cookie: `helpline_session=${cookie?.value}`, "x-csrf-token": res.json().csrfToken };
  }

  async function resolvePath(path: string): Promise<string> {
    let out = path
      .replace("{ticket}", fx.ticketNumber)
      .replace("{agent}", fx.agentId)
      .replace("{customer}", fx.customerId)
      .replace("{company}", fx.companyId)
      .replace("{team}", fx.teamId)
      .replace("{token}", fx.tokenId)
      .replace("{view}", fx.viewId)
      .replace("{field}", fx.fieldKey)
      .replace("{calendar}", fx.calendarId)
      .replace("{notification}", fx.notificationId)
      .replace("{dueFrom}", new Date(dueAt.getTime() - 7 * 86_400_000).toISOString())
      .replace("{dueTo}", new Date(dueAt.getTime() + 7 * 86_400_000).toISOString());
    if (out.includes("{freshView}")) out = out.replace("{freshView}", (await freshView()).id);
    if (out.includes("{freshField}")) out = out.replace("{freshField}", (await freshField()).key);
    out = out.replace("{slaPolicy}", fx.slaPolicyId);
    if (out.includes("{freshSlaPolicy}")) out = out.replace("{freshSlaPolicy}", (await freshSlaPolicy()).id ?? "");
    if (out.includes("{freshCalendar}")) out = out.replace("{freshCalendar}", (await freshCalendar()).id);
    out = out.replace("{rule}", fx.ruleId);
    if (out.includes("{freshRule}")) out = out.replace("{freshRule}", (await freshRule()).id);
    out = out.replace("{mailbox}", fx.mailboxId);
    if (out.includes("{freshMailbox}")) out = out.replace("{freshMailbox}", (await freshMailbox()).id);
    out = out.replace("{webhook}", fx.webhookId);
    if (out.includes("{freshWebhook}")) out = out.replace("{freshWebhook}", (await freshWebhook()).id);
    out = out
      .replace("{messageId}", encodeURIComponent(`<${fx.messageId}>`))
      .replace("{inbound}", fx.inboundId)
      .replace("{blob}", fx.blobId);
    if (out.includes("{freshInbound}")) out = out.replace("{freshInbound}", await freshInbound());
    if (out.includes("{freshEntry}")) out = out.replace("{freshEntry}", await freshEntry());
    if (out.includes("{freshCustomer}")) {
      const fresh = await desk.people.createCustomer({ email: `${unique("walkin")}@mail.test` });
      out = out.replace("{freshCustomer}", fresh.id);
    }
    return out;
  }

  const ctxFor = (caller: Caller): CallCtx => ({
    caller: caller.name,
    self: caller.self,
    unique,
    ticketStatus: async () => (await desk.tickets.get(fx.ticketId)).status,
    fx: {
      ticketId: fx.ticketId,
      ticketNumber: fx.ticketNumber,
      agentId: fx.agentId,
      companyId: fx.companyId,
      ticket2Number: fx.ticket2Number,
    },
  });

  async function call(row: Row, name: CallerName, methodOverride?: string): Promise<Reply> {
    const caller = callers[name];
    const [routeMethod] = row.route.split(" ");
    const method = (methodOverride ?? routeMethod) as "GET";
    const url = await resolvePath(row.path);
    const body = row.body ? await row.body(ctxFor(caller)) : undefined;
    let auth: Record<string, string> = {};
    if (caller.user) {
      const bySession = row.via === "session" && name !== "ro";
      auth = bySession ? await session(caller) : caller.user.headers;
    }
    const res = await app.inject({
      method,
      url,
      remoteAddress: caller.ip,
      headers: { "user-agent": "access-matrix/1.0", ...(row.headers ?? {}), ...auth },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, text: res.body, json, sent: `${url} ${JSON.stringify(body ?? null)}` };
  }

  return {
    testDesk,
    desk,
    other,
    app,
    callers,
    fx,
    call,
    async close() {
      await app.close();
      await testDesk.close();
    },
  };
}

/**
 * Every string that identifies something of the workspace: uuids of every
 * table with a workspace_id, ticket numbers, emails, and the workspace's id.
 */
export async function identifiersOf(desk: Helpdesk): Promise<Set<string>> {
  const q = (text: string, values: unknown[] = []) => desk.database.executeSql(text, values);
  const out = new Set<string>([desk.workspace.id]);
  const tables = await q(
    `select c.table_name as t from information_schema.columns c
       join information_schema.columns i on i.table_name = c.table_name and i.table_schema = c.table_schema
      where c.column_name = 'workspace_id' and i.column_name = 'id' and i.data_type = 'uuid'
        and c.table_schema = current_schema()`,
  );
  for (const { t } of tables.rows) {
    const ids = await q(`select id::text as v from "${String(t)}" where workspace_id = $1`, [desk.workspace.id]);
    for (const { v } of ids.rows) out.add(String(v));
  }
  const numbers = await q(
    `select w.ticket_prefix || '-' || t.number as v from tickets t join workspaces w on w.id = t.workspace_id
      where t.workspace_id = $1`,
    [desk.workspace.id],
  );
  for (const { v } of numbers.rows) out.add(String(v));
  for (const table of ["agents", "customers", "logins"]) {
    const emails = await q(`select email as v from ${table} where workspace_id = $1`, [desk.workspace.id]);
    for (const { v } of emails.rows) out.add(String(v));
  }
  return out;
}

/** The identifiers in `reply` that the caller did not send themselves. */
export function leaked(reply: Reply, identifiers: Set<string>): string[] {
  const found: string[] = [];
  for (const id of identifiers) if (reply.text.includes(id) && !reply.sent.includes(id)) found.push(id);
  return found;
}
