import { PassThrough } from "node:stream";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  deliveryView,
  listDeliveriesQuery,
  listNotificationsQuery,
  markAllReadView,
  markReadView,
  notificationIdParam,
  notificationPageView,
  preferencesView,
  streamQuery,
} from "../../../common/api/notifications.js";
import { pageOf } from "../../../common/api/tickets.js";
import {
  type DeliveryLogEntry,
  type Helpdesk,
  type InAppNotification,
  type LiveMessage,
  preferencesPatch,
} from "../../lib/index.js";
import { deskFor } from "../request-desk.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A comment line every this many ms keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;

export const presentNotification = (n: InAppNotification) => ({
  ...n,
  createdAt: n.createdAt.toISOString(),
  readAt: iso(n.readAt),
});

const presentDelivery = (e: DeliveryLogEntry) => ({
  ...e,
  nextAttemptAt: iso(e.nextAttemptAt),
  createdAt: e.createdAt.toISOString(),
  sentAt: iso(e.sentAt),
});

/** One Server-Sent Event. */
export const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/**
 * The in-app notification centre (agents; customers 403): list, mark read, the
 * live stream (Server-Sent Events), one's own preferences, and the delivery log
 * (managers).
 */
export const notificationRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];
  /** Open streams: ended when the server closes (it would otherwise wait for every client to leave). */
  const streams = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const end of [...streams]) end();
  });

  app.get(
    "/api/v1/notifications",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Your notifications, newest first, with the unread count (?unread=true: only unread)",
        querystring: listNotificationsQuery,
        response: { 200: notificationPageView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { unread, limit, cursor } = request.query;
      const page = await d.notifications.list({
        ...(unread !== undefined ? { unreadOnly: unread } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
      return { ...page, items: page.items.map(presentNotification) };
    },
  );

  app.post(
    "/api/v1/notifications/:id/read",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Mark one of your notifications read (someone else's is not found)",
        params: notificationIdParam,
        response: { 200: markReadView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const r = await d.notifications.markRead(request.params.id);
      return { notification: presentNotification(r.notification), unreadCount: r.unreadCount };
    },
  );

  app.post(
    "/api/v1/notifications/read-all",
    {
      config: { access: "staff" },
      schema: { tags, summary: "Mark all your notifications read", response: { 200: markAllReadView } },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return { marked: await d.notifications.markAllRead(), unreadCount: 0 };
    },
  );

  app.get(
    "/api/v1/notifications/stream",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Live notifications as Server-Sent Events",
        description:
          "`event: unread` with `{ unreadCount }` at once and after every change, `event: notification` with " +
          "the notification (as in the list) for each new one, a `: heartbeat` comment every 25 s. The stream " +
          "stays open until the client goes away; `?once=true` sends the unread count and closes.",
        querystring: streamQuery,
        produces: ["text/event-stream"],
      },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const stream = new PassThrough();
      reply.headers(SSE_HEADERS);
      if (request.query.once === true || request.method === "HEAD") {
        stream.end(sse("unread", { unreadCount: await d.notifications.unreadCount() }));
        return reply.send(stream);
      }
      let open = true;
      const unsubscribe = await d.notifications.subscribe((m: LiveMessage) => {
        if (!open) return;
        if (m.type === "notification") stream.write(sse("notification", m.notification));
        stream.write(sse("unread", { unreadCount: m.unreadCount }));
      });
      // Subscribed first, then counted: nothing published in between is missed.
      stream.write(`retry: 5000\n\n${sse("unread", { unreadCount: await d.notifications.unreadCount() })}`);
      const heartbeat = setInterval(() => stream.write(": heartbeat\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        if (!open) return;
        open = false;
        streams.delete(close);
        clearInterval(heartbeat);
        unsubscribe().catch(() => undefined);
        stream.end();
      };
      streams.add(close);
      // The client went away (or the stream ended): unsubscribe.
      reply.raw.on("close", close);
      return reply.send(stream);
    },
  );

  app.get(
    "/api/v1/me/notification-preferences",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Your notification preferences: channels per kind, quiet hours, time zone, email batching",
        response: { 200: preferencesView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return d.notifications.preferences.get();
    },
  );

  app.put(
    "/api/v1/me/notification-preferences",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change your notification preferences (only the fields given; unknown kinds or channels: 400)",
        body: preferencesPatch,
        response: { 200: preferencesView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return d.notifications.preferences.update(request.body);
    },
  );

  app.get(
    "/api/v1/notifications/deliveries",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "The notification delivery log, newest first: channel, recipient, status and why (managers)",
        querystring: listDeliveriesQuery,
        response: { 200: pageOf(deliveryView) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { limit, ...rest } = request.query;
      const page = await d.notifications.deliveries({
        ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        ...(limit !== undefined ? { limit } : {}),
      });
      return { items: page.items.map(presentDelivery), nextCursor: page.nextCursor };
    },
  );
};
