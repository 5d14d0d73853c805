import { and, eq } from "drizzle-orm";
import { webhookSubscriptions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { recordAudit } from "../../audit/index.js";
import { encryptSecret, randomToken } from "../../auth/index.js";
import { type Ctx, invalid } from "../../kernel/index.js";
import { findWebhookRow, toWebhook, type WebhookChange, webhookSecretContext } from "./webhook-record.js";

/**
 * Issues a new signing secret (managers and superadmins; audited), answered
 * this once; deliveries from now on are signed with it (the old one stops at
 * once, so update the receiver right after). Teams webhooks have no secret.
 */
export async function rotateWebhookSecret(ctx: Ctx, env: { secretKey: Buffer }, id: string): Promise<WebhookChange> {
  authorize(ctx.actor, "webhooks:manage");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findWebhookRow(tx, ctx, id, { forUpdate: true });
    if (row.format !== "json") {
      throw invalid(
        "webhook.no_secret",
        "webhook: Teams webhooks are not signed, so there is no secret to rotate",
        "webhook",
      );
    }
    const secret = randomToken();
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set({ secretSealed: encryptSecret(env.secretKey, secret, webhookSecretContext(row.id)), updatedAt: now })
      .where(and(eq(webhookSubscriptions.workspaceId, ctx.workspaceId), eq(webhookSubscriptions.id, row.id)))
      .returning();
    if (!updated) throw new Error("webhook update returned nothing");
    await recordAudit(tx, ctx, {
      action: "webhook.secret_rotated",
      target: { type: "webhook", id: row.id },
      details: { name: row.name },
    });
    return { webhook: toWebhook(updated), secret };
  });
}
