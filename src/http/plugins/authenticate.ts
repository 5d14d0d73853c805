import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Helpdesk } from "../../lib/index.js";
import { HttpError } from "./access.js";
import { forgetToken, rememberValidToken } from "./rate-key.js";

export const SESSION_COOKIE = "helpline_session";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route checks its own credentials (e.g. a mailbox's inbound secret as a Bearer token): no session or API token is resolved. */
    ownCredentials?: boolean;
  }
}
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1]) throw new HttpError(401, "auth.bad_header", "Authorization must be `Bearer <token>`.");
  return m[1];
}

/**
 * Resolves who is calling: a Bearer API token, or a session cookie. Cookie-
 * authenticated writes must echo the session's CSRF token in `x-csrf-token`
 * (a cross-site form cannot read it). Bearer requests are not cookie-driven,
 * so they need no CSRF token.
 */
export function registerAuthentication(app: FastifyInstance, desk: Helpdesk): void {
  app.decorateRequest("auth", null);
  // preParsing, not onRequest: the per-client rate limit (a route-level onRequest hook)
  // must run first, so floods of bad credentials are refused before any lookup.
  app.addHook("preParsing", async (request) => {
    request.auth = null;
    if (request.routeOptions.config?.ownCredentials) return;
    const token = bearer(request);
    if (token) {
      const auth = await desk.auth.resolveApiToken(token);
      if (!auth) {
        forgetToken(token);
        throw new HttpError(401, "auth.invalid_token", "This API token is unknown, expired or revoked.");
      }
      rememberValidToken(token);
      request.auth = auth;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const unsigned = request.unsignCookie(cookie);
    if (!unsigned.valid || !unsigned.value) return;
    const auth = await desk.auth.resolveSession(unsigned.value, {
      ip: request.ip,
      userAgent: request.headers["user-agent"],
    });
    if (!auth) return;
    if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== auth.csrfToken) {
      // Public routes (sign-in, password reset) ignore the cookie instead of refusing:
      // they act on what the body says, never on the session.
      if (request.routeOptions.config?.access === "public") return;
      throw new HttpError(403, "auth.csrf", "Missing or wrong x-csrf-token header for a cookie-authenticated change.");
    }
    request.auth = auth;
  });
}
