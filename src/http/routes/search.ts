import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { completionView, personHitView, searchPageView } from "../../../common/api/search.js";
import type { Helpdesk } from "../../lib/index.js";
import { presentTicket } from "../presenters/ticket.js";
import { authOf, deskFor } from "../request-desk.js";

const tags = ["search"];
const q = z.string().max(10_000).describe("a query: fields (`status: open`), free text, `sort by:`");

/** Search and the query bar: full-text search with snippets, people with typos, autocomplete. */
export const searchRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/v1/search",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Full-text search in the query language, most relevant first, with highlighted snippets",
        querystring: z
          .object({
            q,
            limit: z.coerce.number().int().min(1).max(100).optional(),
            cursor: z.string().max(1000).optional(),
          })
          .strict(),
        response: { 200: searchPageView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { q: text, limit, cursor } = request.query;
      const page = await d.search.tickets({ q: text, ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
      const auth = authOf(request);
      return {
        items: page.items.map((h) => ({ ...h, ticket: presentTicket(h.ticket, auth) })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    "/api/v1/search/people",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Customers and companies by name, email or domain, forgiving typos",
        querystring: z
          .object({ q: z.string().min(1).max(320), limit: z.coerce.number().int().min(1).max(50).optional() })
          .strict(),
        response: { 200: z.object({ items: z.array(personHitView) }) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { q: text, limit } = request.query;
      return { items: await d.search.people({ q: text, ...(limit ? { limit } : {}) }) };
    },
  );

  app.put(
    "/api/v1/workspace/search-language",
    {
      config: { access: "superadmin" },
      schema: {
        tags,
        summary: "Set the workspace's text-search language and re-index every ticket and message in it",
        body: z.object({ language: z.string().min(1).max(63) }).strict(),
        response: {
          200: z.object({ language: z.string(), tickets: z.number().int(), entries: z.number().int() }),
        },
      },
    },
    async (request) => (await deskFor(desk, request)).search.setLanguage(request.body.language),
  );

  app.get(
    "/api/v1/query/complete",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Autocomplete for the query bar at a cursor position",
        querystring: z
          .object({ text: z.string().max(10_000), cursor: z.coerce.number().int().min(0).optional() })
          .strict(),
        response: { 200: completionView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      const { text, cursor } = request.query;
      return d.query.complete({ text, ...(cursor !== undefined ? { cursor } : {}) });
    },
  );
};
