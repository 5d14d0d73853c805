import { and, eq } from "drizzle-orm";
import { outboundEmails } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { recordAudit } from "../../../audit/index.js";
import { type Ctx, conflict, isUuid, notFound } from "../../../kernel/index.js";
import { setDelivery } from "./delivery-state.js";
import { type OutboundEmail, toOutboundEmail } from "./outbound-email.js";

/**
 * Sends a failed (or still waiting) message again now, attempts counted from
 * zero: after the address was fixed, the server came back, or the settings
 * changed. A message already sent, or being sent right now, is refused.
 */
export async function retryOutbound(ctx: Ctx, id: string): Promise<OutboundEmail> {
  authorize(ctx.actor, "email:manage");
  const missing = () =>
    notFound("email.outbound_not_found", `No outbound email with id ${id} in this workspace.`, "id");
  if (!isUuid(id)) throw missing();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.workspaceId, ctx.workspaceId), eq(outboundEmails.id, id)))
      .for("update");
    if (!row) throw missing();
    if (row.status === "sent") throw conflict("email.already_sent", `Email ${id} was already sent; nothing to retry.`);
    if (row.status === "sending" && row.nextAttemptAt && row.nextAttemptAt > now) {
      throw conflict("email.sending", `Email ${id} is being sent right now; look again in a few minutes.`);
    }
    const [updated] = await tx
      .update(outboundEmails)
      .set({ status: "queued", attempts: 0, nextAttemptAt: now, lastError: null })
      .where(eq(outboundEmails.id, id))
      .returning();
    if (!updated) throw missing();
    if (updated.entryId) {
      await setDelivery(tx, updated.entryId, { status: "queued", outboundId: id, attempts: 0 });
    }
    await recordAudit(tx, ctx, {
      action: "email.retried",
      target: { type: "outbound_email", id },
      details: { previousStatus: row.status, lastError: row.lastError, to: row.to },
    });
    return toOutboundEmail(updated);
  });
}
