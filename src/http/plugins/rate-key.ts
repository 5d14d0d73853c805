import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";

/**
 * Rate-limit keys: a request with an API token we have already seen resolve
 * gets the token's own budget; everything else (no token, or an invented one)
 * counts against its IP, so made-up tokens cannot buy fresh budgets.
 */
const KNOWN = new Map<string, number>();
const MAX_KNOWN = 10_000;

const digest = (token: string) => createHash("sha256").update(token).digest("base64url").slice(0, 22);

export function rememberValidToken(token: string): void {
  const key = digest(token);
  KNOWN.delete(key);
  KNOWN.set(key, Date.now());
  if (KNOWN.size > MAX_KNOWN) {
    const oldest = KNOWN.keys().next();
    if (!oldest.done) KNOWN.delete(oldest.value);
  }
}

export function forgetToken(token: string): void {
  KNOWN.delete(digest(token));
}

export function rateKey(request: FastifyRequest): string {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (m?.[1]) {
    const key = digest(m[1]);
    if (KNOWN.has(key)) return `token:${key}`;
  }
  return `ip:${request.ip}`;
}
