/**
 * Shared set-up for the sign-in tests: one desk per file on a fixed clock,
 * an HTTP app over it, mail captured from the desk's log (the log transport),
 * and helpers to sign in and to read the audit log.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildServer } from "../../src/http/server.js";
import { fixedClock } from "../../src/lib/index.js";
import { openTestDesk, type TestDesk } from "../harness.js";

export const PASSWORD = "correct horse battery staple";
export const START = new Date("2026-03-02T09:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface AuthTestEnv {
  testDesk: TestDesk;
  app: FastifyInstance;
  clock: ReturnType<typeof fixedClock>;
  /** Messages the desk's log mailer wrote, oldest first. */
  mail: Mail[];
  close(): Promise<void>;
}

export async function openAuthEnv(opts: Parameters<typeof openTestDesk>[0] = {}): Promise<AuthTestEnv> {
  const clock = fixedClock(START);
  const mail: Mail[] = [];
  const testDesk = await openTestDesk({
    clock,
    ...opts,
    log: (_msg, extra) => {
      if (extra?.transport === "log") mail.push(extra as unknown as Mail);
    },
  });
  const app = await buildServer({ desk: testDesk.desk, logLevel: "silent" });
  await app.ready();
  return {
    testDesk,
    app,
    clock,
    mail,
    async close() {
      await app.close();
      await testDesk.close();
    },
  };
}

let ipCounter = 0;
/** A client address of its own, so per-IP rate limits of one test do not spill into another. */
export function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export const uniqueEmail = (tag: string) => `${tag}-${randomBytes(4).toString("hex")}@desk.test`;

/** An agent with a password. */
export async function agentWithPassword(
  env: AuthTestEnv,
  opts: { role?: "agent" | "manager" | "superadmin"; password?: string; email?: string } = {},
) {
  const { desk } = env.testDesk;
  const email = opts.email ?? uniqueEmail(opts.role ?? "agent");
  const agent = await desk.people.createAgent({
    email,
    name: `Agent ${email.slice(0, 10)}`,
    role: opts.role ?? "agent",
  });
  await desk.auth.setPassword({ personType: "agent", personId: agent.id, password: opts.password ?? PASSWORD });
  return { id: agent.id, email, password: opts.password ?? PASSWORD };
}

export interface Session {
  res: LightMyRequestResponse;
  /** The signed cookie value, as the browser stores it. */
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated request (with the CSRF token). */
  headers: Record<string, string>;
}

export function cookieHeader(value: string): string {
  return `helpline_session=${value}`;
}

/** POST /api/v1/auth/login; throws unless it succeeded. */
export async function signIn(
  app: FastifyInstance,
  body: Record<string, unknown>,
  ip = nextIp(),
  extraHeaders: Record<string, string> = {},
): Promise<Session> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: body,
    remoteAddress: ip,
    headers: { "user-agent": "auth-tests/1.0", ...extraHeaders },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "helpline_session");
  if (!cookie) throw new Error("no session cookie");
  const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
  return {
    res,
    cookie: cookie.value,
    csrfToken,
    headers: { cookie: cookieHeader(cookie.value), "x-csrf-token": csrfToken },
  };
}

export interface AuditRow {
  action: string;
  outcome: string;
  actor: { type: string; id: string | null; email?: string };
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

/** Audit rows with this action, oldest first. */
export async function auditRows(env: AuthTestEnv, action: string): Promise<AuditRow[]> {
  const res = await env.testDesk.desk.database.executeSql(
    "select action, outcome, actor, target_type, target_id, ip, user_agent, details from audit_log where action = $1 order by id",
    [action],
  );
  return res.rows.map((r) => ({
    ...(r as unknown as AuditRow),
    actor: typeof r.actor === "string" ? JSON.parse(r.actor) : (r.actor as AuditRow["actor"]),
    details: typeof r.details === "string" ? JSON.parse(r.details) : (r.details as AuditRow["details"]),
  }));
}
