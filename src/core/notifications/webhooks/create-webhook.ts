import { webhookSubscriptions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { recordAudit } from "../../audit/index.js";
import { encryptSecret, randomToken } from "../../auth/index.js";
import { type Ctx, newId, parseInput } from "../../kernel/index.js";
import { checkWebhookUrl } from "./url-check.js";
import {
  checkEvents,
  createWebhookInput,
  toWebhook,
  type WebhookChange,
  webhookSecretContext,
} from "./webhook-record.js";

/**
 * Subscribes a URL to events of the workspace (managers and superadmins;
 * audited). `json` webhooks get a signing secret, answered this once and
 * stored sealed with the instance key; `teams` ones (a Teams incoming webhook
 * URL) get none. The URL must be http(s) without credentials, and not a
 * loopback, private or internal address unless `allowPrivate: true`.
 */
export async function createWebhook(ctx: Ctx, env: { secretKey: Buffer }, rawInput: unknown): Promise<WebhookChange> {
  authorize(ctx.actor, "webhooks:manage");
  const input = parseInput(createWebhookInput, rawInput);
  const url = checkWebhookUrl(input.url, input.allowPrivate ?? false);
  const events = checkEvents(input.events);
  const format = input.format ?? "json";
  const now = ctx.clock.now();
  const id = newId(now);
  const secret = format === "json" ? randomToken() : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        id,
        workspaceId: ctx.workspaceId,
        name: input.name,
        url,
        format,
        secretSealed: secret ? encryptSecret(env.secretKey, secret, webhookSecretContext(id)) : null,
        events,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("webhook insert returned nothing");
    await recordAudit(tx, ctx, {
      action: "webhook.created",
      target: { type: "webhook", id },
      details: { name: row.name, url: row.url, format, events, allowPrivate: input.allowPrivate ?? false },
    });
    return { webhook: toWebhook(row), secret };
  });
}
