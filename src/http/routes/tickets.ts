import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pageOf, ticketView, timelineEntryView } from "../../../common/api/tickets.js";
import {
  assignInput,
  commentInput,
  createTicketInput,
  DomainError,
  escalateInput,
  type Helpdesk,
  statusInput,
  updateTicketInput,
} from "../../lib/index.js";
import { presentTicket, presentTimeline } from "../presenters/ticket.js";
import { authOf, deskFor } from "../request-desk.js";

const ref = z.object({ ref: z.string().min(1).max(100).describe("TKT-1001, 1001 or the ticket id") }).strict();
const tags = ["tickets"];

export const queueQuery = z
  .object({
    q: z
      .string()
      .max(10_000)
      .optional()
      .describe(
        "a query in the query language (`status: open assignee: me sort by: created`); replaces the filters below",
      ),
    status: z.string().max(200).optional().describe("a status, several comma-separated, `active` (default) or `all`"),
    assignee: z.string().max(320).optional().describe("agent id or email, `me`, or `none` for unassigned"),
    priority: z.string().max(10).optional().describe("critical|high|medium|low or 1-4"),
    team: z.string().max(200).optional(),
    category: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/** Turns query-string filters into the engine's queue input. */
export function toQueueInput(q: z.infer<typeof queueQuery>) {
  return {
    ...(q.status ? { status: q.status.includes(",") ? q.status.split(",") : q.status } : {}),
    ...(q.assignee ? { assignee: q.assignee === "none" ? null : q.assignee } : {}),
    ...(q.priority ? { priority: /^[1-4]$/.test(q.priority) ? Number(q.priority) : q.priority } : {}),
    ...(q.team ? { team: q.team } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  };
}

const FILTERS = ["status", "assignee", "priority", "team", "category"] as const;

/** `?q=` with paging; the old filter parameters cannot be mixed in (the query says it all). */
function queryListInput(q: z.infer<typeof queueQuery>) {
  const mixed = FILTERS.filter((f) => q[f] !== undefined);
  if (mixed.length > 0) {
    throw new DomainError(
      "validation",
      "query.mixed_filters",
      `Use either q or the filter parameters, not both: write ${mixed.map((f) => `"${f}: …"`).join(", ")} inside q.`,
      mixed[0],
    );
  }
  return { q: q.q ?? "", ...(q.limit ? { limit: q.limit } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) };
}

/** The ticket API (`/api/v1/tickets`): agents, managers and, for their own tickets, customers. */
export const ticketRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const one = { 200: ticketView.partial().passthrough() };

  app.post(
    "/api/v1/tickets",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "Create a ticket", body: createTicketInput, response: { 201: one[200] } },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const ticket = await d.tickets.create(request.body as never);
      return reply.code(201).send(presentTicket(ticket, authOf(request)));
    },
  );

  app.get(
    "/api/v1/tickets",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "The queue: filtered, most urgent first, one page at a time",
        querystring: queueQuery,
        response: { 200: pageOf(ticketView.partial().passthrough()) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const page =
        request.query.q !== undefined
          ? await d.tickets.list(queryListInput(request.query))
          : await d.tickets.getQueue(toQueueInput(request.query) as never);
      const auth = authOf(request);
      return { items: page.items.map((t) => presentTicket(t, auth)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/tickets/:ref",
    { config: { access: "authenticated" }, schema: { tags, summary: "One ticket", params: ref, response: one } },
    async (request) =>
      presentTicket(await (await deskFor(desk, request)).tickets.get(request.params.ref), authOf(request)),
  );

  app.patch(
    "/api/v1/tickets/:ref",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change fields (subject, priority, category, tags, team…)",
        params: ref,
        body: updateTicketInput,
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentTicket(await d.tickets.update(request.params.ref, request.body as never), authOf(request));
    },
  );

  app.post(
    "/api/v1/tickets/:ref/status",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change status (with an optional internal note)",
        params: ref,
        body: statusInput,
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { status, note } = request.body;
      return presentTicket(
        await d.tickets.updateStatus(request.params.ref, status, note ? { note } : {}),
        authOf(request),
      );
    },
  );

  app.post(
    "/api/v1/tickets/:ref/assign",
    {
      config: { access: "staff" },
      schema: { tags, summary: "Assign to an agent (null unassigns)", params: ref, body: assignInput, response: one },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { assignee, team } = request.body;
      return presentTicket(
        await d.tickets.assign(request.params.ref, assignee, team === undefined ? {} : { team }),
        authOf(request),
      );
    },
  );

  app.post(
    "/api/v1/tickets/:ref/escalate",
    {
      config: { access: "staff" },
      schema: { tags, summary: "Raise priority one level", params: ref, body: escalateInput, response: one },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentTicket(await d.tickets.escalate(request.params.ref, request.body), authOf(request));
    },
  );

  const messageBody = commentInput.omit({ internal: true });
  app.post(
    "/api/v1/tickets/:ref/messages",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "Add a public message", params: ref, body: messageBody, response: { 201: one[200] } },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const t = await d.tickets.addComment(request.params.ref, { ...request.body, internal: false } as never);
      return reply.code(201).send(presentTicket(t, authOf(request)));
    },
  );

  app.post(
    "/api/v1/tickets/:ref/notes",
    {
      config: { access: "staff" },
      schema: { tags, summary: "Add an internal note", params: ref, body: messageBody, response: { 201: one[200] } },
    },
    async (request, reply) => {
      const d = await deskFor(desk, request);
      const t = await d.tickets.addComment(request.params.ref, { ...request.body, internal: true } as never);
      return reply.code(201).send(presentTicket(t, authOf(request)));
    },
  );

  app.post(
    "/api/v1/tickets/:ref/tags",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Add and remove tags",
        params: ref,
        body: updateTicketInput.pick({ addTags: true, removeTags: true }).strict(),
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentTicket(await d.tickets.update(request.params.ref, request.body), authOf(request));
    },
  );

  app.get(
    "/api/v1/tickets/:ref/timeline",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Messages, notes (staff only) and events, oldest first",
        params: ref,
        response: { 200: z.object({ items: z.array(timelineEntryView) }) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return { items: presentTimeline(await d.tickets.timeline(request.params.ref), authOf(request)) };
    },
  );

  app.get(
    "/api/v1/tickets/:ref/sla",
    { config: { access: "staff" }, schema: { tags, summary: "SLA snapshot (seed 002 check_sla_breach)", params: ref } },
    async (request) => (await deskFor(desk, request)).sla.checkBreach(request.params.ref),
  );

  app.get(
    "/api/v1/sla/breached",
    {
      config: { access: "staff" },
      schema: {
        tags: ["sla"],
        summary: "Active tickets past their deadline, most overdue first",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }).strict(),
      },
    },
    async (request) => ({ items: await (await deskFor(desk, request)).sla.getBreached(request.query) }),
  );
};
