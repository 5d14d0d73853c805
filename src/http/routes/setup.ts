import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { setupBody, setupStatusView } from "../../../common/api/live.js";
import type { Helpdesk } from "../../lib/index.js";
import { HttpError } from "../plugins/access.js";

/**
 * First run: while the workspace has no superadmin, the web app's sign-in page
 * offers to create one (so `npm start` on a fresh clone gives a usable desk).
 * The first visitor claims it; set HELPLINE_ADMIN_EMAIL/PASSWORD to create the
 * superadmin at start instead. Once one exists, setup answers 409.
 */
export const setupRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root, { desk }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["auth"];
  const limit = { max: 10, timeWindow: "1 minute" };

  app.get(
    "/api/v1/setup",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Whether first-run setup is open (no superadmin yet)",
        response: { 200: setupStatusView },
      },
    },
    async () => ({ needed: await desk.auth.needsSetup(), workspace: desk.workspace.slug }),
  );

  app.post(
    "/api/v1/setup",
    {
      config: { access: "public", rateLimit: limit },
      schema: {
        tags,
        summary:
          "Create the first superadmin (only while there is none); then sign in with the same email and password",
        body: setupBody,
        response: { 201: setupStatusView },
      },
    },
    async (request, reply) => {
      const result = await desk.auth.bootstrapAdmin(request.body);
      if (!result.created) {
        throw new HttpError(409, "setup.done", "This desk already has an administrator: sign in instead.");
      }
      return reply.code(201).send({ needed: false, workspace: desk.workspace.slug });
    },
  );
};
