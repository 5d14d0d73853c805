import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { classificationView, classifyInput } from "../../../common/api/classify.js";
import type { Helpdesk } from "../../lib/index.js";
import { presentClassification } from "../presenters/classify.js";
import { deskFor } from "../request-desk.js";

/**
 * `POST /api/v1/classify`: what the desk makes of a ticket's text — urgency,
 * importance, priority, category, sentiment, angry flag, estimated resolution
 * — with the words that decided each. Agents only; nothing is stored.
 */
export const classifyRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/v1/classify",
    {
      config: { access: "staff" },
      schema: {
        tags: ["routing"],
        summary: "Classify a subject and description: priority, category, sentiment and why (nothing is stored)",
        body: classifyInput,
        response: { 200: classificationView },
      },
    },
    async (request) => presentClassification((await deskFor(desk, request)).routing.classify(request.body)),
  );
};
