import { eq } from "drizzle-orm";
import { loginBody } from "../../../common/api/auth.js";
import { logins } from "../../db/schema/index.js";
import { type AuditActor, auditActor, writeAudit } from "../audit/index.js";
import { parseInput } from "../kernel/index.js";
import { findLoginByEmail, type Login, type Principal, principalOf, registerFailure } from "./logins.js";
import { checkSecondFactor, recoveryCodesLeft } from "./mfa.js";
import { verifyNothing, verifyPassword } from "./passwords.js";
import type { AuthCtx } from "./ports.js";
import { createSession, endSession, type NewSession } from "./sessions.js";
import { registerUnknownFailure, unknownEmailLockedFor } from "./unknown-throttle.js";

/** The signed-in person, as the API shows them. */
export interface SignedInUser {
  id: string;
  type: "agent" | "customer";
  role: Principal["actor"]["role"];
  email: string;
  name: string | null;
}

export const userOf = (p: Principal): SignedInUser => ({
  id: p.actor.id,
  type: p.actor.type,
  role: p.actor.role,
  email: p.email,
  name: p.name,
});

export type SignInResult =
  | { status: "ok"; session: NewSession; user: SignedInUser; loginId: string; workspaceId: string }
  /** Wrong email, password or code: one answer for all, so it tells nobody who has an account. */
  | { status: "invalid" }
  | { status: "otp_required" }
  | { status: "locked"; retryAfterSeconds: number };

export interface SignInOptions {
  /** A session the client already holds: ended when the new one starts. */
  replaces?: string | undefined;
}

/** The sign-in context: the workspace is null when the requested one does not exist. */
export type SignInCtx = Omit<AuthCtx, "workspaceId"> & { workspaceId: string | null };

/**
 * Email + password (+ TOTP or recovery code when MFA is on) → a new session.
 * Unknown emails cost one password verification too; five consecutive
 * failures lock the login for a minute, doubling per further failure up to an hour.
 */
export async function signIn(ctx: SignInCtx, input: unknown, opts: SignInOptions = {}): Promise<SignInResult> {
  const data = parseInput(loginBody, input);
  const now = ctx.clock.now();
  const login = ctx.workspaceId ? await findLoginByEmail(ctx.db, ctx.workspaceId, data.email) : undefined;
  const tried: AuditActor = { type: "anonymous", id: null, email: data.email };
  const audit = (action: string, outcome: "ok" | "failed" | "denied", actor: AuditActor, details: object) =>
    writeAudit(ctx.db, {
      workspaceId: ctx.workspaceId,
      actor,
      action,
      outcome,
      ...(login ? { targetType: "login", targetId: login.id } : {}),
      client: ctx.client,
      details: details as Record<string, unknown>,
      at: now,
    });

  if (!login) {
    // Throttled exactly like a real login, so a lockout does not reveal which emails exist.
    const lockedFor = unknownEmailLockedFor(ctx.workspaceId, data.email, now);
    if (lockedFor > 0) {
      await audit("auth.login_locked", "denied", tried, { reason: "unknown_email" });
      return { status: "locked", retryAfterSeconds: lockedFor };
    }
    await verifyNothing(data.password);
    registerUnknownFailure(ctx.workspaceId, data.email, now);
    await audit("auth.login", "failed", tried, { reason: ctx.workspaceId ? "unknown_email" : "unknown_workspace" });
    return { status: "invalid" };
  }
  if (login.lockedUntil && login.lockedUntil > now) {
    await audit("auth.login_locked", "denied", tried, { lockedUntil: login.lockedUntil.toISOString() });
    return { status: "locked", retryAfterSeconds: Math.ceil((login.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const fail = async (reason: string): Promise<SignInResult> => {
    const lockedUntil = await registerFailure(ctx.db, login.id, now);
    await audit("auth.login", "failed", tried, { reason, ...(lockedUntil ? { lockedUntil } : {}) });
    return { status: "invalid" };
  };

  const passwordOk = login.passwordHash
    ? await verifyPassword(login.passwordHash, data.password)
    : await verifyNothing(data.password);
  if (!passwordOk) return fail(login.passwordHash ? "wrong_password" : "no_password");
  const principal = await principalOf(ctx.db, login);
  if (!principal) return fail("inactive");

  let factor: "totp" | "recovery" | null = null;
  if (login.mfaEnabledAt) {
    if (!data.otp) {
      await audit("auth.login", "denied", tried, { reason: "otp_required" });
      return { status: "otp_required" };
    }
    factor = await checkSecondFactor(ctx, login, data.otp);
    if (!factor) return fail("wrong_otp");
  }
  return startSession(ctx, login, principal, factor, opts);
}

async function startSession(
  ctx: SignInCtx,
  login: Login,
  principal: Principal,
  factor: "totp" | "recovery" | null,
  opts: SignInOptions,
): Promise<SignInResult> {
  const now = ctx.clock.now();
  const actor = auditActor(principal.actor, principal.email);
  const session = await ctx.db.transaction(async (tx) => {
    if (opts.replaces) await endSession(tx, opts.replaces);
    await tx
      .update(logins)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now })
      .where(eq(logins.id, login.id));
    const s = await createSession(tx, login, ctx.client, now);
    if (factor === "recovery") {
      await writeAudit(tx, {
        workspaceId: login.workspaceId,
        actor,
        action: "auth.mfa_recovery_code_used",
        targetType: "login",
        targetId: login.id,
        client: ctx.client,
        details: { left: await recoveryCodesLeft(tx, login.id) },
        at: now,
      });
    }
    await writeAudit(tx, {
      workspaceId: login.workspaceId,
      actor,
      action: "auth.login",
      targetType: "login",
      targetId: login.id,
      client: ctx.client,
      details: { method: factor ? `password+${factor}` : "password" },
      at: now,
    });
    return s;
  });
  return { status: "ok", session, user: userOf(principal), loginId: login.id, workspaceId: login.workspaceId };
}
