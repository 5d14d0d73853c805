import type { Tx } from "../../db/connection.js";
import { auditLog } from "../../db/schema/index.js";
import type { Actor, ClientInfo } from "../kernel/index.js";

/** Actions the auth module records; other modules add their own (`role.changed`, `settings.changed`, …). */
export const AUTH_AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_locked",
  "auth.logout",
  "auth.logout_all",
  "auth.password_changed",
  "auth.password_reset_requested",
  "auth.password_reset_completed",
  "auth.mfa_enrolled",
  "auth.mfa_enabled",
  "auth.mfa_disabled",
  "auth.mfa_recovery_code_used",
  "auth.token_created",
  "auth.token_revoked",
  "auth.admin_bootstrapped",
] as const;

/**
 * Who did it: a person, the system, or (for a failed sign-in) just the email
 * that was tried. Stored as `{ type, id, name?, email? }`, the shape
 * `core/audit` lists.
 */
export type AuditActor =
  | { type: "agent" | "customer"; id: string; email?: string }
  | { type: "system"; id: null; name: string }
  | { type: "anonymous"; id: null; email: string };

export interface AuditEntry {
  workspaceId: string | null;
  actor: AuditActor;
  action: string;
  outcome?: "ok" | "denied" | "failed";
  targetType?: string;
  targetId?: string;
  client?: ClientInfo;
  /** Never secrets: no passwords, tokens, codes or keys. */
  details?: Record<string, unknown>;
  at: Date;
}

/** The audit actor for an engine actor. */
export function auditActor(actor: Actor, email?: string): AuditActor {
  if (actor.type === "system") return { type: "system", id: null, name: actor.name };
  return email ? { type: actor.type, id: actor.id, email } : { type: actor.type, id: actor.id };
}

/**
 * Appends one row to the audit log (a trigger refuses updates and deletes).
 * Pass the transaction of the change it records, so both commit together.
 * The low-level writer: commands with a `Ctx` use `core/audit`'s `recordAudit`;
 * sign-in needs this one, as its actor may be nobody yet (just an email).
 */
export async function writeAudit(db: Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    actor: entry.actor,
    action: entry.action,
    outcome: entry.outcome ?? "ok",
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.client?.ip ?? null,
    userAgent: entry.client?.userAgent?.slice(0, 500) ?? null,
    details: entry.details ?? {},
    createdAt: entry.at,
  });
}
