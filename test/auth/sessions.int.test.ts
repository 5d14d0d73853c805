/**
 * Sign-in with a session cookie: the cookie's flags, /me, CSRF on cookie-authenticated
 * writes, session fixation, logout, logout everywhere, idle and absolute expiry, and
 * changing one's password.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
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
} from "./helpers.js";

let env: AuthTestEnv;

beforeAll(async () => {
  env = await openAuthEnv();
});
afterAll(async () => {
  await env?.close();
});

const me = (headers: Record<string, string>) => env.app.inject({ method: "GET", url: "/api/v1/auth/me", headers });

describe("POST /api/v1/auth/login", () => {
  it("sets a signed HttpOnly, SameSite=Lax session cookie for the whole site and returns the user and a CSRF token", async () => {
    const agent = await agentWithPassword(env, { role: "manager" });
    const s = await signIn(env.app, { email: agent.email.toUpperCase(), password: PASSWORD });
    const cookie = s.res.cookies.find((c) => c.name === "helpline_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/_-]+$/);
    const expires = cookie?.expires as Date;
    expect(expires.getTime() - env.clock.now().getTime()).toBeGreaterThan(29 * 24 * HOUR);
    const body = s.res.json();
    expect(body).toEqual({
      user: { id: agent.id, type: "agent", role: "manager", email: agent.email, name: expect.any(String) },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: new Date(env.clock.now().getTime() + 30 * 24 * HOUR).toISOString(),
    });
    expect(s.res.headers["cache-control"]).toBe("no-store");
  });

  it("marks the cookie Secure when the request came over https (behind a trusted proxy)", async () => {
    const agent = await agentWithPassword(env);
    const proxied = await buildServer({ desk: env.testDesk.desk, logLevel: "silent", trustProxy: true });
    try {
      const res = await proxied.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: agent.email, password: PASSWORD },
        headers: { "x-forwarded-proto": "https", "x-forwarded-for": nextIp() },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === "helpline_session")?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it("rejects unknown fields and names them", async () => {
    const res = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "a@b.test", password: "x", remember: true },
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "input.invalid", field: "remember" });
  });

  it("records the sign-in in the audit log with the address and user agent", async () => {
    const agent = await agentWithPassword(env);
    const ip = nextIp();
    await signIn(env.app, { email: agent.email, password: PASSWORD }, ip);
    const rows = (await auditRows(env, "auth.login")).filter((r) => r.actor.id === agent.id);
    expect(rows).toEqual([
      expect.objectContaining({
        outcome: "ok",
        actor: { type: "agent", id: agent.id, email: agent.email },
        ip,
        user_agent: "auth-tests/1.0",
        details: { method: "password" },
      }),
    ]);
  });
});

describe("GET /api/v1/auth/me", () => {
  it("answers the signed-in person, their CSRF token, MFA state and permissions", async () => {
    const agent = await agentWithPassword(env, { role: "agent" });
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const res = await me({ cookie: cookieHeader(s.cookie) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      user: { id: agent.id, type: "agent", role: "agent", email: agent.email },
      via: "session",
      scope: "write",
      csrfToken: s.csrfToken,
      mfaEnabled: false,
    });
    expect(body.permissions).toContain("ticket:assign");
    expect(body.permissions).not.toContain("people:manage");
  });

  it("answers 401 without a session, and with a cookie whose signature is wrong", async () => {
    expect((await me({})).statusCode).toBe(401);
    const agent = await agentWithPassword(env);
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const [token] = s.cookie.split(".");
    const forged = await me({ cookie: cookieHeader(`${token}.forgedsignature`) });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe("auth.required");
  });
});

describe("CSRF", () => {
  it("refuses a cookie-authenticated change without x-csrf-token, and with a wrong one", async () => {
    const agent = await agentWithPassword(env);
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const payload = { name: "laptop", scope: "read" };
    for (const headers of [
      { cookie: cookieHeader(s.cookie) },
      { cookie: cookieHeader(s.cookie), "x-csrf-token": "nope" },
    ]) {
      const res = await env.app.inject({ method: "POST", url: "/api/v1/auth/tokens", headers, payload });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("auth.csrf");
    }
    const listed = await env.app.inject({
      method: "GET",
      url: "/api/v1/auth/tokens",
      headers: { cookie: cookieHeader(s.cookie) },
    });
    expect(listed.json().items).toEqual([]);
  });

  it("allows the change with the session's token", async () => {
    const agent = await agentWithPassword(env);
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const res = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: s.headers,
      payload: { name: "laptop", scope: "read" },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe("session fixation", () => {
  it("never adopts a session token the client brought: sign-in issues a fresh one", async () => {
    const agent = await agentWithPassword(env);
    const planted = env.app.signCookie("attacker-chosen-session-token-aaaaaaaaaaaaaaaaa");
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD }, nextIp(), {
      cookie: cookieHeader(planted),
    });
    expect(s.cookie).not.toBe(planted);
    expect(s.cookie.split(".")[0]).not.toBe("attacker-chosen-session-token-aaaaaaaaaaaaaaaaa");
    expect((await me({ cookie: cookieHeader(planted) })).statusCode).toBe(401);
    expect((await me({ cookie: cookieHeader(s.cookie) })).statusCode).toBe(200);
  });

  it("ends the session the client held when it signs in again", async () => {
    const agent = await agentWithPassword(env);
    const first = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const second = await signIn(env.app, { email: agent.email, password: PASSWORD }, nextIp(), first.headers);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await me({ cookie: cookieHeader(first.cookie) })).statusCode).toBe(401);
    expect((await me({ cookie: cookieHeader(second.cookie) })).statusCode).toBe(200);
  });
});

describe("logout", () => {
  it("ends the session and clears the cookie; the old cookie no longer works", async () => {
    const agent = await agentWithPassword(env);
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const res = await env.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: s.headers });
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === "helpline_session");
    expect(cleared?.value).toBe("");
    expect((await me({ cookie: cookieHeader(s.cookie) })).statusCode).toBe(401);
    const rows = (await auditRows(env, "auth.logout")).filter((r) => r.actor.id === agent.id);
    expect(rows).toHaveLength(1);
  });

  it("logout-all ends every session of the account, the other devices' too", async () => {
    const agent = await agentWithPassword(env);
    const other = await agentWithPassword(env);
    const laptop = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const phone = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const colleague = await signIn(env.app, { email: other.email, password: PASSWORD });
    const res = await env.app.inject({ method: "POST", url: "/api/v1/auth/logout-all", headers: laptop.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessionsEnded: 2 });
    expect((await me({ cookie: cookieHeader(laptop.cookie) })).statusCode).toBe(401);
    expect((await me({ cookie: cookieHeader(phone.cookie) })).statusCode).toBe(401);
    expect((await me({ cookie: cookieHeader(colleague.cookie) })).statusCode).toBe(200);
    const rows = (await auditRows(env, "auth.logout_all")).filter((r) => r.actor.id === agent.id);
    expect(rows[0]?.details).toEqual({ sessionsEnded: 2 });
  });
});

describe("expiry", () => {
  it("rejects a session idle for more than 12 hours", async () => {
    const agent = await agentWithPassword(env);
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    env.clock.advance(11 * HOUR);
    expect((await me({ cookie: cookieHeader(s.cookie) })).statusCode).toBe(200);
    env.clock.advance(12 * HOUR + 60_000);
    expect((await me({ cookie: cookieHeader(s.cookie) })).statusCode).toBe(401);
  });

  it("rejects a session older than 30 days however often it is used", async () => {
    const agent = await agentWithPassword(env);
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    // Used every 10 hours (never idle for 12), it still ends 30 days after sign-in.
    for (let elapsed = 10 * HOUR; elapsed < 30 * 24 * HOUR; elapsed += 10 * HOUR) {
      env.clock.advance(10 * HOUR);
      expect((await me({ cookie: cookieHeader(s.cookie) })).statusCode, `after ${elapsed / HOUR} h`).toBe(200);
    }
    env.clock.advance(10 * HOUR);
    expect((await me({ cookie: cookieHeader(s.cookie) })).statusCode).toBe(401);
  });
});

describe("POST /api/v1/auth/password", () => {
  it("changes the password with the current one and ends the account's other sessions", async () => {
    const agent = await agentWithPassword(env);
    const here = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const elsewhere = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const wrong = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers: here.headers,
      payload: { currentPassword: "not my password", newPassword: "a brand new passphrase" },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("auth.invalid_credentials");
    const res = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers: here.headers,
      payload: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
    });
    expect(res.statusCode).toBe(204);
    expect((await me({ cookie: cookieHeader(here.cookie) })).statusCode).toBe(200);
    expect((await me({ cookie: cookieHeader(elsewhere.cookie) })).statusCode).toBe(401);
    await signIn(env.app, { email: agent.email, password: "a brand new passphrase" });
  });

  it("refuses a password that is too short or is the email address, naming the field", async () => {
    const agent = await agentWithPassword(env);
    const s = await signIn(env.app, { email: agent.email, password: PASSWORD });
    const short = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers: s.headers,
      payload: { currentPassword: PASSWORD, newPassword: "short" },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe("newPassword");
    const email = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers: s.headers,
      payload: { currentPassword: PASSWORD, newPassword: agent.email.toUpperCase() },
    });
    expect(email.statusCode).toBe(400);
    expect(email.json().error).toMatchObject({ code: "auth.password_is_email", field: "newPassword" });
  });
});
