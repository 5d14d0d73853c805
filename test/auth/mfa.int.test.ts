/**
 * TOTP MFA: enrol (secret stored encrypted), verify (turns it on, ten recovery codes
 * shown once and stored hashed), sign-in needing a code, each code working once,
 * recovery codes working once, disabling with password and code.
 */
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/lib/auth-service.js";
import {
  type AuthTestEnv,
  agentWithPassword,
  auditRows,
  nextIp,
  openAuthEnv,
  PASSWORD,
  type Session,
  signIn,
} from "./helpers.js";

let env: AuthTestEnv;

beforeAll(async () => {
  env = await openAuthEnv();
});
afterAll(async () => {
  await env?.close();
});

/** The code an authenticator app shows now (by the desk's clock). */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(env.clock.now().getTime() / 1000) });
/** Moves to the next 30-second step: each code works once. */
const nextStep = () => env.clock.advance(30_000);

const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  env.app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });
const login = (payload: Record<string, unknown>) =>
  env.app.inject({ method: "POST", url: "/api/v1/auth/login", payload, remoteAddress: nextIp() });

/** An agent with MFA on: their secret, recovery codes and a session. */
async function agentWithMfa() {
  const agent = await agentWithPassword(env);
  const session = await signIn(env.app, { email: agent.email, password: PASSWORD });
  const enrol = await post("/api/v1/auth/mfa/enrol", session.headers);
  const { secret } = enrol.json<{ secret: string }>();
  const verify = await post("/api/v1/auth/mfa/verify", session.headers, { otp: await codeNow(secret) });
  expect(verify.statusCode, verify.body).toBe(200);
  nextStep();
  return { agent, session, secret, recoveryCodes: verify.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

describe("enrolment", () => {
  let agent: Awaited<ReturnType<typeof agentWithPassword>>;
  let session: Session;
  let secret: string;

  beforeAll(async () => {
    agent = await agentWithPassword(env);
    session = await signIn(env.app, { email: agent.email, password: PASSWORD });
  });

  it("returns a secret and an otpauth:// URL, stores the secret encrypted, and does not enforce it yet", async () => {
    const res = await post("/api/v1/auth/mfa/enrol", session.headers);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ secret: string; otpauthUrl: string }>();
    secret = body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(body.otpauthUrl).toContain(`secret=${secret}`);
    expect(decodeURIComponent(body.otpauthUrl)).toContain(agent.email);
    const stored = await env.testDesk.desk.database.executeSql(
      "select mfa_secret, mfa_enabled_at from logins where person_id = $1",
      [agent.id],
    );
    const row = stored.rows[0] as { mfa_secret: string; mfa_enabled_at: unknown };
    expect(row.mfa_secret).toMatch(/^v1\./);
    expect(row.mfa_secret).not.toContain(secret);
    expect(row.mfa_enabled_at).toBeNull();
    const me = await env.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: session.headers });
    expect(me.json().mfaEnabled).toBe(false);
    expect((await login({ email: agent.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it("refuses a wrong first code", async () => {
    const res = await post("/api/v1/auth/mfa/verify", session.headers, { otp: "000000" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "auth.otp_invalid", field: "otp" });
  });

  it("turns MFA on with a right code and returns ten recovery codes, stored hashed", async () => {
    const res = await post("/api/v1/auth/mfa/verify", session.headers, { otp: await codeNow(secret) });
    expect(res.statusCode).toBe(200);
    const { recoveryCodes } = res.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await env.testDesk.desk.database.executeSql(
      "select code_hash from mfa_recovery_codes c join logins l on l.id = c.login_id where l.person_id = $1",
      [agent.id],
    );
    const hashes = stored.rows.map((r) => r.code_hash);
    expect(hashes).toHaveLength(10);
    expect(hashes).toContain(hashToken((recoveryCodes[0] ?? "").replace("-", "")));
    expect(JSON.stringify(stored.rows)).not.toContain(recoveryCodes[0]);
    const me = await env.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: session.headers });
    expect(me.json().mfaEnabled).toBe(true);
    const enrolled = (await auditRows(env, "auth.mfa_enrolled")).filter((r) => r.actor.id === agent.id);
    const enabled = (await auditRows(env, "auth.mfa_enabled")).filter((r) => r.actor.id === agent.id);
    expect(enrolled).toHaveLength(1);
    expect(enabled).toHaveLength(1);
  });

  it("cannot be started with an API token", async () => {
    const created = await post("/api/v1/auth/tokens", session.headers, { name: "t", scope: "write" });
    const res = await post("/api/v1/auth/mfa/enrol", { authorization: `Bearer ${created.json().token}` });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("auth.session_required");
  });
});

describe("signing in with MFA on", () => {
  it("asks for the code (401 auth.otp_required) when the password is right and no code is given", async () => {
    const { agent } = await agentWithMfa();
    const res = await login({ email: agent.email, password: PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("auth.otp_required");
    expect(res.cookies).toEqual([]);
  });

  it("answers a wrong code like a wrong password", async () => {
    const { agent } = await agentWithMfa();
    const wrongCode = await login({ email: agent.email, password: PASSWORD, otp: "123456" });
    const wrongPassword = await login({ email: agent.email, password: "not the password", otp: "123456" });
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.body).toBe(wrongPassword.body);
  });

  it("signs in with the current code, which then works only once", async () => {
    const { agent, secret } = await agentWithMfa();
    const otp = await codeNow(secret);
    const ok = await login({ email: agent.email, password: PASSWORD, otp });
    expect(ok.statusCode).toBe(200);
    const replay = await login({ email: agent.email, password: PASSWORD, otp });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe("auth.invalid_credentials");
    nextStep();
    expect((await login({ email: agent.email, password: PASSWORD, otp: await codeNow(secret) })).statusCode).toBe(200);
    const rows = (await auditRows(env, "auth.login")).filter((r) => r.actor.id === agent.id && r.outcome === "ok");
    expect(rows.at(-1)?.details).toEqual({ method: "password+totp" });
  });

  it("accepts a recovery code instead, once", async () => {
    const { agent, recoveryCodes } = await agentWithMfa();
    const code = recoveryCodes[3] ?? "";
    const ok = await login({ email: agent.email, password: PASSWORD, otp: code.toLowerCase() });
    expect(ok.statusCode).toBe(200);
    const again = await login({ email: agent.email, password: PASSWORD, otp: code });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe("auth.invalid_credentials");
    const used = (await auditRows(env, "auth.mfa_recovery_code_used")).filter((r) => r.actor.id === agent.id);
    expect(used).toEqual([expect.objectContaining({ outcome: "ok", details: { left: 9 } })]);
  });

  it("counts wrong codes towards the lock", async () => {
    const { agent, secret } = await agentWithMfa();
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: agent.email, password: PASSWORD, otp: `00000${i}` })).statusCode).toBe(401);
    }
    const locked = await login({ email: agent.email, password: PASSWORD, otp: await codeNow(secret) });
    expect(locked.statusCode).toBe(429);
    env.clock.advance(61_000);
  });
});

describe("disabling MFA", () => {
  it("needs the password and a code; then sign-in needs no code", async () => {
    const { agent, session, secret } = await agentWithMfa();
    const wrong = await post("/api/v1/auth/mfa/disable", session.headers, {
      password: "not the password",
      otp: await codeNow(secret),
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("auth.invalid_credentials");
    const res = await post("/api/v1/auth/mfa/disable", session.headers, {
      password: PASSWORD,
      otp: await codeNow(secret),
    });
    expect(res.statusCode).toBe(204);
    expect((await login({ email: agent.email, password: PASSWORD })).statusCode).toBe(200);
    const left = await env.testDesk.desk.database.executeSql(
      "select count(*)::int as n from mfa_recovery_codes c join logins l on l.id = c.login_id where l.person_id = $1",
      [agent.id],
    );
    expect(left.rows[0]?.n).toBe(0);
    const rows = (await auditRows(env, "auth.mfa_disabled")).filter((r) => r.actor.id === agent.id);
    expect(rows.map((r) => r.outcome)).toEqual(["failed", "ok"]);
  });
});
