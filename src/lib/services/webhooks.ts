import type { Ctx } from "../../core/kernel/index.js";
import type { NotifyEnv } from "../../core/notifications/index.js";
import * as notify from "../../core/notifications/index.js";
import type { Mutation } from "./people.js";

/**
 * Outgoing webhooks and Microsoft Teams incoming webhooks of the workspace
 * (managers and superadmins; changes audited). A webhook is named by id. The
 * signing secret is answered once, by `create` and `rotateSecret`.
 */
export function webhookServices(ctx: Ctx, mutation: Mutation, env: NotifyEnv) {
  const key = { secretKey: env.email.secretKey };
  return {
    /** Every webhook of the workspace, by name. */
    list: () => notify.listWebhooks(ctx),
    get: (id: string) => notify.getWebhook(ctx, id),
    /** `name`, `url`, `format` (json | teams), `events` (types or ["*"]), `allowPrivate`; answers the secret once. */
    create: mutation((c, input: notify.CreateWebhookInput) => notify.createWebhook(c, key, input)),
    /** name, url (+ allowPrivate), events, active (true re-enables and restarts the failure count). */
    update: mutation((c, id: string, input: notify.UpdateWebhookInput) => notify.updateWebhook(c, id, input)),
    /** Deletes it and its delivery log. */
    remove: mutation((c, id: string) => notify.deleteWebhook(c, id)),
    /** A new signing secret, answered once; the old one stops at once. */
    rotateSecret: mutation((c, id: string) => notify.rotateWebhookSecret(c, key, id)),
    /** The delivery log, newest first: status, attempts and each one's outcome, response, duration. */
    deliveries: (id: string, input: notify.ListWebhookDeliveriesInput = {}) =>
      notify.listWebhookDeliveries(ctx, id, input),
    /** POSTs a `ping` now and answers what the receiver said. */
    test: (id: string) => notify.testWebhook(ctx, env, id),
  };
}
