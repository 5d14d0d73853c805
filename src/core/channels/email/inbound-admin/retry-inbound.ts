import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { inboundEmails } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { recordAudit } from "../../../audit/index.js";
import { type Ctx, conflict, isUuid, notFound, parseInput } from "../../../kernel/index.js";

const RETRYABLE = ["failed", "ignored"];

export interface RetriedInbound {
  id: string;
  status: "received";
  previousStatus: string;
  nextAttemptAt: Date;
}

const idInput = z.string().trim().refine(isUuid, "must be the id of a stored inbound message");

/**
 * Sends a failed (or ignored) inbound message through the pipeline again: it
 * goes back to `received`, due now, with a fresh attempt count. The error it
 * failed with is kept in the audit log. Managers.
 */
export async function retryInbound(ctx: Ctx, rawId: unknown): Promise<RetriedInbound> {
  authorize(ctx.actor, "email:manage");
  const id = parseInput(idInput, rawId).toLowerCase();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: inboundEmails.id,
        status: inboundEmails.status,
        error: inboundEmails.error,
        attempts: inboundEmails.attempts,
        decision: inboundEmails.decision,
      })
      .from(inboundEmails)
      .where(and(eq(inboundEmails.workspaceId, ctx.workspaceId), eq(inboundEmails.id, id)))
      .for("update");
    if (!row) throw notFound("email.inbound_not_found", `No stored inbound message ${id}.`, "id");
    if (!RETRYABLE.includes(row.status)) {
      throw conflict(
        "email.inbound_not_retryable",
        `Inbound message ${id} is ${row.status}; only failed or ignored messages can be retried.`,
        { status: row.status },
      );
    }
    await tx
      .update(inboundEmails)
      .set({ status: "received", error: null, attempts: 0, nextAttemptAt: now, processedAt: null })
      .where(eq(inboundEmails.id, id));
    await recordAudit(tx, ctx, {
      action: "email.inbound_retried",
      target: { type: "inbound_email", id },
      details: {
        previousStatus: row.status,
        error: row.error,
        attempts: row.attempts,
        decision: row.decision ?? null,
      },
    });
    return { id, status: "received" as const, previousStatus: row.status, nextAttemptAt: now };
  });
}
