import { createHash } from "node:crypto";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { AuthContext } from "../core/auth/index.js";
import type { Actor, Clock } from "../core/kernel/index.js";
import type { Database } from "../db/connection.js";
import { agents, apiTokens, companies, customers, logins, sessions } from "../db/schema/index.js";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Sessions live 12 h after their last use, 30 days at most. */
export const SESSION_IDLE_MS = 12 * 3_600_000;

/**
 * Authentication for adapters. This file resolves sessions and API tokens
 * to actors; sign-in, MFA, tokens and password reset are added beside it.
 */
export function buildAuthService(database: Database, clock: Clock) {
  const db = database.db;

  async function actorFor(
    loginId: string,
  ): Promise<{ actor: AuthContext["actor"]; email: string; workspaceId: string } | null> {
    const [login] = await db.select().from(logins).where(eq(logins.id, loginId));
    if (!login) return null;
    if (login.personType === "agent") {
      const [a] = await db.select().from(agents).where(eq(agents.id, login.personId));
      if (!a || !a.active) return null;
      return {
        actor: { type: "agent", id: a.id, role: a.role as never },
        email: login.email,
        workspaceId: login.workspaceId,
      };
    }
    const [c] = await db
      .select({
        id: customers.id,
        role: customers.role,
        companyId: customers.companyId,
        shares: companies.sharesTickets,
      })
      .from(customers)
      .leftJoin(companies, eq(companies.id, customers.companyId))
      .where(eq(customers.id, login.personId));
    if (!c) return null;
    const actor: Actor = {
      type: "customer",
      id: c.id,
      role: c.role as never,
      companyId: c.role === "company_user" && c.shares ? c.companyId : null,
    };
    return { actor: actor as AuthContext["actor"], email: login.email, workspaceId: login.workspaceId };
  }

  return {
    actorFor,
    /** The session behind a cookie token, extended on use; null when unknown or expired. */
    async resolveSession(
      token: string,
      _client: { ip?: string; userAgent?: string } = {},
    ): Promise<AuthContext | null> {
      const now = clock.now();
      const tokenHash = hashToken(token);
      const [s] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
      if (!s) return null;
      if (now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
      const who = await actorFor(s.loginId);
      if (!who) return null;
      if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
      }
      return {
        workspaceId: s.workspaceId,
        actor: who.actor,
        loginId: s.loginId,
        email: who.email,
        via: "session",
        scope: "write",
        csrfToken: s.csrfToken,
        sessionId: s.tokenHash,
      };
    },
    /** The API token behind a Bearer header; null when unknown, expired or revoked. */
    async resolveApiToken(token: string): Promise<AuthContext | null> {
      const now = clock.now();
      const [t] = await db
        .select()
        .from(apiTokens)
        .where(
          and(
            eq(apiTokens.tokenHash, hashToken(token)),
            isNull(apiTokens.revokedAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          ),
        );
      if (!t) return null;
      const who = await actorFor(t.loginId);
      if (!who) return null;
      if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
        await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
      }
      return {
        workspaceId: t.workspaceId,
        actor: who.actor,
        loginId: t.loginId,
        email: who.email,
        via: "token",
        scope: t.scope as "read" | "write",
      };
    },
  };
}

export type AuthService = ReturnType<typeof buildAuthService>;
