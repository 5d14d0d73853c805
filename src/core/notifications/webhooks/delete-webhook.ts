import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookSubscriptions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { recordAudit } from "../../audit/index.js";
import type { Ctx } from "../../kernel/index.js";
import { findWebhookRow, toWebhook, type Webhook } from "./webhook-record.js";

export interface WebhookRemoval {
  webhook: Webhook;
  /** Delivery log rows deleted with it (pending ones included: they will not be sent). */
  deliveriesDeleted: number;
}

/**
 * Deletes a webhook and its delivery log (managers and superadmins; audited,
 * with the URL and how many deliveries went with it). Pending deliveries are
 * dropped; one being sent at that moment may still reach the receiver once.
 * To stop deliveries but keep the log, pause it instead (`active: false`).
 */
export async function deleteWebhook(ctx: Ctx, id: string): Promise<WebhookRemoval> {
  authorize(ctx.actor, "webhooks:manage");
  return ctx.db.transaction(async (tx) => {
    const row = await findWebhookRow(tx, ctx, id, { forUpdate: true });
    const gone = await tx
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, ctx.workspaceId), eq(webhookDeliveries.subscriptionId, row.id)))
      .returning({ one: sql<number>`1` });
    await tx
      .delete(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.workspaceId, ctx.workspaceId), eq(webhookSubscriptions.id, row.id)));
    await recordAudit(tx, ctx, {
      action: "webhook.deleted",
      target: { type: "webhook", id: row.id },
      details: { name: row.name, url: row.url, deliveriesDeleted: gone.length },
    });
    return { webhook: toWebhook(row), deliveriesDeleted: gone.length };
  });
}
