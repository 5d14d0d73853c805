/**
 * Password reset by emailed token (the log transport until email lands): the same
 * 202 answer for every email, a token that works once and for an hour, sessions
 * ended on success, and an audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/lib/auth-service.js";
import {
  type AuthTestEnv,
  agentWithPassword,
  auditRows,
  cookieHeader,
  HOUR,
  nextIp,
  openAuthEnv,
  PASSWORD,
  signIn,
  uniqueEmail,
} from "./helpers.js";

let env: AuthTestEnv;

beforeAll(async () => {
  env = await openAuthEnv();
});
afterAll(async () => {
  await env?.close();
});

const NEW_PASSWORD = "a completely new passphrase";

const requestReset = (payload: Record<string, unknown>) =>
  env.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload, remoteAddress: nextIp() });
const confirm = (payload: Record<string, unknown>) =>
  env.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/confirm", payload, remoteAddress: nextIp() });

/** The token in the last message the log mailer wrote to `email`. */
function tokenMailedTo(email: string): string {
  const message = env.mail.filter((m) => m.to === email).at(-1);
  expect(message, `no mail to ${email}`).toBeDefined();
  const match = /reset token[^:]*: ([A-Za-z0-9_-]{43})/.exec(message?.text ?? "");
  expect(match, message?.text).not.toBeNull();
  return match?.[1] ?? "";
}

describe("POST /api/v1/auth/password-reset", () => {
  it("answers 202 with the same body whether or not the email can sign in, and mails only real accounts", async () => {
    const agent = await agentWithPassword(env);
    const stranger = uniqueEmail("stranger");
    const known = await requestReset({ email: agent.email });
    const unknown = await requestReset({ email: stranger });
    const otherWorkspace = await requestReset({ email: agent.email, workspace: "no-such-workspace" });
    expect(known.statusCode).toBe(202);
    for (const res of [unknown, otherWorkspace]) {
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe(known.body);
    }
    expect(env.mail.filter((m) => m.to === agent.email)).toHaveLength(1);
    expect(env.mail.filter((m) => m.to === stranger)).toHaveLength(0);
    const stored = await env.testDesk.desk.database.executeSql(
      "select r.token_hash from password_resets r join logins l on l.id = r.login_id where l.person_id = $1",
      [agent.id],
    );
    expect(stored.rows).toEqual([{ token_hash: hashToken(tokenMailedTo(agent.email)) }]);
    const requested = await auditRows(env, "auth.password_reset_requested");
    expect(requested.filter((r) => r.actor.email === agent.email)).toEqual([
      expect.objectContaining({
        outcome: "ok",
        actor: { type: "anonymous", id: null, email: agent.email },
        target_type: "login",
      }),
      expect.objectContaining({ outcome: "failed", details: { reason: "unknown_workspace" } }),
    ]);
    expect(requested.filter((r) => r.actor.email === stranger)).toEqual([
      expect.objectContaining({ outcome: "failed", details: { reason: "unknown_email" } }),
    ]);
  });

  it("lets a customer who wrote in (and has no password) set one by email and sign in to the portal", async () => {
    const email = uniqueEmail("customer");
    await env.testDesk.desk.people.createCustomer({ email, name: "Portal User" });
    await requestReset({ email });
    expect((await confirm({ token: tokenMailedTo(email), password: NEW_PASSWORD })).statusCode).toBe(204);
    const s = await signIn(env.app, { email, password: NEW_PASSWORD });
    expect(s.res.json().user).toMatchObject({ type: "customer", role: "customer", email, name: "Portal User" });
    const me = await env.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: s.headers });
    expect(me.json().permissions).toEqual(expect.arrayContaining(["ticket:create", "ticket:list"]));
    expect(me.json().permissions).not.toContain("ticket:assign");
  });

  it("lets an agent who has no password yet set one by email", async () => {
    const email = uniqueEmail("newcomer");
    await env.testDesk.desk.people.createAgent({ email, name: "Newcomer" });
    await requestReset({ email });
    expect((await confirm({ token: tokenMailedTo(email), password: NEW_PASSWORD })).statusCode).toBe(204);
    await signIn(env.app, { email, password: NEW_PASSWORD });
  });
});

describe("POST /api/v1/auth/password-reset/confirm", () => {
  it("sets the password with the mailed token, ends every session, and the token works only once", async () => {
    const agent = await agentWithPassword(env);
    const before = await signIn(env.app, { email: agent.email, password: PASSWORD });
    await requestReset({ email: agent.email });
    const token = tokenMailedTo(agent.email);
    const res = await confirm({ token, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(204);
    const me = await env.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { cookie: cookieHeader(before.cookie) },
    });
    expect(me.statusCode).toBe(401);
    const old = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: agent.email, password: PASSWORD },
      remoteAddress: nextIp(),
    });
    expect(old.statusCode).toBe(401);
    await signIn(env.app, { email: agent.email, password: NEW_PASSWORD });

    const reused = await confirm({ token, password: "yet another passphrase" });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error).toMatchObject({ code: "auth.reset_token_invalid", field: "token" });
    const completed = (await auditRows(env, "auth.password_reset_completed")).filter((r) => r.actor.id === agent.id);
    expect(completed).toHaveLength(1);
  });

  it("refuses a token older than an hour", async () => {
    const agent = await agentWithPassword(env);
    await requestReset({ email: agent.email });
    const token = tokenMailedTo(agent.email);
    env.clock.advance(2 * HOUR);
    const res = await confirm({ token, password: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("auth.reset_token_invalid");
    await signIn(env.app, { email: agent.email, password: PASSWORD });
  });

  it("refuses an unknown token", async () => {
    const res = await confirm({ token: "x".repeat(43), password: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("auth.reset_token_invalid");
  });

  it("keeps the token usable when the new password breaks the policy", async () => {
    const agent = await agentWithPassword(env);
    await requestReset({ email: agent.email });
    const token = tokenMailedTo(agent.email);
    const short = await confirm({ token, password: "short" });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe("password");
    const isEmail = await confirm({ token, password: agent.email });
    expect(isEmail.statusCode).toBe(400);
    expect(isEmail.json().error.code).toBe("auth.password_is_email");
    expect((await confirm({ token, password: NEW_PASSWORD })).statusCode).toBe(204);
  });

  it("voids the account's other reset tokens when one is used", async () => {
    const agent = await agentWithPassword(env);
    await requestReset({ email: agent.email });
    const first = tokenMailedTo(agent.email);
    await requestReset({ email: agent.email });
    const second = tokenMailedTo(agent.email);
    expect(second).not.toBe(first);
    expect((await confirm({ token: second, password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await confirm({ token: first, password: "yet another passphrase" })).statusCode).toBe(400);
  });

  it("clears a lock: the new password works at once", async () => {
    const agent = await agentWithPassword(env);
    const ip = nextIp();
    for (let i = 0; i < 5; i++) {
      await env.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: agent.email, password: `wrong ${i}` },
        remoteAddress: ip,
      });
    }
    await requestReset({ email: agent.email });
    expect((await confirm({ token: tokenMailedTo(agent.email), password: NEW_PASSWORD })).statusCode).toBe(204);
    await signIn(env.app, { email: agent.email, password: NEW_PASSWORD }, ip);
  });
});
