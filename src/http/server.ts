import Fastify, { type FastifyInstance } from "fastify";
import type { Helpdesk } from "../lib/index.js";
import { healthRoutes } from "./routes/health.js";

export interface ServerOptions {
  desk: Helpdesk;
  logLevel?: string;
}

/** The HTTP adapter. Routes are thin: they parse, call the library and present. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel === "silent" ? false : { level: opts.logLevel ?? "info" },
  });
  await app.register(healthRoutes, { desk: opts.desk });
  return app;
}
