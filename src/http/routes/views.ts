import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pageOf, ticketView } from "../../../common/api/tickets.js";
import {
  createViewInput,
  customFieldView,
  defineCustomFieldInput,
  updateCustomFieldInput,
  updateViewInput,
  viewListItemView,
  viewView,
} from "../../../common/api/views.js";
import type { Helpdesk } from "../../lib/index.js";
import { presentTicket } from "../presenters/ticket.js";
import { presentCustomField, presentView, presentViewListItem } from "../presenters/views.js";
import { authOf, deskFor } from "../request-desk.js";
import { pageQuery } from "./route-schemas.js";

const viewParam = z
  .object({ id: z.string().trim().min(1).max(200).describe("view id, or name (your own view first)") })
  .strict();
const keyParam = z.object({ key: z.string().trim().min(1).max(50).describe("the field's key") }).strict();
const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const listQuery = z
  .object({
    counts: flag.optional().describe("count each view's tickets (default true)"),
    cap: z.coerce.number().int().min(1).max(100_000).optional().describe("counts stop here (default 10000)"),
  })
  .strict();
const ticketsQuery = z.object({ ...pageQuery }).strict();

/**
 * Views (`/api/v1/views`): every agent's saved queries with live counts, and
 * the workspace's custom ticket fields (`/api/v1/custom-fields`). Who sees,
 * shares and changes a view is decided in the engine (core/query/views).
 */
export const viewRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["views"];
  const fieldTags = ["custom fields"];
  const one = { 200: viewView };

  app.get(
    "/api/v1/views",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Your views and those shared with you, each with a live ticket count",
        querystring: listQuery,
        response: { 200: pageOf(viewListItemView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).views.list(request.query);
      const auth = authOf(request);
      return { items: page.items.map((v) => presentViewListItem(v, auth)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/views",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Save a query as a view (personal, or shared with a team or the workspace)",
        body: createViewInput,
        response: { 201: viewView },
      },
    },
    async (request, reply) => {
      const view = await (await deskFor(desk, request)).views.create(request.body);
      return reply.code(201).send(presentView(view, authOf(request)));
    },
  );

  app.get(
    "/api/v1/views/:id",
    { config: { access: "staff" }, schema: { tags, summary: "One view", params: viewParam, response: one } },
    async (request) => presentView(await (await deskFor(desk, request)).views.get(request.params.id), authOf(request)),
  );

  app.patch(
    "/api/v1/views/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Change name, query, sharing, position or display (owner, manager or superadmin)",
        params: viewParam,
        body: updateViewInput,
        response: one,
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentView(await d.views.update(request.params.id, request.body), authOf(request));
    },
  );

  app.delete(
    "/api/v1/views/:id",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Delete a view (owner, manager or superadmin); answers the deleted view",
        params: viewParam,
        response: one,
      },
    },
    async (request) =>
      presentView(await (await deskFor(desk, request)).views.delete(request.params.id), authOf(request)),
  );

  app.get(
    "/api/v1/views/:id/tickets",
    {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "A page of the view's tickets, for you (`me` is whoever runs the view)",
        params: viewParam,
        querystring: ticketsQuery,
        response: { 200: pageOf(ticketView.partial().passthrough()) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).views.run(request.params.id, request.query);
      const auth = authOf(request);
      return { items: page.items.map((t) => presentTicket(t, auth)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/v1/custom-fields",
    {
      config: { access: "staff" },
      schema: {
        tags: fieldTags,
        summary: "The workspace's custom ticket fields",
        response: { 200: pageOf(customFieldView) },
      },
    },
    async (request) => {
      const page = await (await deskFor(desk, request)).customFields.list();
      const auth = authOf(request);
      return { items: page.items.map((f) => presentCustomField(f, auth)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/api/v1/custom-fields",
    {
      config: { access: "manager" },
      schema: {
        tags: fieldTags,
        summary: "Define a custom field (queried as `cf.<key>`, by key or by label)",
        body: defineCustomFieldInput,
        response: { 201: customFieldView },
      },
    },
    async (request, reply) => {
      const field = await (await deskFor(desk, request)).customFields.define(request.body);
      return reply.code(201).send(presentCustomField(field, authOf(request)));
    },
  );

  app.patch(
    "/api/v1/custom-fields/:key",
    {
      config: { access: "manager" },
      schema: {
        tags: fieldTags,
        summary: "Relabel a field or replace a select field's options",
        params: keyParam,
        body: updateCustomFieldInput,
        response: { 200: customFieldView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return presentCustomField(await d.customFields.update(request.params.key, request.body), authOf(request));
    },
  );

  app.delete(
    "/api/v1/custom-fields/:key",
    {
      config: { access: "manager" },
      schema: {
        tags: fieldTags,
        summary: "Delete a field definition (stored values stay); answers the deleted field",
        params: keyParam,
        response: { 200: customFieldView },
      },
    },
    async (request) =>
      presentCustomField(await (await deskFor(desk, request)).customFields.delete(request.params.key), authOf(request)),
  );
};
