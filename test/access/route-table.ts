/**
 * The access matrix: one row per registered route (method and URL exactly as
 * Fastify registers them), the access level the route declares, the path and
 * body it is called with, and the expected outcome for each caller.
 *
 * Callers (columns, in this order):
 *   anon    no credentials
 *   custA   company user of company A, requester of the fixture ticket
 *   custB   company user of company B (same workspace)
 *   ro      agent with a read-only API token
 *   agent   agent          (write token)
 *   mgr     manager        (write token)
 *   admin   superadmin     (write token)
 *   xAgent  agent of ANOTHER workspace on the same installation
 *   xAdmin  superadmin of ANOTHER workspace
 *
 * Cells: OK = any 2xx (or a 3xx redirect); 401 = not signed in; 403 = role or token scope;
 * 404 = the object is not visible to the caller. 400/409 are allowed only on
 * rows with a `note` saying why the body is refused after the access check.
 * A GET row also covers its HEAD route (same expectation).
 *
 * Paths use fixture placeholders of the FIRST workspace: {ticket} (number),
 * {agent} (an agent no caller is), {customer} (custA), {company} (company A),
 * {team}, {token} (a spare API token of `agent`), {freshCustomer} (a new
 * individual customer per call, for one-way changes), {view} (a workspace view
 * owned by `admin`), {freshView} (a new one per call), {field} (custom field
 * `edition`), {freshField} (a new custom field per call), {calendar} (the default
 * calendar), {freshCalendar} (a new calendar per call), {slaPolicy} (an SLA
 * policy matching no ticket), {freshSlaPolicy} (a new one per call), {rule} (an
 * automation rule matching no ticket), {freshRule} (a new one per call), {mailbox} (a
 * mailbox without IMAP or HTTP door), {freshMailbox} (a new one per call), {messageId} (a URL-encoded
 * Message-ID on the fixture ticket), {inbound} (a stored inbound message of the fixture ticket),
 * {freshInbound} (a new failed one per call), {blob} (an attachment on a public message of the
 * fixture ticket), {freshEntry} (a new message on the fixture ticket per call), {notification} (an
 * in-app notification of `agent`: someone else's for every other caller), {webhook} (a webhook to a
 * closed local port), {freshWebhook} (a new one per call), {dueFrom}/{dueTo} (a range around the fixture
 * ticket's due date).
 */
import type { Access } from "../../src/http/plugins/access.js";

export const CALLERS = ["anon", "custA", "custB", "ro", "agent", "mgr", "admin", "xAgent", "xAdmin"] as const;
export type CallerName = (typeof CALLERS)[number];

export const OK = "ok";
export type Cell = typeof OK | 400 | 401 | 403 | 404 | 409;

export interface CallCtx {
  caller: CallerName;
  /** The caller's own sign-in (the probe account's for the anonymous caller). */
  self: { email: string; password: string; workspace?: string };
  /** A fresh lowercase token, for names and emails that must not collide. */
  unique(tag: string): string;
  /** The fixture ticket's current status. */
  ticketStatus(): Promise<string>;
  fx: { ticketId: string; ticketNumber: string; agentId: string; companyId: string; ticket2Number: string };
}

export interface Row {
  /** `METHOD url` as registered. */
  route: string;
  access: Access;
  path: string;
  cells: Record<CallerName, Cell>;
  body?: (c: CallCtx) => unknown | Promise<unknown>;
  headers?: Record<string, string>;
  /** "session": callers sign in with a password (fresh session per call); API tokens cannot do this. */
  via?: "token" | "session";
  /** Why 400/409 is the expected answer to a caller who passed the access check. */
  note?: string;
}

