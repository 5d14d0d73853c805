import type { FastifyRequest } from "fastify";
import type { AuthContext, Helpdesk } from "../lib/index.js";
import { HttpError } from "./plugins/access.js";

/** The caller's authentication; routes behind an access rule other than "public" always have one. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth)
    throw new HttpError(401, "auth.required", "Sign in first: send a session cookie or a Bearer token.");
  return request.auth;
}

/** The desk bound to the caller: their workspace, acting as them. */
export function deskFor(desk: Helpdesk, request: FastifyRequest): Promise<Helpdesk> {
  const auth = authOf(request);
  const userAgent = request.headers["user-agent"];
  return desk.actingAs(auth.workspaceId, auth.actor, { ip: request.ip, ...(userAgent ? { userAgent } : {}) });
}
