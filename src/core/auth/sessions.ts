import { and, eq, gt, lt, ne, or } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { sessions } from "../../db/schema/index.js";
import type { ClientInfo, Clock } from "../kernel/index.js";
import { principalFor } from "./logins.js";
import { hashToken, randomToken } from "./secrets.js";
import type { AuthContext } from "./types.js";

/** Sessions live 12 h after their last use, 30 days at most. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_MAX_MS = 30 * 24 * 3_600_000;
/** Last-use times are written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** The cookie value: shown to the client only. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A new session with a fresh random token (never one the client chose: no session fixation). */
export async function createSession(
  db: Tx,
  login: { id: string; workspaceId: string },
  client: ClientInfo,
  now: Date,
): Promise<NewSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  // Housekeeping: this login's sessions that have ended on their own.
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.loginId, login.id),
        or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))),
      ),
    );
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    loginId: login.id,
    workspaceId: login.workspaceId,
    csrfToken,
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

/** The session behind a cookie token, its last use extended; null when unknown, expired or idle. */
export async function resolveSession(db: Tx, clock: Clock, token: string): Promise<AuthContext | null> {
  const now = clock.now();
  const tokenHash = hashToken(token);
  const [s] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  if (!s) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  const who = await principalFor(db, s.loginId);
  if (!who) return null;
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
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
}

/** Ends one session (by its id, the token's hash); true when it existed. */
export async function endSession(db: Tx, sessionId: string): Promise<boolean> {
  const gone = await db.delete(sessions).where(eq(sessions.tokenHash, sessionId)).returning({ id: sessions.tokenHash });
  return gone.length > 0;
}

/** Ends every session of a login, optionally sparing one; returns how many ended. */
export async function endAllSessions(db: Tx, loginId: string, except?: string): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.loginId, loginId), except ? ne(sessions.tokenHash, except) : undefined))
    .returning({ id: sessions.tokenHash });
  return gone.length;
}
