import type { FastifyPluginAsync } from "fastify";
import type { Helpdesk } from "../../lib/index.js";

/**
 * GET /health: 200 `{ status: "ok", database, version, migrations }` when the
 * database answers, 503 with the reason when it does not. Unauthenticated, cheap.
 */
export const healthRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (app, { desk }) => {
  app.get("/health", { config: { access: "public" } }, async (_req, reply) => {
    const health = await desk.health();
    reply.header("cache-control", "no-store");
    return reply.code(health.status === "ok" ? 200 : 503).send(health);
  });
};
