import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordResetBody, passwordResetConfirmBody } from "../../../common/api/auth.js";
import type { Tx } from "../../db/connection.js";
import { agents, customers, passwordResets } from "../../db/schema/index.js";
import { writeAudit } from "../audit/index.js";
import type { ClientInfo } from "../kernel/index.js";
import { invalid, parseInput } from "../kernel/index.js";
import { getWorkspaceById } from "../people/index.js";
import { ensureLogin, findLoginByEmail, getLogin, type Login, storePasswordHash } from "./logins.js";
import { checkPasswordPolicy, hashPassword } from "./passwords.js";
import type { AuthEnv } from "./ports.js";
import { hashToken, randomToken } from "./secrets.js";

export const RESET_TOKEN_TTL_MS = 3_600_000;

/** An active agent, or a customer, of the workspace with this email: they may get a login by email. */
async function loginForEmail(env: AuthEnv, workspaceId: string, email: string): Promise<Login | undefined> {
  const login = await findLoginByEmail(env.db, workspaceId, email);
  if (login) return login;
  const [agent] = await env.db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), eq(agents.email, email), eq(agents.active, true)));
  const [customer] = agent
    ? []
    : await env.db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), eq(customers.email, email)));
  const person = agent
    ? { type: "agent" as const, id: agent.id }
    : customer && { type: "customer" as const, id: customer.id };
  if (!person) return undefined;
  return ensureLogin(env.db, env.clock, { workspaceId, ...person });
}

/**
 * Emails a single-use reset token (valid for an hour) when someone signs in
 * with this email, or could (an agent or customer without a password yet).
 * Says nothing either way: the caller answers the same in every case.
 */
export async function requestPasswordReset(
  env: AuthEnv & { workspaceId: string | null; client: ClientInfo },
  input: unknown,
): Promise<void> {
  const { email } = parseInput(passwordResetBody, input);
  const now = env.clock.now();
  const login = env.workspaceId ? await loginForEmail(env, env.workspaceId, email) : undefined;
  const base = { workspaceId: env.workspaceId, action: "auth.password_reset_requested", client: env.client, at: now };
  if (!login) {
    await writeAudit(env.db, {
      ...base,
      actor: { type: "anonymous", id: null, email },
      outcome: "failed",
      details: { reason: env.workspaceId ? "unknown_email" : "unknown_workspace" },
    });
    return;
  }
  const token = randomToken(32);
  await env.db.insert(passwordResets).values({
    tokenHash: hashToken(token),
    loginId: login.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS),
  });
  const workspace = await getWorkspaceById(env.db, login.workspaceId);
  let delivered = true;
  try {
    await env.mailer.send({
      to: login.email,
      subject: `Reset your ${workspace.name} password`,
      text: [
        `Someone (hopefully you) asked to reset the password of ${login.email} on ${workspace.name}.`,
        "",
        `Your reset token, valid for one hour and usable once: ${token}`,
        "",
        "Send it with your new password to POST /api/v1/auth/password-reset/confirm.",
        "If you did not ask for this, ignore this message: your password stays as it is.",
      ].join("\n"),
    });
  } catch {
    delivered = false;
  }
  // Anyone may ask: the actor is the email given, the account is the target.
  await writeAudit(env.db, {
    ...base,
    actor: { type: "anonymous", id: null, email },
    outcome: delivered ? "ok" : "failed",
    targetType: "login",
    targetId: login.id,
    ...(delivered ? {} : { details: { reason: "mail_failed" } }),
  });
}

const tokenInvalid = () =>
  invalid(
    "auth.reset_token_invalid",
    "token: this reset token is unknown, used or expired; ask for a new one.",
    "token",
  );

async function usableReset(db: Tx, tokenHash: string, now: Date) {
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(
      and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
    );
  return row;
}

/** Sets a new password with a reset token (used up here); every session of that login ends. */
export async function confirmPasswordReset(env: AuthEnv & { client: ClientInfo }, input: unknown): Promise<void> {
  const data = parseInput(passwordResetConfirmBody, input);
  const now = env.clock.now();
  const tokenHash = hashToken(data.token);
  const reset = await usableReset(env.db, tokenHash, now);
  if (!reset) throw tokenInvalid();
  const login = await getLogin(env.db, reset.loginId);
  checkPasswordPolicy(data.password, login.email);
  const passwordHash = await hashPassword(data.password);
  await env.db.transaction(async (tx) => {
    const used = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
      )
      .returning({ loginId: passwordResets.loginId });
    if (used.length === 0) throw tokenInvalid();
    // Any other reset token of this login is void too.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.loginId, login.id), isNull(passwordResets.usedAt)));
    await storePasswordHash(tx, login.id, passwordHash, now);
    await writeAudit(tx, {
      workspaceId: login.workspaceId,
      actor: { type: login.personType as "agent" | "customer", id: login.personId, email: login.email },
      action: "auth.password_reset_completed",
      targetType: "login",
      targetId: login.id,
      client: env.client,
      at: now,
    });
  });
}
