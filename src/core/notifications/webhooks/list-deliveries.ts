import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { webhookDeliveries } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import {
  type Ctx,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Page,
  parseInput,
} from "../../kernel/index.js";
import { toWebhookDelivery, WEBHOOK_DELIVERY_STATUSES, type WebhookDelivery } from "./delivery-log.js";
import { findWebhookRow } from "./webhook-record.js";

export const listWebhookDeliveriesInput = z
  .object({
    status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListWebhookDeliveriesInput = z.input<typeof listWebhookDeliveriesInput>;

/** A webhook's delivery log, newest first (managers and superadmins). */
export async function listWebhookDeliveries(
  ctx: Ctx,
  id: string,
  rawInput: unknown = {},
): Promise<Page<WebhookDelivery>> {
  authorize(ctx.actor, "webhooks:manage");
  const input = parseInput(listWebhookDeliveriesInput, rawInput);
  const hook = await findWebhookRow(ctx.db, ctx, id);
  const where: (SQL | undefined)[] = [
    eq(webhookDeliveries.workspaceId, ctx.workspaceId),
    eq(webhookDeliveries.subscriptionId, hook.id),
    input.status ? eq(webhookDeliveries.status, input.status) : undefined,
  ];
  if (input.cursor) {
    const [after] = decodeCursor(input.cursor, 1) as [string];
    where.push(lt(webhookDeliveries.id, String(after)));
  }
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.id))
    .limit(input.limit + 1);
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit).map(toWebhookDelivery);
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor([last.id]) : null };
}
