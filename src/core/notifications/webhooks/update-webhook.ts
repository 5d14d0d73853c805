import { and, eq } from "drizzle-orm";
import { webhookSubscriptions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { recordAudit } from "../../audit/index.js";
import { type Ctx, parseInput } from "../../kernel/index.js";
import { checkWebhookUrl } from "./url-check.js";
import {
  checkEvents,
  findWebhookRow,
  toWebhook,
  updateWebhookInput,
  type Webhook,
  type WebhookRow,
} from "./webhook-record.js";

type Patch = Partial<Omit<WebhookRow, "id" | "workspaceId" | "createdAt">>;

/**
 * Changes a webhook (managers and superadmins; audited): name, url (checked
 * like on create; `allowPrivate: true` for a private address), events, active.
 * `active: false` pauses it; `active: true` on a paused or auto-disabled one
 * re-enables it and restarts its failure count. Deliveries already given up
 * stay failed.
 */
export async function updateWebhook(ctx: Ctx, id: string, rawInput: unknown): Promise<Webhook> {
  authorize(ctx.actor, "webhooks:manage");
  const input = parseInput(updateWebhookInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findWebhookRow(tx, ctx, id, { forUpdate: true });
    const patch: Patch = {};
    const changed: string[] = [];
    if (input.name !== undefined && input.name !== row.name) {
      patch.name = input.name;
      changed.push("name");
    }
    if (input.url !== undefined) {
      const url = checkWebhookUrl(input.url, input.allowPrivate ?? false);
      if (url !== row.url) {
        patch.url = url;
        changed.push("url");
      }
    }
    if (input.events !== undefined) {
      const events = checkEvents(input.events);
      if (events.join(",") !== row.events.join(",")) {
        patch.events = events;
        changed.push("events");
      }
    }
    if (input.active === true && (!row.active || row.consecutiveFailures > 0)) {
      Object.assign(patch, { active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
      changed.push(row.active ? "failures.reset" : "active");
    } else if (input.active === false && row.active) {
      Object.assign(patch, { active: false, disabledAt: now, disabledReason: "paused by an administrator" });
      changed.push("active");
    }
    if (changed.length === 0) return toWebhook(row);
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(webhookSubscriptions.workspaceId, ctx.workspaceId), eq(webhookSubscriptions.id, row.id)))
      .returning();
    if (!updated) throw new Error("webhook update returned nothing");
    await recordAudit(tx, ctx, {
      action: "webhook.changed",
      target: { type: "webhook", id: row.id },
      details: { name: updated.name, changed, ...(patch.url ? { url: patch.url } : {}) },
    });
    return toWebhook(updated);
  });
}
