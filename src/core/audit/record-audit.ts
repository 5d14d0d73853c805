import type { Tx } from "../../db/connection.js";
import type { Ctx } from "../kernel/index.js";
import { auditActor, writeAudit } from "./write-audit.js";

export type AuditOutcome = "ok" | "denied" | "failed";

export interface AuditChange {
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
export async function recordAudit(tx: Tx, ctx: Ctx, entry: AuditChange): Promise<void> {
  await writeAudit(tx, {
    workspaceId: ctx.workspaceId,
    actor: auditActor(ctx.actor),
    action: entry.action,
    ...(entry.target ? { targetType: entry.target.type, targetId: entry.target.id } : {}),
    outcome: entry.outcome ?? "ok",
    ...(ctx.client ? { client: ctx.client } : {}),
    details: entry.details ?? {},
    at: ctx.clock.now(),
  });
}