type Cells = [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
type Extra = Omit<Row, "route" | "access" | "path" | "cells">;

function r(route: string, access: Access, path: string, cells: Cells, extra: Extra = {}): Row {
  const byCaller = Object.fromEntries(CALLERS.map((c, i) => [c, cells[i]])) as Record<CallerName, Cell>;
  return { route, access, path, cells: byCaller, ...extra };
}

/** Open to everyone. */
const ALL: Cells = [OK, OK, OK, OK, OK, OK, OK, OK, OK];
/** Signed in; lists scoped to what the caller may see. */
const SIGNED_IN: Cells = [401, OK, OK, OK, OK, OK, OK, OK, OK];
/** Signed-in changes of one's own account (the read-only token may not). */
const OWN_ACCOUNT: Cells = [401, OK, OK, 403, OK, OK, OK, OK, OK];
/** Staff reads of workspace-wide lists. */
const STAFF_LIST: Cells = [401, 403, 403, OK, OK, OK, OK, OK, OK];
/** Staff reads of one object of the first workspace. */
const STAFF_READ: Cells = [401, 403, 403, OK, OK, OK, OK, 404, 404];
/** Staff changes to one object of the first workspace. */
const STAFF_WRITE: Cells = [401, 403, 403, 403, OK, OK, OK, 404, 404];
/** Staff creates (in the caller's own workspace). */
const STAFF_CREATE: Cells = [401, 403, 403, 403, OK, OK, OK, OK, OK];
/** Manager creates (in the caller's own workspace). */
const MANAGER_CREATE: Cells = [401, 403, 403, 403, 403, OK, OK, 403, OK];
/** Manager reads of workspace-wide lists (the caller's own workspace). */
const MANAGER_LIST: Cells = [401, 403, 403, 403, 403, OK, OK, 403, OK];
/** Manager changes to one object of the first workspace. */
const MANAGER_WRITE: Cells = [401, 403, 403, 403, 403, OK, OK, 403, 404];
/** Superadmin only, acting on the caller's own workspace. */
const SUPERADMIN: Cells = [401, 403, 403, 403, 403, 403, OK, 403, OK];
/** Installation owners: superadmins of the first workspace only. */
const INSTANCE_OWNER: Cells = [401, 403, 403, 403, 403, 403, OK, 403, 403];
/** Changes to a view `agent` sees but does not own: its owner (`admin`) and managers may. */
const VIEW_OWNER_WRITE: Cells = [401, 403, 403, 403, 403, OK, OK, 404, 404];
/** The fixture ticket, custA and company A: custA sees them, custB and other workspaces do not. */
const A_READ: Cells = [401, OK, 404, OK, OK, OK, OK, 404, 404];
const A_COMMENT: Cells = [401, OK, 404, 403, OK, OK, OK, 404, 404];

const toggle = async (c: CallCtx) => ({ status: (await c.ticketStatus()) === "open" ? "in_progress" : "open" });
const login = (c: CallCtx) => ({
  email: c.self.email,
  password: c.self.password,
  ...(c.self.workspace ? { workspace: c.self.workspace } : {}),
});
const preflight = { origin: "https://desk.example", "access-control-request-method": "POST" };

// biome-ignore format: the table is aligned by hand
export const ROUTES: Row[] = [
  // Public: the API description, health, CORS preflight, sign-in and seed 004's intake.
  r("GET /docs",                                 "public", "/docs",                               ALL),
  r("GET /docs/static/index.html",               "public", "/docs/static/index.html",             ALL),
  r("GET /docs/static/swagger-initializer.js",   "public", "/docs/static/swagger-initializer.js", ALL),
  r("GET /docs/static/*",                        "public", "/docs/static/index.css",              ALL),
  r("GET /docs/json",                            "public", "/docs/json",                          ALL),
  r("GET /docs/yaml",                            "public", "/docs/yaml",                          ALL),
  r("OPTIONS *",                                 "public", "/api/v1/tickets",                     ALL, { headers: preflight }),
  r("GET /health",                               "public", "/health",                             ALL),
  r("POST /api/v1/auth/login",                   "public", "/api/v1/auth/login",                  ALL, { body: login }),
  r("POST /api/v1/auth/password-reset",          "public", "/api/v1/auth/password-reset",         ALL,
    { body: (c) => ({ email: c.self.email, ...(c.self.workspace ? { workspace: c.self.workspace } : {}) }) }),
  r("POST /api/v1/auth/password-reset/confirm",  "public", "/api/v1/auth/password-reset/confirm",
    [400, 400, 400, 400, 400, 400, 400, 400, 400],
    { body: () => ({ token: "not-a-reset-token", password: "another long password" }),
      note: "400 auth.reset_token_invalid: the route is public; only a mailed token makes it succeed" }),
  r("POST /api/tickets",                         "public", "/api/tickets",                        ALL,
    { body: (c) => ({ subject: "Cannot log in", message: "Help please", customer_email: `${c.unique("intake")}@mail.test` }) }),
  // The HTTP inbound email door: public, but only a mailbox's inbound secret opens it. No caller here holds
  // one (sessions and API tokens are not inbound secrets), so everyone gets 401; the door itself is tested
  // in test/email/http-inbound.int.test.ts.
  r("POST /api/v1/email/inbound",                "public", "/api/v1/email/inbound",               [401, 401, 401, 401, 401, 401, 401, 401, 401]),
  // Slack's interactions door: its credential is Slack's request signature (none of the callers has one),
  // so everyone gets 401; signed requests are tested in test/notifications/slack-interactions.int.test.ts.
  r("POST /api/v1/slack/interactions",           "public", "/api/v1/slack/interactions",          [401, 401, 401, 401, 401, 401, 401, 401, 401]),

  // Your own account. Password, MFA and token creation need a password session, not an API token.
  //                                                                                              anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/auth/me",                       "authenticated", "/api/v1/auth/me",              SIGNED_IN),
  r("POST /api/v1/auth/logout",                  "authenticated", "/api/v1/auth/logout",          OWN_ACCOUNT, { via: "session" }),
  r("POST /api/v1/auth/logout-all",              "authenticated", "/api/v1/auth/logout-all",      OWN_ACCOUNT, { via: "session" }),
  r("POST /api/v1/auth/password",                "authenticated", "/api/v1/auth/password",        OWN_ACCOUNT,
    { via: "session", body: (c) => ({ currentPassword: c.self.password, newPassword: c.self.password }) }),
  r("POST /api/v1/auth/mfa/enrol",               "authenticated", "/api/v1/auth/mfa/enrol",       OWN_ACCOUNT, { via: "session" }),
  r("POST /api/v1/auth/mfa/verify",              "authenticated", "/api/v1/auth/mfa/verify",      [401, 400, 400, 403, 400, 400, 400, 400, 400],
    { via: "session", body: () => ({ otp: "000000" }), note: "400 auth.otp_invalid: the code is wrong (enrolled in the row above)" }),
  r("POST /api/v1/auth/mfa/disable",             "authenticated", "/api/v1/auth/mfa/disable",     [401, 409, 409, 403, 409, 409, 409, 409, 409],
    { via: "session", body: (c) => ({ password: c.self.password, otp: "000000" }), note: "409 auth.mfa_not_enabled" }),
  r("POST /api/v1/auth/tokens",                  "authenticated", "/api/v1/auth/tokens",          OWN_ACCOUNT,
    { via: "session", body: () => ({ name: "matrix", scope: "read" }) }),
  r("GET /api/v1/auth/tokens",                   "authenticated", "/api/v1/auth/tokens",          SIGNED_IN),
  r("DELETE /api/v1/auth/tokens/:id",            "authenticated", "/api/v1/auth/tokens/{token}",  [401, 404, 404, 403, OK, 404, 404, 404, 404]),

  // Tickets (/api/v1).                                                                           anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("POST /api/v1/tickets",                      "authenticated", "/api/v1/tickets",              [401, OK, OK, 403, OK, OK, OK, OK, OK],
    { body: () => ({ subject: "Matrix probe", requester: "walk-in@mail.test" }) }),
  r("GET /api/v1/tickets",                       "authenticated", "/api/v1/tickets?status=all",   SIGNED_IN),
  r("GET /api/v1/search",                        "authenticated", "/api/v1/search?q=matrix",      SIGNED_IN),
  r("GET /api/v1/search/people",                 "staff", "/api/v1/search/people?q=acme",         STAFF_LIST),
  r("PUT /api/v1/workspace/search-language",     "superadmin", "/api/v1/workspace/search-language", SUPERADMIN,
    { body: () => ({ language: "english" }) }),
  r("GET /api/v1/query/complete",                "authenticated", "/api/v1/query/complete?text=sta", SIGNED_IN),
  r("GET /api/v1/tickets/:ref",                  "authenticated", "/api/v1/tickets/{ticket}",     A_READ),
  r("PATCH /api/v1/tickets/:ref",                "staff", "/api/v1/tickets/{ticket}",             STAFF_WRITE, { body: () => ({ priority: "high" }) }),
  r("POST /api/v1/tickets/:ref/status",          "staff", "/api/v1/tickets/{ticket}/status",      STAFF_WRITE, { body: toggle }),
  r("POST /api/v1/tickets/:ref/assign",          "staff", "/api/v1/tickets/{ticket}/assign",      STAFF_WRITE,
    { body: (c) => ({ assignee: c.fx.agentId }) }),
  r("POST /api/v1/tickets/:ref/escalate",        "staff", "/api/v1/tickets/{ticket}/escalate",    STAFF_WRITE, { body: () => ({ reason: "matrix" }) }),
  r("POST /api/v1/tickets/:ref/messages",        "authenticated", "/api/v1/tickets/{ticket}/messages", A_COMMENT,
    { body: () => ({ body: "A public reply" }) }),
  r("POST /api/v1/tickets/:ref/notes",           "staff", "/api/v1/tickets/{ticket}/notes",       STAFF_WRITE, { body: () => ({ body: "An internal note" }) }),
  r("POST /api/v1/tickets/:ref/tags",            "staff", "/api/v1/tickets/{ticket}/tags",        STAFF_WRITE, { body: () => ({ addTags: ["matrix"] }) }),
  r("GET /api/v1/tickets/:ref/timeline",         "authenticated", "/api/v1/tickets/{ticket}/timeline", A_READ),
  r("GET /api/v1/tickets/:ref/sla",              "staff", "/api/v1/tickets/{ticket}/sla",         STAFF_READ),
  r("GET /api/v1/sla/breached",                  "staff", "/api/v1/sla/breached",                 STAFF_LIST),
  r("GET /api/v1/tickets/:ref/sla/clocks",       "staff", "/api/v1/tickets/{ticket}/sla/clocks",  STAFF_READ),

  // SLA policies.                                                                                anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/sla/policies",                  "staff", "/api/v1/sla/policies",                 STAFF_LIST),
  r("POST /api/v1/sla/policies",                 "manager", "/api/v1/sla/policies",               MANAGER_CREATE,
    { body: (c) => ({ name: c.unique("sla"), condition: "tag: sla-matrix", targets: { resolution: { minutes: 480 } } }) }),
  r("GET /api/v1/sla/policies/:ref",             "staff", "/api/v1/sla/policies/{slaPolicy}",     STAFF_READ),
  r("PATCH /api/v1/sla/policies/:ref",           "manager", "/api/v1/sla/policies/{slaPolicy}",   MANAGER_WRITE, { body: () => ({ warningShare: 0.75 }) }),
  r("DELETE /api/v1/sla/policies/:ref",          "manager", "/api/v1/sla/policies/{freshSlaPolicy}", MANAGER_WRITE),

  // Seed 004's API.                                                                              anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/tickets",                          "staff", "/api/tickets",                         STAFF_LIST),
  r("GET /api/tickets/:id",                      "staff", "/api/tickets/{ticket}",                STAFF_READ),
  r("PUT /api/tickets/:id/status",               "staff", "/api/tickets/{ticket}/status",         STAFF_WRITE, { body: toggle }),
  r("GET /api/analytics",                        "staff", "/api/analytics",                       STAFF_LIST),

  // People.                                                                                      anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/agents",                        "staff", "/api/v1/agents",                       STAFF_LIST),
  r("POST /api/v1/agents",                       "manager", "/api/v1/agents",                     MANAGER_CREATE,
    { body: (c) => ({ email: `${c.unique("agent")}@desk.test`, name: "New agent" }) }),
  r("GET /api/v1/agents/:id",                    "staff", "/api/v1/agents/{agent}",               STAFF_READ),
  r("PATCH /api/v1/agents/:id",                  "manager", "/api/v1/agents/{agent}",             MANAGER_WRITE, { body: () => ({ name: "Target Agent" }) }),
  r("PUT /api/v1/me/availability",               "staff", "/api/v1/me/availability",              STAFF_CREATE, { body: () => ({ availability: "online" }) }),
  r("GET /api/v1/customers",                     "staff", "/api/v1/customers",                    STAFF_LIST),
  r("POST /api/v1/customers",                    "staff", "/api/v1/customers",                    STAFF_CREATE,
    { body: (c) => ({ email: `${c.unique("cust")}@mail.test` }) }),
  r("GET /api/v1/customers/:id",                 "authenticated", "/api/v1/customers/{customer}", A_READ),
  r("PATCH /api/v1/customers/:id",               "staff", "/api/v1/customers/{customer}",         STAFF_WRITE, { body: () => ({ name: "Customer A" }) }),
  r("POST /api/v1/customers/:id/convert",        "manager", "/api/v1/customers/{freshCustomer}/convert", MANAGER_WRITE,
    { body: (c) => ({ company: c.fx.companyId }) }),
  r("GET /api/v1/companies",                     "staff", "/api/v1/companies",                    STAFF_LIST),
  r("POST /api/v1/companies",                    "manager", "/api/v1/companies",                  MANAGER_CREATE, { body: (c) => ({ name: c.unique("co") }) }),
  r("GET /api/v1/companies/:id",                 "authenticated", "/api/v1/companies/{company}",  A_READ),
  r("PATCH /api/v1/companies/:id",               "manager", "/api/v1/companies/{company}",        MANAGER_WRITE, { body: () => ({ sharesTickets: true }) }),
  r("GET /api/v1/teams",                         "staff", "/api/v1/teams",                        STAFF_LIST),
  r("POST /api/v1/teams",                        "manager", "/api/v1/teams",                      MANAGER_CREATE, { body: (c) => ({ name: c.unique("team") }) }),
  r("GET /api/v1/teams/:id",                     "staff", "/api/v1/teams/{team}",                 STAFF_READ),
  r("PATCH /api/v1/teams/:id",                   "manager", "/api/v1/teams/{team}",               MANAGER_WRITE, { body: () => ({ categories: ["billing"] }) }),
  r("PUT /api/v1/teams/:id/members",             "manager", "/api/v1/teams/{team}/members",       MANAGER_WRITE,
    { body: (c) => ({ members: [c.fx.agentId] }) }),
  r("GET /api/v1/roles",                         "staff", "/api/v1/roles",                        STAFF_LIST),

  // Workspaces, reports, audit.                                                                  anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/workspace",                     "authenticated", "/api/v1/workspace",            SIGNED_IN),
  r("PATCH /api/v1/workspace/settings",          "superadmin", "/api/v1/workspace/settings",      SUPERADMIN, { body: () => ({ publicIntake: true }) }),
  r("GET /api/v1/workspaces",                    "superadmin", "/api/v1/workspaces",              INSTANCE_OWNER),
  r("POST /api/v1/workspaces",                   "superadmin", "/api/v1/workspaces",              INSTANCE_OWNER,
    { body: (c) => ({ slug: c.unique("ws"), name: "Provisioned" }) }),
  r("GET /api/v1/reports/summary",               "staff", "/api/v1/reports/summary",              STAFF_LIST),
  r("GET /api/v1/audit",                         "superadmin", "/api/v1/audit",                   SUPERADMIN),

  // Views and custom fields.                                                                     anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/views",                         "staff", "/api/v1/views",                        STAFF_LIST),
  r("POST /api/v1/views",                        "staff", "/api/v1/views",                        STAFF_CREATE,
    { body: (c) => ({ name: c.unique("view"), query: "status: open" }) }),
  r("GET /api/v1/views/:id",                     "staff", "/api/v1/views/{view}",                 STAFF_READ),
  r("PATCH /api/v1/views/:id",                   "staff", "/api/v1/views/{view}",                 VIEW_OWNER_WRITE,
    { body: () => ({ display: { density: "compact" } }) }),
  r("DELETE /api/v1/views/:id",                  "staff", "/api/v1/views/{freshView}",            VIEW_OWNER_WRITE),
  r("GET /api/v1/views/:id/tickets",             "staff", "/api/v1/views/{view}/tickets",         STAFF_READ),
  r("GET /api/v1/custom-fields",                 "staff", "/api/v1/custom-fields",                STAFF_LIST),
  r("POST /api/v1/custom-fields",                "manager", "/api/v1/custom-fields",              MANAGER_CREATE,
    { body: (c) => ({ key: c.unique("cf").replace(/-/g, "_"), label: c.unique("Field"), type: "text" }) }),
  r("PATCH /api/v1/custom-fields/:key",          "manager", "/api/v1/custom-fields/{field}",      MANAGER_WRITE,
    { body: () => ({ options: ["gold", "silver"] }) }),
  r("DELETE /api/v1/custom-fields/:key",         "manager", "/api/v1/custom-fields/{freshField}", MANAGER_WRITE),

  // Classification preview: agents only (a read-only token cannot POST).                        anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("POST /api/v1/classify",                     "staff", "/api/v1/classify",                     STAFF_CREATE,
    { body: () => ({ subject: "URGENT: Database connection failed", description: "Production is down." }) }),

  // Business-hours calendars.                                                                    anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/calendars",                     "staff", "/api/v1/calendars",                    STAFF_LIST),
  r("POST /api/v1/calendars",                    "manager", "/api/v1/calendars",                  MANAGER_CREATE, { body: (c) => ({ name: c.unique("cal") }) }),
  r("GET /api/v1/calendars/:id",                 "staff", "/api/v1/calendars/{calendar}",         STAFF_READ),
  r("PATCH /api/v1/calendars/:id",               "manager", "/api/v1/calendars/{calendar}",       MANAGER_WRITE,
    { body: () => ({ hours: { mon: [{ start: "08:00", end: "16:00" }] } }) }),
  r("DELETE /api/v1/calendars/:id",              "manager", "/api/v1/calendars/{freshCalendar}",  MANAGER_WRITE),
  r("POST /api/v1/calendars/:id/default",        "manager", "/api/v1/calendars/{calendar}/default", MANAGER_WRITE),
  r("POST /api/v1/calendars/:id/holidays/import", "manager", "/api/v1/calendars/{calendar}/holidays/import", MANAGER_WRITE,
    { body: () => ({ ics: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" }) }),

  // Automation rules, dry run and firing log.                                                    anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/automation/rules",              "staff", "/api/v1/automation/rules",             STAFF_LIST),
  r("POST /api/v1/automation/rules",             "manager", "/api/v1/automation/rules",           MANAGER_CREATE,
    { body: (c) => ({ name: c.unique("rule"), trigger: { type: "event", events: ["ticket.created"] }, condition: "tag: rule-matrix", actions: [{ type: "add_tag", tags: ["matrix"] }] }) }),
  r("PUT /api/v1/automation/rules/order",        "manager", "/api/v1/automation/rules/order",     MANAGER_CREATE,
    { body: () => ({ order: ["Resolved for 3 days → auto-close"] }) }),
  r("GET /api/v1/automation/rules/:ref",         "staff", "/api/v1/automation/rules/{rule}",      STAFF_READ),
  r("PATCH /api/v1/automation/rules/:ref",       "manager", "/api/v1/automation/rules/{rule}",    MANAGER_WRITE, { body: () => ({ description: "matrix" }) }),
  r("POST /api/v1/automation/rules/:ref/enable", "manager", "/api/v1/automation/rules/{rule}/enable", MANAGER_WRITE),
  r("POST /api/v1/automation/rules/:ref/disable", "manager", "/api/v1/automation/rules/{rule}/disable", MANAGER_WRITE),
  r("DELETE /api/v1/automation/rules/:ref",      "manager", "/api/v1/automation/rules/{freshRule}", MANAGER_WRITE),
  r("POST /api/v1/automation/test",              "manager", "/api/v1/automation/test",            MANAGER_WRITE,
    { body: (c) => ({ rule: "Resolved for 3 days → auto-close", ticket: c.fx.ticketNumber }) }),
  r("GET /api/v1/automation/firings",            "staff", "/api/v1/automation/firings",           STAFF_LIST),
  r("GET /api/v1/tickets/:ref/firings",          "staff", "/api/v1/tickets/{ticket}/firings",     STAFF_READ),

  // Mailboxes: managers and superadmins only; a mailbox of another workspace is not found.          anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/email/mailboxes",               "manager", "/api/v1/email/mailboxes",            MANAGER_LIST),
  r("POST /api/v1/email/mailboxes",              "manager", "/api/v1/email/mailboxes",            MANAGER_CREATE,
    { body: (c) => ({ address: `${c.unique("mbx")}@desk.test`, displayName: "Matrix" }) }),
  r("GET /api/v1/email/mailboxes/:mailbox",      "manager", "/api/v1/email/mailboxes/{mailbox}",  MANAGER_WRITE),
  r("PATCH /api/v1/email/mailboxes/:mailbox",    "manager", "/api/v1/email/mailboxes/{mailbox}",  MANAGER_WRITE, { body: () => ({ displayName: "Support" }) }),
  r("DELETE /api/v1/email/mailboxes/:mailbox",   "manager", "/api/v1/email/mailboxes/{freshMailbox}", MANAGER_WRITE),
  r("POST /api/v1/email/mailboxes/:mailbox/test", "manager", "/api/v1/email/mailboxes/{mailbox}/test", MANAGER_WRITE),

  // Where a message went (agents), stored inbound mail (lists and retries: managers), moving and
  // splitting messages, attachment downloads.                                                      anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/email/messages/:messageId",     "staff", "/api/v1/email/messages/{messageId}",   STAFF_READ),
  r("GET /api/v1/email/inbound",                 "manager", "/api/v1/email/inbound?status=failed", MANAGER_LIST),
  r("GET /api/v1/email/inbound/:id",             "staff", "/api/v1/email/inbound/{inbound}",      STAFF_READ),
  r("POST /api/v1/email/inbound/:id/retry",      "manager", "/api/v1/email/inbound/{freshInbound}/retry", MANAGER_WRITE),
  r("POST /api/v1/tickets/:ref/entries/:entryId/move", "staff", "/api/v1/tickets/{ticket}/entries/{freshEntry}/move", STAFF_WRITE,
    { body: (c) => ({ ticket: c.fx.ticket2Number }) }),
  r("POST /api/v1/tickets/:ref/entries/:entryId/split", "staff", "/api/v1/tickets/{ticket}/entries/{freshEntry}/split", STAFF_WRITE,
    { body: () => ({ subject: "Split by the matrix" }) }),
  r("GET /api/v1/tickets/:ref/attachments/:blobId", "authenticated", "/api/v1/tickets/{ticket}/attachments/{blob}", A_READ),

  // Notifications: each agent their own (someone else's is not found); customers have none. The stream
  // stays open; `?once=true` sends the unread count and closes. The delivery log: managers.        anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/notifications",                 "staff", "/api/v1/notifications?unread=true",    STAFF_LIST),
  r("POST /api/v1/notifications/:id/read",       "staff", "/api/v1/notifications/{notification}/read", [401, 403, 403, 403, OK, 404, 404, 404, 404]),
  r("POST /api/v1/notifications/read-all",       "staff", "/api/v1/notifications/read-all",       STAFF_CREATE),
  r("GET /api/v1/notifications/stream",          "staff", "/api/v1/notifications/stream?once=true", STAFF_LIST),
  r("GET /api/v1/notifications/deliveries",      "manager", "/api/v1/notifications/deliveries?channel=in_app", MANAGER_LIST),
  r("GET /api/v1/notifications/templates",       "manager", "/api/v1/notifications/templates",    MANAGER_LIST),
  r("PUT /api/v1/notifications/templates/:kind/:channel", "manager", "/api/v1/notifications/templates/ticket.updated/email", MANAGER_CREATE,
    { body: () => ({ subject: "{{title}}", body: "{{text}}\n{{url}}" }) }),
  r("DELETE /api/v1/notifications/templates/:kind/:channel", "manager", "/api/v1/notifications/templates/ticket.updated/email", MANAGER_CREATE),
  r("GET /api/v1/me/notification-preferences",   "staff", "/api/v1/me/notification-preferences",  STAFF_LIST),
  r("PUT /api/v1/me/notification-preferences",   "staff", "/api/v1/me/notification-preferences",  STAFF_CREATE,
    { body: () => ({ emailBatchMinutes: 0, channels: { "ticket.updated": { email: false } } }) }),

  // Live updates for agents' screens (`?once=true`: the unread count, then the stream ends), presence,
  // the calendar of due tickets, and first-run setup (done: `admin` is the desk's superadmin).       anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/stream",                        "staff", "/api/v1/stream?once=true",             STAFF_LIST),
  r("POST /api/v1/tickets/:ref/presence",        "staff", "/api/v1/tickets/{ticket}/presence",    STAFF_WRITE, { body: () => ({ state: "viewing" }) }),
  r("GET /api/v1/calendar/tickets",              "staff", "/api/v1/calendar/tickets?from={dueFrom}&to={dueTo}", STAFF_LIST),
  r("GET /api/v1/setup",                         "public", "/api/v1/setup",                       ALL),
  r("POST /api/v1/setup",                        "public", "/api/v1/setup",                       [409, 409, 409, 409, 409, 409, 409, 409, 409],
    { body: (c) => ({ name: "Second admin", email: `${c.unique("setup")}@desk.test`, password: "a long enough password" }),
      note: "409 setup.done: the route is public; it creates only the first superadmin, and the desk has one" }),

  // Webhooks: managers and superadmins only; a webhook of another workspace is not found.           anon custA custB ro   agent mgr  admin xAgent xAdmin
  r("GET /api/v1/webhooks",                      "manager", "/api/v1/webhooks",                   MANAGER_LIST),
  r("POST /api/v1/webhooks",                     "manager", "/api/v1/webhooks",                   MANAGER_CREATE,
    { body: (c) => ({ name: c.unique("hook"), url: "https://hooks.example.com/matrix", events: ["ticket.created"] }) }),
  r("GET /api/v1/webhooks/:id",                  "manager", "/api/v1/webhooks/{webhook}",         MANAGER_WRITE),
  r("PATCH /api/v1/webhooks/:id",                "manager", "/api/v1/webhooks/{webhook}",         MANAGER_WRITE, { body: () => ({ name: "Matrix" }) }),
  r("DELETE /api/v1/webhooks/:id",               "manager", "/api/v1/webhooks/{freshWebhook}",    MANAGER_WRITE),
  r("GET /api/v1/webhooks/:id/deliveries",       "manager", "/api/v1/webhooks/{webhook}/deliveries", MANAGER_WRITE),
  r("POST /api/v1/webhooks/:id/test",            "manager", "/api/v1/webhooks/{webhook}/test",    MANAGER_WRITE),
  r("POST /api/v1/webhooks/:id/rotate-secret",   "manager", "/api/v1/webhooks/{webhook}/rotate-secret", MANAGER_WRITE),
];

/**
 * Known defects, written as the CORRECT expectation. The matrix asserts each
 * one still fails, so fixing the code makes the test fail until the entry is
 * removed here (and, for a status, the cell above is updated).
 */
export interface ExpectedFailure {
  route: string;
  caller: CallerName;
  /** "leak": the body must contain no id, number or email of the first workspace. */
  expect: "no-leak" | Cell;
  why: string;
}

export const EXPECTED_FAILURES: ExpectedFailure[] = [];
