import type { Tx } from "../../db/connection.js";
import { auditLog } from "../../db/schema/index.js";
import { actorRef, type Ctx } from "../kernel/index.js";

export type AuditOutcome = "ok" | "denied" | "failed";

export interface AuditEntry {
  /** What happened, `noun.verb`: `agent.role_changed`, `workspace.settings_changed`. */
  action: string;
  target?: { type: string; id: string };
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

/**
 * Appends one row to the audit log (append-only: a trigger refuses updates and
 * deletes). Pass the open transaction so the record commits with the change it
 * describes; denied attempts are recorded after the change rolled back.
 */
export async function recordAudit(tx: Tx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    actor: actorRef(ctx.actor),
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    outcome: entry.outcome ?? "ok",
    ip: ctx.client?.ip ?? null,
    userAgent: ctx.client?.userAgent?.slice(0, 500) ?? null,
    details: entry.details ?? {},
    createdAt: ctx.clock.now(),
  });
}
