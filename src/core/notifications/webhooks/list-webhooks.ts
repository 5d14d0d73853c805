import { asc, eq } from "drizzle-orm";
import { webhookSubscriptions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import type { Ctx, Page } from "../../kernel/index.js";
import { findWebhookRow, toWebhook, type Webhook } from "./webhook-record.js";

/** The workspace's webhooks by name (managers and superadmins); few, so one page. */
export async function listWebhooks(ctx: Ctx): Promise<Page<Webhook>> {
  authorize(ctx.actor, "webhooks:manage");
  const rows = await ctx.db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.workspaceId, ctx.workspaceId))
    .orderBy(asc(webhookSubscriptions.name), asc(webhookSubscriptions.id));
  return { items: rows.map(toWebhook), nextCursor: null };
}

/** One webhook by id (managers and superadmins); `webhook.not_found` for other workspaces' too. */
export async function getWebhook(ctx: Ctx, id: string): Promise<Webhook> {
  authorize(ctx.actor, "webhooks:manage");
  return toWebhook(await findWebhookRow(ctx.db, ctx, id));
}
