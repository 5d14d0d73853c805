import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DataDirLockedError, isDomainError } from "../../lib/index.js";
import type { WebAppPage } from "../routes/web-app.js";
import { HttpError } from "./access.js";

const STATUS = { validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409 } as const;

/** One error shape for every failure: `{ error: { code, message, field? } }`. */
export function registerErrorHandler(app: FastifyInstance, webApp: WebAppPage | null = null): void {
  app.setNotFoundHandler((request, reply) => {
    // The web app routes in the browser: a page address it knows (/tickets/TKT-1001) gets its HTML.
    if (webApp && isPageRequest(request.method, request.url, request.headers.accept)) {
      return reply
        .code(webApp.status)
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(webApp.html);
    }
    return reply.code(404).send({
      error: { code: "route.not_found", message: `No route ${request.method} ${request.url.split("?")[0]}.` },
    });
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) {
      return reply
        .code(err.statusCode)
        .send({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
    }
    if (isDomainError(err)) {
      return reply.code(STATUS[err.kind]).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.field ? { field: err.field } : {}),
          ...(err.details ? { details: err.details } : {}),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = err.validationContext ?? "body";
      const path = (first?.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
      const keys = (first?.params as { keys?: unknown } | undefined)?.keys;
      const unknownKey = first?.keyword === "unrecognized_keys" && Array.isArray(keys) ? String(keys[0]) : undefined;
      const field = [path, unknownKey].filter(Boolean).join(".") || where;
      return reply.code(400).send({
        error: { code: "input.invalid", message: `${field}: ${first?.message ?? "invalid"}`, field },
      });
    }
    if (err.statusCode === 413) {
      return reply.code(413).send({ error: { code: "request.too_large", message: "The request body is too large." } });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({ error: { code: "rate_limited", message: err.message } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .code(err.statusCode)
        .send({ error: { code: err.code?.toLowerCase() ?? "request.invalid", message: err.message } });
    }
    if (err instanceof DataDirLockedError) {
      return reply.code(503).send({ error: { code: err.code, message: "The database is busy; try again shortly." } });
    }
    request.log.error({ err }, "unhandled error");
    return reply.code(500).send({ error: { code: "internal", message: "Something went wrong on our side." } });
  });
}

/** A browser asking for a page (not the API, the docs or a file). */
export function isPageRequest(method: string, url: string, accept: string | undefined): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = url.split("?")[0] ?? "";
  if (path.startsWith("/api/") || path.startsWith("/docs") || path.startsWith("/assets/")) return false;
  if (/\.[a-z0-9]{1,8}$/i.test(path)) return false;
  return (accept ?? "").includes("text/html");
}
