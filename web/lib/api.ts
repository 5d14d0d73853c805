/**
 * The one way the web app talks to the server: JSON over fetch with the session
 * cookie, the CSRF token echoed on every change, and every failure turned into
 * an ApiError whose message a person can act on.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
const expiredListeners = new Set<() => void>();

/** The session's CSRF token (from sign-in or /auth/me); sent as x-csrf-token on writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a signed-in screen: the session ended. */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

const HELP: Record<number, string> = {
  403: "You do not have permission for this. Ask a manager if you need it.",
  404: "It does not exist (any more), or you cannot see it.",
  413: "That is too large for the server to accept.",
  429: "Too many requests in a short time. Wait a moment and try again.",
  500: "The server failed. Try again; if it keeps failing, tell your administrator (the server log has the details).",
  502: "The server is not reachable behind its proxy. Try again in a moment.",
  503: "The server is not ready (its database may be down). Try again in a moment.",
};

export interface RequestOptions {
  signal?: AbortSignal;
  /** A 401 is expected (sign-in, the session probe): do not announce an expired session. */
  quiet401?: boolean;
  /** Let the request outlive the page (a "left" announcement on pagehide). */
  keepalive?: boolean;
}

export async function api<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
      keepalive: opts.keepalive,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(
      0,
      "network",
      "Cannot reach the Helpline server. Check your connection and try again; what you typed is kept.",
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (
      data as { error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } }
    )?.error;
    if (res.status === 401 && !opts.quiet401) for (const l of expiredListeners) l();
    throw new ApiError(
      res.status,
      e?.code ?? `http.${res.status}`,
      e?.message ?? HELP[res.status] ?? `The server answered ${res.status}.`,
      e?.field,
      e?.details,
    );
  }
  return data as T;
}

export const get = <T>(path: string, opts?: RequestOptions) => api<T>("GET", path, undefined, opts);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) => api<T>("POST", path, body ?? {}, opts);
export const patch = <T>(path: string, body: unknown) => api<T>("PATCH", path, body);
export const put = <T>(path: string, body: unknown) => api<T>("PUT", path, body);
export const del = <T>(path: string) => api<T>("DELETE", path);

/** Query string from an object, leaving out undefined and empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : "";
}

/** A message a person can act on, for any error (field named when the server named one). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.field ? `${err.message} (${err.field})` : err.message;
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}
