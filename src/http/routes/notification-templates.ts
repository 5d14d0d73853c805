import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Helpdesk } from "../../lib/index.js";
import { deskFor } from "../request-desk.js";

const templateView = z.object({
  kind: z.string(),
  channel: z.string(),
  subject: z.string(),
  body: z.string(),
  builtIn: z.boolean().describe("true while the workspace uses the built-in wording"),
  default: z.object({ subject: z.string(), body: z.string() }).describe("the built-in wording"),
  updatedAt: z.string().nullable(),
});

const templateParams = z.object({
  kind: z.string().describe("notification kind, e.g. ticket.assigned"),
  channel: z.string().describe("email"),
});

const templateBody = z
  .object({
    subject: z.string().describe("one line; {{title}}, {{ticket.number}} …"),
    body: z.string().describe("plain text with {{placeholders}}; HTML is made from it"),
  })
  .strict();

/** Notification email templates per kind (managers): list, change, back to the built-in wording. */
export const notificationTemplateRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];

  app.get(
    "/api/v1/notifications/templates",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Notification email templates per kind: the workspace's own or the built-in ones (managers)",
        response: { 200: z.object({ items: z.array(templateView) }) },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return { items: await d.notifications.templates.list() };
    },
  );

  app.put(
    "/api/v1/notifications/templates/:kind/:channel",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Set the workspace's wording of a notification email (unknown {{placeholder}}: 400 naming it)",
        params: templateParams,
        body: templateBody,
        response: { 200: templateView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return d.notifications.templates.set({
        kind: request.params.kind,
        channel: request.params.channel,
        ...request.body,
      } as never);
    },
  );

  app.delete(
    "/api/v1/notifications/templates/:kind/:channel",
    {
      config: { access: "manager" },
      schema: {
        tags,
        summary: "Back to the built-in wording of a notification email",
        params: templateParams,
        response: { 200: templateView },
      },
    },
    async (request) => {
      const d = await deskFor(desk, request);
      return d.notifications.templates.reset({ kind: request.params.kind, channel: request.params.channel } as never);
    },
  );
};
