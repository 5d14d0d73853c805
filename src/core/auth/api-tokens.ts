import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { type ApiTokenScope, createTokenBody } from "../../../common/api/auth.js";
import type { Tx } from "../../db/connection.js";
import { apiTokens } from "../../db/schema/index.js";
import { auditActor, writeAudit } from "../audit/index.js";
import { type Clock, forbidden, newId, notFound, parseInput } from "../kernel/index.js";
import { principalFor } from "./logins.js";
import type { SignedInCtx } from "./ports.js";
import { hashToken, randomToken } from "./secrets.js";
import type { AuthContext } from "./types.js";

export const API_TOKEN_PREFIX = "hlp_";
/** Characters of a token kept in clear so people can tell their tokens apart. */
const SHOWN_CHARS = 12;
const TOUCH_EVERY_MS = 60_000;

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scope: ApiTokenScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const toApiToken = (row: typeof apiTokens.$inferSelect): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scope: row.scope as ApiTokenScope,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
});

/** Account changes need a signed-in person, not an API token: a leaked token cannot mint successors. */
export function requireSession(auth: AuthContext, what: string): void {
  if (auth.via !== "session") {
    throw forbidden(`Sign in with your password to ${what}; API tokens cannot do it.`, "auth.session_required");
  }
}

/** A personal API token for the signed-in person; the secret is in the result only. */
export async function createApiToken(ctx: SignedInCtx, input: unknown): Promise<ApiToken & { token: string }> {
  requireSession(ctx.auth, "create API tokens");
  const data = parseInput(createTokenBody, input);
  const now = ctx.clock.now();
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        id: newId(now),
        loginId: ctx.auth.loginId,
        workspaceId: ctx.auth.workspaceId,
        name: data.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, SHOWN_CHARS),
        scope: data.scope,
        createdAt: now,
        expiresAt: data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * 86_400_000) : null,
      })
      .returning();
    if (!row) throw new Error("token insert returned nothing");
    await writeAudit(tx, {
      workspaceId: ctx.auth.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.token_created",
      targetType: "api_token",
      targetId: row.id,
      client: ctx.client,
      details: { name: row.name, scope: row.scope, prefix: row.prefix, expiresAt: row.expiresAt },
      at: now,
    });
    return { ...toApiToken(row), token };
  });
}

/** The signed-in person's tokens, newest first, revoked ones included; never the secrets. */
export async function listApiTokens(db: Tx, auth: AuthContext): Promise<ApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.loginId, auth.loginId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(500);
  return rows.map(toApiToken);
}

/** Revokes one of the signed-in person's tokens; someone else's is `auth.token_not_found`. */
export async function revokeApiToken(ctx: SignedInCtx, id: string): Promise<ApiToken> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.loginId, ctx.auth.loginId)));
    if (!row) throw notFound("auth.token_not_found", "You have no API token with this id.", "id");
    if (row.revokedAt) return toApiToken(row);
    const [revoked] = await tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id)).returning();
    await writeAudit(tx, {
      workspaceId: ctx.auth.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.token_revoked",
      targetType: "api_token",
      targetId: id,
      client: ctx.client,
      details: { name: row.name, prefix: row.prefix },
      at: now,
    });
    return toApiToken(revoked ?? row);
  });
}

/** The caller behind a Bearer token; null when unknown, expired or revoked. Records the last use. */
export async function resolveApiToken(db: Tx, clock: Clock, token: string): Promise<AuthContext | null> {
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
  const who = await principalFor(db, t.loginId);
  if (!who) return null;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
  }
  return {
    workspaceId: t.workspaceId,
    actor: who.actor,
    loginId: t.loginId,
    email: who.email,
    via: "token",
    scope: t.scope as ApiTokenScope,
  };
}
