import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { LEVELS, TICKET_STATUSES } from "../../../common/enums.js";
import {
  categoriesInFamily,
  type Helpdesk,
  type Level,
  SEED_004_CATEGORIES,
  type Seed004Category,
  systemActor,
  type Ticket,
} from "../../lib/index.js";
import {
  legacyAnalyticsView,
  legacyListView,
  legacyTicketView,
  presentLegacyAnalytics,
  presentLegacyTicket,
} from "../presenters/legacy.js";
import { deskFor } from "../request-desk.js";

/**
 * Seed 004's API ("Support Ticket Router"), paths as it documents them:
 * public intake at `POST /api/tickets` (rate-limited per IP, switchable per
 * workspace), and agent-only reads, status changes and analytics.
 * The operator setup its routing needs is described in presenters/legacy.ts.
 */

const tags = ["seed 004"];
const number = z.object({ id: z.string().min(1).max(100).describe("TKT-1001") }).strict();

const text = () =>
  z.string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") }).trim();

const createBody = z
  .object({
    subject: text().min(1, "must not be empty").max(500, "must be at most 500 characters"),
    message: text().min(1, "must not be empty").max(100_000, "must be at most 100,000 characters"),
    customer_email: text().max(320).email("must be an email address like name@example.com"),
  })
  .strict();

const listQuery = z
  .object({
    priority: z
      .enum(LEVELS)
      .optional()
      .describe("high (critical and high tickets), medium or low; critical selects only critical"),
    category: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("billing (with payment), technical (with bug_report), account, general (with feature_request)"),
    status: z
      .string()
      .max(200)
      .optional()
      .describe(`one of ${TICKET_STATUSES.join(", ")}, several comma-separated, or active; default every status`),
    limit: z.coerce.number().int().min(1).max(500).optional().describe("page size (default 50)"),
    cursor: z.string().max(500).optional(),
  })
  .strict();

const statusBody = z
  .object({ status: z.enum(TICKET_STATUSES, { message: `must be one of ${TICKET_STATUSES.join(", ")}` }) })
  .strict();

function priorities(p: Level | undefined): Level[] | undefined {
  if (!p) return undefined;
  return p === "high" ? ["critical", "high"] : [p];
}

function categories(c: string | undefined): string[] | undefined {
  if (!c) return undefined;
  const key = c.toLowerCase();
  return (SEED_004_CATEGORIES as readonly string[]).includes(key) ? categoriesInFamily(key as Seed004Category) : [key];
}

export const legacyRoutes: FastifyPluginAsync<{ desk: Helpdesk; intakePerMinute?: number }> = async (
  root,
  { desk, intakePerMinute = 10 },
) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const present = async (d: Helpdesk, items: Ticket[]) => {
    const labels = await d.routing.labels(items);
    return items.map((t) => presentLegacyTicket(t, labels));
  };
  const presentOne = async (d: Helpdesk, t: Ticket) => presentLegacyTicket(t, await d.routing.labels([t]));

  app.post(
    "/api/tickets",
    {
      config: {
        access: "public",
        rateLimit: { max: intakePerMinute, timeWindow: "1 minute", keyGenerator: (request) => `intake:${request.ip}` },
      },
      schema: {
        tags,
        summary: "Open a ticket (public; classified and routed)",
        description:
          `No credentials needed. At most ${intakePerMinute} per minute per IP address (429 with Retry-After). ` +
          "403 `intake.disabled` when the workspace turned public intake off.",
        security: [],
        body: createBody,
        response: { 201: legacyTicketView },
      },
    },
    async (request, reply) => {
      const d = desk.as(systemActor("public-api"));
      const { subject, message, customer_email } = request.body;
      const ticket = await d.routing.submitPublic({ subject, message, customerEmail: customer_email });
      return reply.code(201).send(await presentOne(d, ticket));
    },
  );

  app.get(
    "/api/tickets",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Tickets, filtered by priority, category and status (agents)",
        querystring: listQuery,
        response: { 200: legacyListView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const q = request.query;
      const status = q.status?.includes(",") ? q.status.split(",").map((s) => s.trim()) : (q.status ?? "all");
      const page = await d.tickets.getQueue({
        status: status as never,
        ...(q.priority ? { priority: priorities(q.priority) } : {}),
        ...(q.category ? { category: categories(q.category) } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      const tickets = await present(d, page.items);
      return { tickets, count: tickets.length, next_cursor: page.nextCursor };
    },
  );

  app.get(
    "/api/tickets/:id",
    {
      config: { access: "staff" },
      schema: { tags, summary: "One ticket (agents)", params: number, response: { 200: legacyTicketView } },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentOne(d, await d.tickets.get(request.params.id));
    },
  );

  app.put(
    "/api/tickets/:id/status",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change a ticket's status (agents)",
        params: number,
        body: statusBody,
        response: { 200: legacyTicketView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentOne(d, await d.tickets.updateStatus(request.params.id, request.body.status));
    },
  );

  app.get(
    "/api/analytics",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Totals by status, priority, category, team and sentiment; mean resolution time (agents)",
        response: { 200: legacyAnalyticsView },
      },
    },
    async (request) => presentLegacyAnalytics(await (await deskFor(desk, request)).routing.analytics()),
  );
};
