import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../../db/connection.js";
import { emailMessageIds, outboundEmails } from "../../../../db/schema/index.js";
import type { Ctx } from "../../../kernel/index.js";
import { appendEntries } from "../../../timeline/index.js";
import { bracketed } from "../message-id.js";
import type { DeliveryReport } from "../types.js";

/**
 * A delivery status notification about mail we sent: a failure marks the
 * outbound message failed (with the server's diagnostic, on its timeline entry
 * too) and notes it on the ticket. Never a new ticket. Returns the sentence
 * stored as the inbound message's decision.
 */
export async function applyBounce(tx: Tx, ctx: Ctx, report: DeliveryReport, now: Date): Promise<string> {
  if (!report.originalMessageId) return "a delivery report that names no message of ours: ignored";
  const [sent] = await tx
    .select({
      outboundId: emailMessageIds.outboundId,
      ticketId: emailMessageIds.ticketId,
      entryId: emailMessageIds.entryId,
    })
    .from(emailMessageIds)
    .where(
      and(
        eq(emailMessageIds.workspaceId, ctx.workspaceId),
        eq(emailMessageIds.messageId, report.originalMessageId),
        eq(emailMessageIds.direction, "out"),
      ),
    );
  const ref = bracketed(report.originalMessageId);
  if (!sent) return `a delivery report about ${ref}, which we did not send: ignored`;
  if (report.action !== "failed") return `a delivery report (${report.action}) about ${ref}: nothing to do`;
  const reason = [report.status, report.diagnostic].filter(Boolean).join(" ").slice(0, 1000) || "bounced";
  if (sent.outboundId) {
    await tx
      .update(outboundEmails)
      .set({ status: "failed", lastError: `bounced: ${reason}`, nextAttemptAt: null })
      .where(and(eq(outboundEmails.id, sent.outboundId), eq(outboundEmails.workspaceId, ctx.workspaceId)));
  }
  if (sent.entryId) {
    await tx.execute(sql`
      update timeline_entries
         set email = jsonb_set(coalesce(email, '{}'::jsonb), '{delivery}',
               coalesce(email->'delivery', '{}'::jsonb) || ${JSON.stringify({ status: "failed", error: `bounced: ${reason}` })}::jsonb)
       where id = ${sent.entryId} and workspace_id = ${ctx.workspaceId}`);
  }
  await appendEntries(
    tx,
    ctx,
    [
      {
        ticketId: sent.ticketId,
        kind: "event",
        body: `Email to ${report.recipient ?? "the recipient"} bounced: ${reason}`,
        event: {
          action: "email_bounced",
          changes: [{ field: "delivery", from: "sent", to: "failed" }],
        },
      },
    ],
    now,
  );
  return `bounce of ${ref} to ${report.recipient ?? "?"}: ${reason}`;
}
