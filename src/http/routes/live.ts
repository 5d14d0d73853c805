import { PassThrough } from "node:stream";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dueRangeQuery, presenceBody, presenceView } from "../../../common/api/live.js";
import { streamQuery } from "../../../common/api/notifications.js";
import { ticketView } from "../../../common/api/tickets.js";
import type { Helpdesk, LiveMessage } from "../../lib/index.js";
import { presentTicket } from "../presenters/ticket.js";
import { authOf, deskFor } from "../request-desk.js";
import { HEARTBEAT_MS, SSE_HEADERS, sse } from "./notifications.js";

/**
 * Live updates for the agent app: ONE Server-Sent Events stream per screen
 * carries ticket changes, presence and the in-app notifications (browsers
 * allow six connections per host; one stream per tab keeps several tabs
 * working). Presence is announced with a POST.
 */
export const liveRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["live"];
  const streams = new Set<() => void>();
  app.addHook("preClose", async () => {
    for (const end of [...streams]) end();
  });

  app.get(
    "/api/v1/stream",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Live updates for agents' screens as Server-Sent Events",
        description:
          "`event: ticket` `{ ticketId, event, actor, at }` when a ticket changed (refetch it), `event: presence` " +
          "`{ ticketId, agent, state }` when an agent views, types on or leaves a ticket, `event: notification` and " +
          "`event: unread` as on /api/v1/notifications/stream, and a `: heartbeat` comment every 25 s. " +
          "`?once=true` sends the unread count and closes.",
        querystring: streamQuery,
        produces: ["text/event-stream"],
      },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const stream = new PassThrough();
      reply.headers(SSE_HEADERS);
      // A probe (and HEAD) gets the unread count and the end of the stream, not a connection held open.
      if (request.query.once === true || request.method === "HEAD") {
        stream.end(sse("unread", { unreadCount: await d.notifications.unreadCount() }));
        return reply.send(stream);
      }
      let open = true;
      const offLive = await d.live.subscribe((m) => {
        if (open && (m.type === "ticket" || m.type === "presence")) stream.write(sse(String(m.type), m));
      });
      const offNotify = await d.notifications.subscribe((m: LiveMessage) => {
        if (!open) return;
        if (m.type === "notification") stream.write(sse("notification", m.notification));
        stream.write(sse("unread", { unreadCount: m.unreadCount }));
      });
      stream.write(`retry: 3000\n\n${sse("unread", { unreadCount: await d.notifications.unreadCount() })}`);
      const heartbeat = setInterval(() => stream.write(": heartbeat\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        if (!open) return;
        open = false;
        streams.delete(close);
        clearInterval(heartbeat);
        offLive().catch(() => undefined);
        offNotify().catch(() => undefined);
        stream.end();
      };
      streams.add(close);
      reply.raw.on("close", close);
      return reply.send(stream);
    },
  );

  app.post(
    "/api/v1/tickets/:ref/presence",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Announce that you view, type a reply on, or left a ticket (repeat every 15 s while true)",
        params: z.object({ ref: z.string().trim().min(1).max(100) }).strict(),
        body: presenceBody,
        response: { 200: presenceView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return d.live.presence(request.params.ref, request.body.state);
    },
  );

  app.get(
    "/api/v1/calendar/tickets",
    {
      config: { access: "staff" },
      schema: {
        tags: ["tickets"],
        summary: "Tickets due in a range, earliest first: their due date, else the SLA deadline while active",
        querystring: dueRangeQuery,
        response: { 200: z.object({ items: z.array(ticketView.partial().passthrough()), truncated: z.boolean() }) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const due = await d.tickets.due(request.query);
      const auth = authOf(request);
      return { items: due.items.map((t) => presentTicket(t, auth)), truncated: due.truncated };
    },
  );
};
