import cookie from "@fastify/cookie";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import { rateKey } from "./rate-key.js";

export interface SecurityOptions {
  /** Signs session cookies. */
  cookieSecret: string;
  /** Origins allowed to call the API from a browser (exact matches). Empty: same origin only. */
  corsOrigins: string[];
  /** Requests per minute per IP (or per API token) before 429. */
  rateLimitPerMinute: number;
}

/** Headers, cookies, CORS allowlist and per-client rate limits (429 with Retry-After). */
export async function registerSecurity(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
      },
    },
  });
  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || opts.corsOrigins.includes(origin)),
    credentials: true,
  });
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute,
    timeWindow: "1 minute",
    keyGenerator: rateKey,
  });
}
