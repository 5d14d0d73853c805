export * from "./create-webhook.js";
export * from "./delete-webhook.js";
export * from "./deliver-due.js";
export { WEBHOOK_DELIVERY_STATUSES, type WebhookDelivery, type WebhookDeliveryStatus } from "./delivery-log.js";
export * from "./enqueue-listener.js";
export * from "./list-deliveries.js";
export * from "./list-webhooks.js";
export { WEBHOOK_TIMEOUT_MS as WEBHOOKS_TIMEOUT_MS, WEBHOOK_USER_AGENT, type WebhookEvent } from "./request.js";
export { MAX_WEBHOOK_ATTEMPTS, webhookRetryDelayMs } from "./retry.js";
export * from "./rotate-secret.js";
export { DISABLE_AFTER_FAILURES } from "./settle.js";
export { signatureHeader, verifyWebhookSignature, webhookSignature } from "./signing.js";
export { TEAMS_COLORS, type TeamsCard, teamsCard } from "./teams-card.js";
export * from "./test-webhook.js";
export * from "./update-webhook.js";
export { checkWebhookUrl, isPrivateHost } from "./url-check.js";
export {
  type CreateWebhookInput,
  createWebhookInput,
  type UpdateWebhookInput,
  updateWebhookInput,
  WEBHOOK_FORMATS,
  type Webhook,
  type WebhookChange,
  type WebhookFormat,
} from "./webhook-record.js";
