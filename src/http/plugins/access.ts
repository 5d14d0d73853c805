import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AuthContext } from "../../lib/index.js";

/**
 * Every route declares who may call it in `config.access`; a route without a
 * declaration cannot be registered (default deny). This is the coarse gate;
 * object-level permissions are decided inside the engine's commands.
 */
export const ACCESS_LEVELS = ["public", "authenticated", "staff", "manager", "superadmin"] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const STAFF = new Set(["agent", "manager", "superadmin"]);

export function allows(access: Access, auth: AuthContext | null, method: string): true | HttpError {
  if (access === "public") return true;
  if (!auth) return new HttpError(401, "auth.required", "Sign in first: send a session cookie or a Bearer token.");
  if (auth.scope === "read" && !["GET", "HEAD", "OPTIONS"].includes(method)) {
    return new HttpError(
      403,
      "auth.read_only_token",
      "This API token is read-only; create a write token to make changes.",
    );
  }
  const role = auth.actor.role;
  const ok =
    access === "authenticated" ||
    (access === "staff" && STAFF.has(role)) ||
    (access === "manager" && (role === "manager" || role === "superadmin")) ||
    (access === "superadmin" && role === "superadmin");
  return ok ? true : new HttpError(403, "access.forbidden", "You are not allowed to do this.");
}

export function registerAccessControl(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    // The API description and CORS preflight are public by nature.
    if (route.url.startsWith("/docs") || (route.method === "OPTIONS" && route.url === "*")) {
      route.config = { ...(route.config ?? {}), access: "public" } as typeof route.config;
      return;
    }
    if (!access || !ACCESS_LEVELS.includes(access)) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule (config.access)`);
    }
  });
  // Before validation: an anonymous or unauthorised caller learns nothing about the input format.
  app.addHook("preValidation", async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (!access) {
      // The not-found handler answers unknown addresses itself (a 404, or the web app's page).
      if (request.is404) return;
      throw new HttpError(404, "route.not_found", "No such route.");
    }
    const verdict = allows(access, request.auth, request.method);
    if (verdict !== true) throw verdict;
  });
}
