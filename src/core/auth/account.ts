import { changePasswordBody } from "../../../common/api/auth.js";
import { ACTIONS, type Action, can } from "../access/index.js";
import { auditActor, writeAudit } from "../audit/index.js";
import { forbidden, parseInput } from "../kernel/index.js";
import { requireSession } from "./api-tokens.js";
import { getLogin, principalOf, registerFailure, storePasswordHash } from "./logins.js";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./passwords.js";
import type { SignedInCtx } from "./ports.js";
import { endAllSessions, endSession } from "./sessions.js";
import { type SignedInUser, userOf } from "./sign-in.js";

export interface Me {
  user: SignedInUser;
  via: "session" | "token";
  scope: "read" | "write";
  csrfToken: string | null;
  mfaEnabled: boolean;
  /** Actions the caller may perform (for the UI to hide what they cannot do). */
  permissions: Action[];
}

export async function describeMe(ctx: SignedInCtx): Promise<Me> {
  const login = await getLogin(ctx.db, ctx.auth.loginId);
  const principal = await principalOf(ctx.db, login);
  if (!principal) throw forbidden("This account is deactivated.", "auth.inactive");
  const writes = ctx.auth.scope === "write";
  return {
    user: userOf(principal),
    via: ctx.auth.via,
    scope: ctx.auth.scope,
    csrfToken: ctx.auth.csrfToken ?? null,
    mfaEnabled: login.mfaEnabledAt !== null,
    permissions: ACTIONS.filter(
      (a) => can(principal.actor, a) && (writes || a === "ticket:list" || a.endsWith(":read")),
    ),
  };
}

/** Ends the caller's current session (nothing to end for an API token). */
export async function logout(ctx: SignedInCtx): Promise<void> {
  if (!ctx.auth.sessionId) return;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!ctx.auth.sessionId || !(await endSession(tx, ctx.auth.sessionId))) return;
    await writeAudit(tx, {
      workspaceId: ctx.auth.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.logout",
      targetType: "login",
      targetId: ctx.auth.loginId,
      client: ctx.client,
      at: now,
    });
  });
}

/** Ends every session of the caller's login (API tokens stay valid); returns how many ended. */
export async function logoutAll(ctx: SignedInCtx): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const ended = await endAllSessions(tx, ctx.auth.loginId);
    await writeAudit(tx, {
      workspaceId: ctx.auth.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.logout_all",
      targetType: "login",
      targetId: ctx.auth.loginId,
      client: ctx.client,
      details: { sessionsEnded: ended },
      at: now,
    });
    return ended;
  });
}

/** Changes the caller's password; every other session of theirs ends. */
export async function changePassword(ctx: SignedInCtx, input: unknown): Promise<void> {
  requireSession(ctx.auth, "change your password");
  const data = parseInput(changePasswordBody, input);
  const login = await getLogin(ctx.db, ctx.auth.loginId);
  const now = ctx.clock.now();
  const actor = auditActor(ctx.auth.actor, ctx.auth.email);
  if (login.lockedUntil && login.lockedUntil > now) {
    throw forbidden("Too many wrong attempts; try again later.", "auth.too_many_attempts");
  }
  if (!login.passwordHash || !(await verifyPassword(login.passwordHash, data.currentPassword))) {
    const lockedUntil = await registerFailure(ctx.db, login.id, now);
    await writeAudit(ctx.db, {
      workspaceId: login.workspaceId,
      actor,
      action: "auth.password_changed",
      outcome: "failed",
      targetType: "login",
      targetId: login.id,
      client: ctx.client,
      details: { reason: "wrong_password", lockedUntil },
      at: now,
    });
    throw forbidden("The current password is wrong.", "auth.invalid_credentials");
  }
  checkPasswordPolicy(data.newPassword, login.email, "newPassword");
  const passwordHash = await hashPassword(data.newPassword);
  await ctx.db.transaction(async (tx) => {
    await storePasswordHash(tx, login.id, passwordHash, now, ctx.auth.sessionId);
    await writeAudit(tx, {
      workspaceId: login.workspaceId,
      actor,
      action: "auth.password_changed",
      targetType: "login",
      targetId: login.id,
      client: ctx.client,
      at: now,
    });
  });
}
