/**
 * Personal API tokens: shown once, stored hashed, sent as Bearer, scoped read or
 * write, revocable (own tokens only), expiring, with a last-used time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/lib/auth-service.js";
import {
  type AuthTestEnv,
  agentWithPassword,
  auditRows,
  HOUR,
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

interface CreatedToken {
  id: string;
  token: string;
  prefix: string;
  name: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

async function createToken(s: Session, payload: Record<string, unknown>): Promise<CreatedToken> {
  const res = await env.app.inject({ method: "POST", url: "/api/v1/auth/tokens", headers: s.headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CreatedToken>();
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const me = (headers: Record<string, string>) => env.app.inject({ method: "GET", url: "/api/v1/auth/me", headers });

async function signedInAgent() {
  const agent = await agentWithPassword(env);
  return { agent, session: await signIn(env.app, { email: agent.email, password: PASSWORD }) };
}

describe("creating a token", () => {
  it("returns the secret once, in the hlp_ format, and stores only its hash and prefix", async () => {
    const { agent, session } = await signedInAgent();
    const t = await createToken(session, { name: "CI", scope: "write" });
    expect(t).toMatchObject({ name: "CI", scope: "write", lastUsedAt: null, expiresAt: null, revokedAt: null });
    expect(t.token).toMatch(/^hlp_[A-Za-z0-9_-]{43}$/);
    expect(t.token.startsWith(t.prefix)).toBe(true);
    expect(t.prefix.length).toBeLessThan(16);
    const stored = await env.testDesk.desk.database.executeSql(
      "select token_hash, prefix from api_tokens where id = $1",
      [t.id],
    );
    expect(stored.rows).toEqual([{ token_hash: hashToken(t.token), prefix: t.prefix }]);
    const all = await env.testDesk.desk.database.executeSql("select * from api_tokens where id = $1", [t.id]);
    expect(JSON.stringify(all.rows)).not.toContain(t.token);

    const listed = await env.app.inject({ method: "GET", url: "/api/v1/auth/tokens", headers: session.headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      {
        id: t.id,
        name: "CI",
        prefix: t.prefix,
        scope: "write",
        createdAt: t.createdAt,
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      },
    ]);
    expect(listed.body).not.toContain(t.token);
    const rows = (await auditRows(env, "auth.token_created")).filter((r) => r.actor.id === agent.id);
    expect(rows).toEqual([
      expect.objectContaining({ target_id: t.id, details: expect.objectContaining({ scope: "write" }) }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(t.token);
  });

  it("rejects unknown fields and bad scopes, naming the field", async () => {
    const { session } = await signedInAgent();
    const unknown = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: session.headers,
      payload: { name: "x", scope: "read", admin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe("admin");
    const scope = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: session.headers,
      payload: { name: "x", scope: "admin" },
    });
    expect(scope.statusCode).toBe(400);
    expect(scope.json().error.field).toBe("scope");
  });

  it("needs a signed-in session: a token cannot mint more tokens", async () => {
    const { session } = await signedInAgent();
    const t = await createToken(session, { name: "script", scope: "write" });
    const res = await env.app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: bearer(t.token),
      payload: { name: "child", scope: "write" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("auth.session_required");
  });
});

describe("using a token", () => {
  it("authenticates as Bearer, needs no CSRF token, and records when it was last used", async () => {
    const { agent, session } = await signedInAgent();
    const t = await createToken(session, { name: "script", scope: "write" });
    const res = await me(bearer(t.token));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: agent.id }, via: "token", scope: "write", csrfToken: null });
    const listed = await env.app.inject({ method: "GET", url: "/api/v1/auth/tokens", headers: bearer(t.token) });
    expect(listed.json().items[0].lastUsedAt).toBe(env.clock.now().toISOString());
    // A write with the token and no CSRF header is fine: Bearer requests are not cookie-driven.
    const logout = await env.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: bearer(t.token) });
    expect(logout.statusCode).toBe(204);
  });

  it("a read-scope token can read but not write (403 auth.read_only_token)", async () => {
    const { session } = await signedInAgent();
    const t = await createToken(session, { name: "dashboard", scope: "read" });
    const read = await me(bearer(t.token));
    expect(read.statusCode).toBe(200);
    expect(read.json().permissions).not.toContain("ticket:assign");
    expect(read.json().permissions).toContain("ticket:list");
    for (const [method, url] of [
      ["POST", "/api/v1/auth/logout"],
      ["POST", "/api/v1/auth/logout-all"],
      ["DELETE", `/api/v1/auth/tokens/${t.id}`],
    ] as const) {
      const res = await env.app.inject({ method, url, headers: bearer(t.token) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe("auth.read_only_token");
    }
  });

  it("rejects a token that expired", async () => {
    const { session } = await signedInAgent();
    const t = await createToken(session, { name: "short", scope: "read", expiresInDays: 1 });
    expect(t.expiresAt).toBe(new Date(env.clock.now().getTime() + 24 * HOUR).toISOString());
    expect((await me(bearer(t.token))).statusCode).toBe(200);
    env.clock.advance(24 * HOUR + 1000);
    const res = await me(bearer(t.token));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("auth.invalid_token");
  });

  it("rejects an unknown token and a malformed Authorization header", async () => {
    expect((await me(bearer("hlp_not-a-real-token"))).json().error.code).toBe("auth.invalid_token");
    expect((await me({ authorization: "Basic abc" })).statusCode).toBe(401);
  });
});

describe("revoking a token", () => {
  it("revokes your own token: it stops working at once (401) and shows revokedAt", async () => {
    const { agent, session } = await signedInAgent();
    const t = await createToken(session, { name: "old laptop", scope: "write" });
    expect((await me(bearer(t.token))).statusCode).toBe(200);
    const res = await env.app.inject({
      method: "DELETE",
      url: `/api/v1/auth/tokens/${t.id}`,
      headers: session.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.id, revokedAt: env.clock.now().toISOString() });
    const after = await me(bearer(t.token));
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("auth.invalid_token");
    const rows = (await auditRows(env, "auth.token_revoked")).filter((r) => r.actor.id === agent.id);
    expect(rows).toEqual([expect.objectContaining({ target_id: t.id, outcome: "ok" })]);
  });

  it("answers 404 for someone else's token, which keeps working", async () => {
    const owner = await signedInAgent();
    const other = await signedInAgent();
    const t = await createToken(owner.session, { name: "mine", scope: "read" });
    const res = await env.app.inject({
      method: "DELETE",
      url: `/api/v1/auth/tokens/${t.id}`,
      headers: other.session.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("auth.token_not_found");
    expect((await me(bearer(t.token))).statusCode).toBe(200);
    const listed = await env.app.inject({ method: "GET", url: "/api/v1/auth/tokens", headers: other.session.headers });
    expect(listed.json().items).toEqual([]);
  });

  it("answers 400 naming the field for an id that is not a UUID", async () => {
    const { session } = await signedInAgent();
    const res = await env.app.inject({ method: "DELETE", url: "/api/v1/auth/tokens/123", headers: session.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("id");
  });

  it("keeps tokens valid through logout-all", async () => {
    const { session } = await signedInAgent();
    const t = await createToken(session, { name: "server", scope: "read" });
    await env.app.inject({ method: "POST", url: "/api/v1/auth/logout-all", headers: session.headers });
    expect((await me(bearer(t.token))).statusCode).toBe(200);
  });
});
