import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { mfaDisableBody, mfaVerifyBody } from "../../../common/api/auth.js";
import type { Tx } from "../../db/connection.js";
import { logins, mfaRecoveryCodes } from "../../db/schema/index.js";
import { auditActor, writeAudit } from "../audit/index.js";
import { conflict, forbidden, invalid, parseInput } from "../kernel/index.js";
import { getWorkspaceById } from "../people/index.js";
import { requireSession } from "./api-tokens.js";
import { getLogin, type Login, registerFailure } from "./logins.js";
import { verifyPassword } from "./passwords.js";
import type { AuthEnv, SignedInCtx } from "./ports.js";
import { decryptSecret, encryptSecret, hashToken } from "./secrets.js";
import {
  checkTotp,
  looksLikeTotp,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  totpUri,
} from "./totp.js";

const secretContext = (loginId: string) => `helpline:mfa:${loginId}`;

function totpSecretOf(env: AuthEnv, login: Login): string {
  if (!login.mfaSecret) throw conflict("auth.mfa_not_enrolled", "Start with POST /api/v1/auth/mfa/enrol.");
  try {
    return decryptSecret(env.secretKey, login.mfaSecret, secretContext(login.id));
  } catch {
    throw conflict(
      "auth.mfa_secret_unreadable",
      "The stored MFA secret cannot be decrypted with this server's key (HELPLINE_SECRET_KEY changed?).",
    );
  }
}

/** Accepts a TOTP step once: only if it is later than the last one accepted (safe under concurrency). */
async function acceptStep(db: Tx, loginId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(logins)
    .set({ mfaLastStep: step })
    .where(and(eq(logins.id, loginId), or(isNull(logins.mfaLastStep), lt(logins.mfaLastStep, step))))
    .returning({ id: logins.id });
  return rows.length > 0;
}

/**
 * Checks the second factor of a login with MFA on: a TOTP code (each works
 * once) or an unused recovery code (used up here). Returns what matched.
 */
export async function checkSecondFactor(env: AuthEnv, login: Login, code: string): Promise<"totp" | "recovery" | null> {
  const now = env.clock.now();
  if (looksLikeTotp(code)) {
    const step = await checkTotp(totpSecretOf(env, login), code, now, login.mfaLastStep);
    return step !== null && (await acceptStep(env.db, login.id, step)) ? "totp" : null;
  }
  const used = await env.db
    .update(mfaRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(mfaRecoveryCodes.loginId, login.id),
        eq(mfaRecoveryCodes.codeHash, hashToken(normalizeRecoveryCode(code))),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ loginId: mfaRecoveryCodes.loginId });
  return used.length > 0 ? "recovery" : null;
}

/** Recovery codes not used yet. */
export async function recoveryCodesLeft(db: Tx, loginId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.loginId, loginId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Starts MFA enrolment: a new secret, stored encrypted, not enforced until verified. */
export async function enrolMfa(ctx: SignedInCtx): Promise<{ secret: string; otpauthUrl: string }> {
  requireSession(ctx.auth, "change MFA");
  const login = await getLogin(ctx.db, ctx.auth.loginId);
  if (login.mfaEnabledAt)
    throw conflict("auth.mfa_already_enabled", "MFA is already on; disable it first to re-enrol.");
  const secret = newTotpSecret();
  const workspace = await getWorkspaceById(ctx.db, login.workspaceId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(logins)
      .set({
        mfaSecret: encryptSecret(ctx.secretKey, secret, secretContext(login.id)),
        mfaLastStep: null,
        updatedAt: now,
      })
      .where(eq(logins.id, login.id));
    await writeAudit(tx, {
      workspaceId: login.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.mfa_enrolled",
      targetType: "login",
      targetId: login.id,
      client: ctx.client,
      at: now,
    });
  });
  return { secret, otpauthUrl: totpUri({ issuer: workspace.name, account: login.email, secret }) };
}

/** Turns MFA on with a first code from the app; returns the recovery codes, once. */
export async function enableMfa(ctx: SignedInCtx, input: unknown): Promise<{ recoveryCodes: string[] }> {
  requireSession(ctx.auth, "change MFA");
  const { otp } = parseInput(mfaVerifyBody, input);
  const login = await getLogin(ctx.db, ctx.auth.loginId);
  if (login.mfaEnabledAt) throw conflict("auth.mfa_already_enabled", "MFA is already on.");
  const now = ctx.clock.now();
  const step = await checkTotp(totpSecretOf(ctx, login), otp, now, login.mfaLastStep);
  if (step === null || !(await acceptStep(ctx.db, login.id, step))) {
    throw invalid(
      "auth.otp_invalid",
      "otp: this code is wrong or expired; enter the current one from your app.",
      "otp",
    );
  }
  const codes = newRecoveryCodes(RECOVERY_CODE_COUNT);
  await ctx.db.transaction(async (tx) => {
    await tx.update(logins).set({ mfaEnabledAt: now, updatedAt: now }).where(eq(logins.id, login.id));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.loginId, login.id));
    await tx
      .insert(mfaRecoveryCodes)
      .values(codes.map((c) => ({ loginId: login.id, codeHash: hashToken(normalizeRecoveryCode(c)) })));
    await writeAudit(tx, {
      workspaceId: login.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.mfa_enabled",
      targetType: "login",
      targetId: login.id,
      client: ctx.client,
      details: { recoveryCodes: codes.length },
      at: now,
    });
  });
  return { recoveryCodes: codes };
}

/** Turns MFA off; needs the password and a current code (or a recovery code). */
export async function disableMfa(ctx: SignedInCtx, input: unknown): Promise<void> {
  requireSession(ctx.auth, "change MFA");
  const data = parseInput(mfaDisableBody, input);
  const login = await getLogin(ctx.db, ctx.auth.loginId);
  if (!login.mfaEnabledAt) throw conflict("auth.mfa_not_enabled", "MFA is not on for this account.");
  const now = ctx.clock.now();
  if (login.lockedUntil && login.lockedUntil > now) {
    throw forbidden("Too many wrong attempts; try again later.", "auth.too_many_attempts");
  }
  const passwordOk = login.passwordHash ? await verifyPassword(login.passwordHash, data.password) : false;
  const factor = passwordOk ? await checkSecondFactor(ctx, login, data.otp) : null;
  if (!factor) {
    const lockedUntil = await registerFailure(ctx.db, login.id, now);
    await writeAudit(ctx.db, {
      workspaceId: login.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.mfa_disabled",
      outcome: "failed",
      targetType: "login",
      targetId: login.id,
      client: ctx.client,
      details: { reason: passwordOk ? "wrong_otp" : "wrong_password", lockedUntil },
      at: now,
    });
    throw forbidden("The password or the code is wrong.", "auth.invalid_credentials");
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(logins)
      .set({ mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null, failedLogins: 0, updatedAt: now })
      .where(eq(logins.id, login.id));
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.loginId, login.id));
    await writeAudit(tx, {
      workspaceId: login.workspaceId,
      actor: auditActor(ctx.auth.actor, ctx.auth.email),
      action: "auth.mfa_disabled",
      targetType: "login",
      targetId: login.id,
      client: ctx.client,
      details: { confirmedWith: factor },
      at: now,
    });
  });
}
