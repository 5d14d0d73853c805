/**
 * Hardening (issue 3, item 7): helmet headers, CORS allowlist, body size
 * limit, per-IP and per-token rate limits (429 with Retry-After), generic
 * authentication errors, and no secrets in the server's log.
 *
 * buildServer cannot be given a logger or log stream (only `logLevel`), so
 * the log test swaps the destination through the `fastify` factory seam in
 * fastify-spy.ts; buildServer's own level and redaction settings stay.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildServer, type ServerOptions } from "../../src/http/server.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, type TestUser, tokenFor } from "../http/as-user.js";
import { type FastifySpy, memoryStream } from "./fastify-spy.js";

const spy = vi.hoisted((): FastifySpy => ({ routes: [], logStream: null }));
vi.mock("fastify", async (importOriginal) =>
  (await import("./fastify-spy.js")).spiedFastify(await importOriginal(), spy),
);

const PASSWORD = "correct horse battery staple";
const ALLOWED_ORIGIN = "https://desk.example";

let t: TestDesk;
let agent: TestUser;
const apps: FastifyInstance[] = [];

async function server(opts: Partial<ServerOptions> = {}): Promise<FastifyInstance> {
  const app = await buildServer({ desk: t.desk, logLevel: "silent", corsOrigins: [ALLOWED_ORIGIN], ...opts });
  await app.ready();
  apps.push(app);
  return app;
}

let ipSeq = 0;
const nextIp = () => `10.88.${(++ipSeq >> 8) & 255}.${ipSeq & 255}`;

beforeAll(async () => {
  t = await openTestDesk();
  agent = await agentUser(t.desk, "agent");
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await t?.close();
});

function expectErrorShape(res: LightMyRequestResponse, code: string | RegExp): void {
  const body = res.json();
  expect(body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  expect(body.error.code).toMatch(code);
}

describe(`security headers (${engineUnderTest})`, () => {
  it("sends helmet's headers on success, auth failure, unknown route and the API description", async () => {
    const app = await server();
    const probes = [
      { url: "/health", status: 200 },
      { url: "/api/v1/tickets", status: 401 },
      { url: "/api/v1/nope", status: 404 },
      { url: "/docs/json", status: 200 },
    ];
    for (const { url, status } of probes) {
      const res = await app.inject({ method: "GET", url, remoteAddress: nextIp() });
      expect(res.statusCode, url).toBe(status);
      const h = res.headers;
      expect(h["content-security-policy"], url).toContain("default-src 'self'");
      expect(h["x-content-type-options"], url).toBe("nosniff");
      const frames = String(h["x-frame-options"] ?? "") + String(h["content-security-policy"]);
      expect(frames, url).toMatch(/SAMEORIGIN|DENY|frame-ancestors '(self|none)'/);
      expect(h["strict-transport-security"], url).toMatch(/max-age=\d+/);
      expect(h["referrer-policy"], url).toBeTruthy();
      expect(h["x-powered-by"], url).toBeUndefined();
    }
  });
});

describe(`CORS allowlist (${engineUnderTest})`, () => {
  it("answers an allowed origin with its CORS headers and another origin without", async () => {
    const app = await server();
    const allowed = await app.inject({ method: "GET", url: "/health", headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.headers["access-control-allow-origin"]).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers["access-control-allow-credentials"]).toBe("true");
    const other = await app.inject({ method: "GET", url: "/health", headers: { origin: "https://evil.example" } });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    expect(other.headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("lets only the allowed origin pass a preflight", async () => {
    const app = await server();
    const preflight = (origin: string) =>
      app.inject({
        method: "OPTIONS",
        url: "/api/v1/tickets",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const ok = await preflight(ALLOWED_ORIGIN);
    expect(ok.statusCode).toBeLessThan(300);
    expect(ok.headers["access-control-allow-origin"]).toBe(ALLOWED_ORIGIN);
    const refused = await preflight("https://evil.example");
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("allows no cross-origin caller when no origin is configured", async () => {
    const app = await server({ corsOrigins: [] });
    const res = await app.inject({ method: "GET", url: "/health", headers: { origin: ALLOWED_ORIGIN } });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe(`body size limit (${engineUnderTest})`, () => {
  it("answers 413 with the error shape and writes nothing", async () => {
    const app = await server({ bodyLimit: 2048 });
    const count = async () =>
      Number((await t.desk.database.executeSql("select count(*)::int as n from tickets")).rows[0]?.n);
    const before = await count();
    const big = "x".repeat(4096);
    const signedIn = await app.inject({
      method: "POST",
      url: "/api/v1/tickets",
      headers: agent.headers,
      payload: { subject: "Huge", description: big },
    });
    expect(signedIn.statusCode).toBe(413);
    expectErrorShape(signedIn, "request.too_large");
    const intake = await app.inject({
      method: "POST",
      url: "/api/tickets",
      remoteAddress: nextIp(),
      payload: { subject: "Huge", message: big, customer_email: "big@mail.test" },
    });
    expect(intake.statusCode).toBe(413);
    expectErrorShape(intake, "request.too_large");
    expect(await count()).toBe(before);
    const small = await app.inject({
      method: "POST",
      url: "/api/v1/tickets",
      headers: agent.headers,
      payload: { subject: "Small", requester: "small@mail.test" },
    });
    expect(small.statusCode).toBe(201);
  });
});

describe(`rate limits (${engineUnderTest})`, () => {
  it("answers the sixth request of an IP in a minute with 429, Retry-After and the error shape", async () => {
    const app = await server({ rateLimitPerMinute: 5 });
    const ip = nextIp();
    const statuses: number[] = [];
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 6; i++) {
      last = await app.inject({ method: "GET", url: "/health", remoteAddress: ip });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last?.headers["retry-after"])).toBeGreaterThan(0);
    if (last) expectErrorShape(last, "rate_limited");
    const elsewhere = await app.inject({ method: "GET", url: "/health", remoteAddress: nextIp() });
    expect(elsewhere.statusCode).toBe(200);
  });

  it("gives each API token its own budget", async () => {
    const app = await server({ rateLimitPerMinute: 5 });
    const second = await tokenFor(t.desk, { type: "agent", id: agent.actor.id, email: agent.email });
    const ip = nextIp();
    const as = (token: string) =>
      app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        remoteAddress: ip,
        headers: { authorization: `Bearer ${token}` },
      });
    const first: number[] = [];
    for (let i = 0; i < 6; i++) first.push((await as(agent.token)).statusCode);
    expect(first).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await as(agent.token);
    expect(limited.headers["retry-after"]).toBeDefined();
    expectErrorShape(limited, "rate_limited");
    // Same IP, other token: a budget of its own; and the IP's anonymous budget is untouched.
    const other: number[] = [];
    for (let i = 0; i < 5; i++) other.push((await as(second)).statusCode);
    expect(other).toEqual([200, 200, 200, 200, 200]);
    expect((await app.inject({ method: "GET", url: "/health", remoteAddress: ip })).statusCode).toBe(200);
  });

  it("counts made-up Bearer tokens against the caller's IP, so rotating them does not escape the limit", async () => {
    const app = await server({ rateLimitPerMinute: 5 });
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        remoteAddress: ip,
        headers: { authorization: `Bearer hlp_madeup${i}${"x".repeat(20)}${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
  });
});

describe(`generic authentication errors (${engineUnderTest})`, () => {
  it("answers unknown, revoked, expired and deactivated-owner tokens with one 401", async () => {
    const app = await server();
    const q = (text: string, values: unknown[]) => t.desk.database.executeSql(text, values);
    const revoked = await agentUser(t.desk, "agent");
    await q(
      "update api_tokens set revoked_at = now() where login_id = (select login_id from api_tokens where prefix = $1)",
      [revoked.token.slice(0, 8)],
    );
    const expired = await agentUser(t.desk, "agent");
    await q("update api_tokens set expires_at = now() - interval '1 day' where prefix = $1", [
      expired.token.slice(0, 8),
    ]);
    const gone = await agentUser(t.desk, "agent");
    await t.desk.people.updateAgent(gone.actor.id, { active: false });
    const answers = [];
    for (const token of ["hlp_unknownunknownunknownunknown", revoked.token, expired.token, gone.token]) {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        headers: { authorization: `Bearer ${token}` },
      });
      answers.push({ status: res.statusCode, body: res.json() });
    }
    expect(answers[0]?.status).toBe(401);
    for (const a of answers) expect(a).toEqual(answers[0]);
    const valid = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: agent.headers });
    expect(valid.statusCode).toBe(200);
  });

  it("answers an unknown email and a wrong password alike", async () => {
    const app = await server();
    await t.desk.auth.setPassword({ personType: "agent", personId: agent.actor.id, password: PASSWORD });
    const login = (email: string, password: string) =>
      app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: nextIp(), payload: { email, password } });
    const unknown = await login("nobody-here@desk.test", "wrong password 123");
    const wrong = await login(agent.email, "wrong password 123");
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });
});

describe(`secrets stay out of the log (${engineUnderTest})`, () => {
  it("never writes Authorization, session cookie, CSRF token, password or reset token", async () => {
    const log = memoryStream();
    spy.logStream = log.stream;
    let app: FastifyInstance;
    try {
      app = await server({ logLevel: "trace" });
    } finally {
      spy.logStream = null;
    }
    await t.desk.auth.setPassword({ personType: "agent", personId: agent.actor.id, password: PASSWORD });
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress: nextIp(),
      payload: { email: agent.email, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.find((c) => c.name === "helpline_session")?.value ?? "";
    const csrf = signIn.json().csrfToken as string;
    const session = { cookie: `helpline_session=${cookie}`, "x-csrf-token": csrf };
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: session,
      payload: { name: "logged?", scope: "read" },
    });
    expect(created.statusCode).toBe(201);
    const minted = created.json().token as string;
    await app.inject({ method: "GET", url: "/api/v1/tickets", headers: agent.headers });
    await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${minted}` } });
    await app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { authorization: "Bearer hlp_notarealtoken0000" },
    });
    await app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: session.cookie } });
    const resetToken = "reset-token-that-must-not-be-logged";
    await app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      remoteAddress: nextIp(),
      payload: { token: resetToken, password: "a new password 12345" },
    });
    const text = log.text();
    expect(text).toContain("incoming request");
    expect(text).toContain("/api/v1/auth/login");
    const secrets = {
      bearer: agent.token,
      minted,
      cookie,
      unsignedSession: cookie.split(".")[0] ?? cookie,
      csrf,
      password: PASSWORD,
      resetToken,
      madeUp: "hlp_notarealtoken0000",
    };
    for (const [name, value] of Object.entries(secrets)) {
      expect(value.length, name).toBeGreaterThan(8);
      expect(text.includes(value), `${name} appears in the log`).toBe(false);
    }
  });
});
