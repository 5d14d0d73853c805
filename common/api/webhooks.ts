/** API contracts of outgoing webhooks and Teams incoming webhooks, shared by the server and the web app. */
import { z } from "zod";

const iso = z.string().describe("ISO-8601 timestamp");

export const webhookView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  format: z.enum(["json", "teams"]).describe("json: signed Helpline events; teams: a Microsoft Teams message card"),
  events: z.array(z.string()).describe('event types, or ["*"] for all'),
  active: z.boolean(),
  signed: z.boolean().describe("a signing secret is stored (shown only when issued)"),
  consecutiveFailures: z.number().int().describe("failed attempts in a row; 20 disables the webhook"),
  disabledAt: iso.nullable(),
  disabledReason: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const webhookChangeView = z.object({
  webhook: webhookView,
  secret: z.string().nullable().describe("the signing secret: shown this once, store it now (null for Teams webhooks)"),
});

export const webhookRemovalView = z.object({
  webhook: webhookView,
  deliveriesDeleted: z.number().int().describe("delivery log rows deleted with it"),
});

export const webhookDeliveryView = z.object({
  id: z.string().describe("the X-Helpline-Delivery id"),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(["pending", "sending", "sent", "failed"]),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable().describe("why the last failed attempt failed"),
  attemptLog: z.array(z.string()).describe("every attempt's outcome, oldest first"),
  durationMs: z.number().int().nullable(),
  createdAt: iso,
  nextAttemptAt: iso.nullable(),
  deliveredAt: iso.nullable(),
});

export const webhookTestView = z.object({
  webhookId: z.string(),
  url: z.string(),
  ok: z.boolean().describe("the receiver answered 2xx"),
  status: z.number().int().nullable().describe("null: no answer"),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  body: z.string().describe("the start of the receiver's answer"),
  deliveryId: z.string().describe("the X-Helpline-Delivery id of the ping"),
});

export const webhookParam = z.object({ id: z.string().trim().min(1).max(100).describe("webhook id") }).strict();

export const listWebhookDeliveriesQuery = z
  .object({
    status: z.enum(["pending", "sending", "sent", "failed"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export type WebhookView = z.infer<typeof webhookView>;
export type WebhookChangeView = z.infer<typeof webhookChangeView>;
export type WebhookRemovalView = z.infer<typeof webhookRemovalView>;
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryView>;
export type WebhookTestView = z.infer<typeof webhookTestView>;
