import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { pageOf } from "../../../common/api/tickets.js";
import {
  listWebhookDeliveriesQuery,
  type WebhookChangeView,
  type WebhookDeliveryView,
  type WebhookView,
  webhookChangeView,
  webhookDeliveryView,
  webhookParam,
  webhookRemovalView,
  webhookTestView,
  webhookView,
} from "../../../common/api/webhooks.js";
import {
  createWebhookInput,
  type Helpdesk,
  updateWebhookInput,
  type Webhook,
  type WebhookChange,
  type WebhookDelivery,
} from "../../lib/index.js";
import { deskFor } from "../request-desk.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentWebhook(w: Webhook): WebhookView {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    format: w.format,
    events: w.events,
    active: w.active,
    signed: w.signed,
    consecutiveFailures: w.consecutiveFailures,
    disabledAt: iso(w.disabledAt),
    disabledReason: w.disabledReason,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

const presentChange = (c: WebhookChange): WebhookChangeView => ({
  webhook: presentWebhook(c.webhook),
  secret: c.secret,
});

function presentDelivery(d: WebhookDelivery): WebhookDeliveryView {
  return {
    ...d,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: iso(d.nextAttemptAt),
    deliveredAt: iso(d.deliveredAt),
  };
}

/**
 * Webhooks (`/api/v1/webhooks`): outgoing webhooks (signed JSON events) and
 * Microsoft Teams incoming webhooks, their delivery log, test sends and secret
 * rotation. Managers and superadmins; the engine decides (core/notifications/webhooks).
 */
export const webhookRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["webhooks"];
  const config = { access: "manager" as const };
  const hooks = async (request: Parameters<typeof deskFor>[1]) => (await deskFor(desk, request)).notifications.webhooks;

  app.get(
    "/api/v1/webhooks",
    { config, schema: { tags, summary: "The workspace's webhooks, by name", response: { 200: pageOf(webhookView) } } },
    async (request) => {
      const page = await (await hooks(request)).list();
      return { items: page.items.map(presentWebhook), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/webhooks",
    {
      config,
      schema: {
        tags,
        summary:
          "Subscribe a URL to events; the signing secret is answered this once. Loopback and private addresses need allowPrivate: true",
        body: createWebhookInput,
        response: { 201: webhookChangeView },
      },
    },
    async (request, reply) => reply.code(201).send(presentChange(await (await hooks(request)).create(request.body))),
  );

  app.get(
    "/api/v1/webhooks/:id",
    { config, schema: { tags, summary: "One webhook", params: webhookParam, response: { 200: webhookView } } },
    async (request) => presentWebhook(await (await hooks(request)).get(request.params.id)),
  );

  app.patch(
    "/api/v1/webhooks/:id",
    {
      config,
      schema: {
        tags,
        summary: "Change name, url, events or active (active: true re-enables and restarts the failure count)",
        params: webhookParam,
        body: updateWebhookInput,
        response: { 200: webhookView },
      },
    },
    async (request) => presentWebhook(await (await hooks(request)).update(request.params.id, request.body)),
  );

  app.delete(
    "/api/v1/webhooks/:id",
    {
      config,
      schema: {
        tags,
        summary: "Delete a webhook and its delivery log (pause it with active: false to keep the log)",
        params: webhookParam,
        response: { 200: webhookRemovalView },
      },
    },
    async (request) => {
      const removed = await (await hooks(request)).remove(request.params.id);
      return { webhook: presentWebhook(removed.webhook), deliveriesDeleted: removed.deliveriesDeleted };
    },
  );

  app.get(
    "/api/v1/webhooks/:id/deliveries",
    {
      config,
      schema: {
        tags,
        summary: "The delivery log, newest first: status, attempts and each one's outcome, response, duration",
        params: webhookParam,
        querystring: listWebhookDeliveriesQuery,
        response: { 200: pageOf(webhookDeliveryView) },
      },
    },
    async (request) => {
      const page = await (await hooks(request)).deliveries(request.params.id, request.query);
      return { items: page.items.map(presentDelivery), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/webhooks/:id/test",
    {
      config,
      schema: {
        tags,
        summary: "Send a ping event now; answers what the receiver said (a failure is 200 with ok: false)",
        params: webhookParam,
        response: { 200: webhookTestView },
      },
    },
    async (request) => (await hooks(request)).test(request.params.id),
  );

  app.post(
    "/api/v1/webhooks/:id/rotate-secret",
    {
      config,
      schema: {
        tags,
        summary: "Issue a new signing secret (answered this once; the old one stops at once)",
        params: webhookParam,
        response: { 200: webhookChangeView },
      },
    },
    async (request) => presentChange(await (await hooks(request)).rotateSecret(request.params.id)),
  );
};
