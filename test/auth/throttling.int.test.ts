/**
 * Failed sign-ins: one answer whether or not the email exists (same status, same
 * body, a password hash either way), the lock after five failures in a row with
 * 429 + Retry-After, its doubling and its end, and the per-IP limit on the route.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type AuthTestEnv,
  agentWithPassword,
  auditRows,
  MINUTE,
  nextIp,
  openAuthEnv,
  PASSWORD,
  signIn,
  uniqueEmail,
} from "./helpers.js";

/** Counts argon2 verifications: every sign-in attempt must cost one, known email or not. */
const argon2Verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      argon2Verifications.count++;
      return real.verify(...args);
    },
  };
});

let env: AuthTestEnv;

beforeAll(async () => {
  env = await openAuthEnv();
});
afterAll(async () => {
  await env?.close();
});

const attempt = (body: Record<string, unknown>, ip: string) =>
  env.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: body,
    remoteAddress: ip,
    headers: { "user-agent": "throttle-tests" },
  });

describe("failed sign-in", () => {
  it("answers a wrong password and an unknown email with the same status and body", async () => {
    const agent = await agentWithPassword(env);
    const ip = nextIp();
    const wrongPassword = await attempt({ email: agent.email, password: "not the password" }, ip);
    const unknownEmail = await attempt({ email: uniqueEmail("nobody"), password: "not the password" }, ip);
    const unknownWorkspace = await attempt(
      { email: agent.email, password: PASSWORD, workspace: "no-such-workspace" },
      ip,
    );
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json().error.code).toBe("auth.invalid_credentials");
    for (const res of [unknownEmail, unknownWorkspace]) {
      expect(res.statusCode).toBe(wrongPassword.statusCode);
      expect(res.body).toBe(wrongPassword.body);
      expect(res.headers["content-type"]).toBe(wrongPassword.headers["content-type"]);
      expect(res.cookies).toEqual([]);
    }
  });

  it("spends one password verification whether or not the email exists (no fast path to time)", async () => {
    const agent = await agentWithPassword(env);
    const ip = nextIp();
    await attempt({ email: uniqueEmail("warm-up"), password: "not the password" }, ip);
    argon2Verifications.count = 0;
    await attempt({ email: agent.email, password: "not the password" }, ip);
    expect(argon2Verifications.count).toBe(1);
    argon2Verifications.count = 0;
    await attempt({ email: uniqueEmail("nobody"), password: "not the password" }, ip);
    expect(argon2Verifications.count).toBe(1);
    argon2Verifications.count = 0;
    await attempt({ email: agent.email, password: "not the password", workspace: "no-such-workspace" }, ip);
    expect(argon2Verifications.count).toBe(1);
    // A success clears the failures for the tests below.
    await signIn(env.app, { email: agent.email, password: PASSWORD });
  });

  it("audits failures with the email tried, the address and user agent", async () => {
    const email = uniqueEmail("ghost");
    const ip = nextIp();
    await attempt({ email, password: "whatever-it-is" }, ip);
    const rows = (await auditRows(env, "auth.login")).filter((r) => r.actor.email === email);
    expect(rows).toEqual([
      expect.objectContaining({
        outcome: "failed",
        actor: { type: "anonymous", id: null, email },
        ip,
        user_agent: "throttle-tests",
        details: { reason: "unknown_email" },
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain("whatever-it-is");
  });
});

describe("lockout", () => {
  it("locks the login after five failures in a row: 429 with Retry-After and the generic message, even for the right password", async () => {
    const agent = await agentWithPassword(env);
    const ip = nextIp();
    for (let i = 0; i < 5; i++) {
      const res = await attempt({ email: agent.email, password: `wrong guess ${i}` }, ip);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const locked = await attempt({ email: agent.email, password: PASSWORD }, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["retry-after"]).toBe("60");
    const failed = await attempt({ email: uniqueEmail("nobody"), password: "x" }, ip);
    expect(locked.json().error.message).toBe(failed.json().error.message);
    expect(locked.cookies).toEqual([]);

    env.clock.advance(30_000);
    const later = await attempt({ email: agent.email, password: PASSWORD }, ip);
    expect(later.statusCode).toBe(429);
    expect(later.headers["retry-after"]).toBe("30");

    const lockRows = (await auditRows(env, "auth.login_locked")).filter((r) => r.actor.email === agent.email);
    expect(lockRows.length).toBe(2);
    expect(lockRows[0]).toMatchObject({ outcome: "denied", ip });
  });

  it("unlocks when the window has passed, and a success clears the count", async () => {
    const agent = await agentWithPassword(env);
    const ip = nextIp();
    for (let i = 0; i < 5; i++) await attempt({ email: agent.email, password: `wrong guess ${i}` }, ip);
    expect((await attempt({ email: agent.email, password: PASSWORD }, ip)).statusCode).toBe(429);
    env.clock.advance(MINUTE + 1000);
    await signIn(env.app, { email: agent.email, password: PASSWORD }, ip);
    // The count starts again: four more failures do not lock.
    for (let i = 0; i < 4; i++) {
      expect((await attempt({ email: agent.email, password: `again ${i}` }, ip)).statusCode).toBe(401);
    }
    await signIn(env.app, { email: agent.email, password: PASSWORD }, ip);
  });

  it("doubles the lock for every further failure", async () => {
    const agent = await agentWithPassword(env);
    const ip = nextIp();
    for (let i = 0; i < 5; i++) await attempt({ email: agent.email, password: `wrong guess ${i}` }, ip);
    env.clock.advance(MINUTE + 1000);
    expect((await attempt({ email: agent.email, password: "sixth wrong" }, ip)).statusCode).toBe(401);
    expect((await attempt({ email: agent.email, password: PASSWORD }, ip)).headers["retry-after"]).toBe("120");
    env.clock.advance(2 * MINUTE + 1000);
    expect((await attempt({ email: agent.email, password: "seventh wrong" }, ip)).statusCode).toBe(401);
    expect((await attempt({ email: agent.email, password: PASSWORD }, ip)).headers["retry-after"]).toBe("240");
    env.clock.advance(4 * MINUTE + 1000);
    await signIn(env.app, { email: agent.email, password: PASSWORD }, ip);
  });
});

describe("lockout of unknown emails", () => {
  it("locks an email without an account exactly like a real one, so a 429 does not reveal which emails exist", async () => {
    const agent = await agentWithPassword(env);
    const nobody = uniqueEmail("nobody");
    const ip = nextIp();
    const answers = async (email: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) {
        const res = await attempt({ email, password: `wrong guess ${i}` }, ip);
        out.push({ status: res.statusCode, retryAfter: res.headers["retry-after"] ?? null, body: res.json() });
      }
      return out;
    };
    const real = await answers(agent.email);
    const phantom = await answers(nobody);
    expect(real.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(phantom).toEqual(real);
    env.clock.advance(MINUTE + 1000);
    expect((await attempt({ email: nobody, password: "x" }, ip)).statusCode).toBe(401);
  });
});

describe("per-IP limit", () => {
  it("answers 429 with Retry-After after 20 sign-in attempts a minute from one address, and not for another", async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await attempt({ email: uniqueEmail("spray"), password: "password123" }, ip)).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    const limited = await attempt({ email: uniqueEmail("spray"), password: "password123" }, ip);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe("rate_limited");
    expect((await attempt({ email: uniqueEmail("spray"), password: "password123" }, nextIp())).statusCode).toBe(401);
  });
});
