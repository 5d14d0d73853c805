/**
 * A local stand-in for Slack's Web API, in Slack's wire format: every method
 * is `POST /api/<method>` with a form (application/x-www-form-urlencoded, object
 * values JSON-encoded, as @slack/web-api sends them) or a JSON body, and
 * answers HTTP 200 with `{ ok: true, … }` or `{ ok: false, error }`, or HTTP
 * 429 with `Retry-After` when told to. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackTestUser {
  email: string;
  id: string;
  name?: string;
}

export interface SlackCall {
  /** The API method, e.g. "chat.postMessage". */
  method: string;
  /** Parsed params (form fields; JSON-looking values such as `blocks` decoded). */
  params: Record<string, unknown>;
  /** The Authorization header as sent ("Bearer xoxb-…"), or null. */
  auth: string | null;
  /** Answered with 429 (rate limited) rather than handled. */
  rateLimited: boolean;
  /** Slack's answer: ok, or the error code (null while rate limited). */
  ok: boolean;
  error: string | null;
}

export interface SlackTestServer {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  url: string;
  calls: SlackCall[];
  /** Adds a person to the Slack workspace (users.lookupByEmail finds them from now on). */
  addUser(user: SlackTestUser): void;
  /** The next call to `method` answers HTTP 429 with `Retry-After: <seconds>`. */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /** The next call to `method` answers `{ ok: false, error }` (e.g. "channel_not_found", "internal_error"). */
  failNext(method: string, error: string): void;
  /** A response_url for an interaction payload; what is posted to it lands in `responses`. */
  responseUrl(name: string): string;
  /** Messages posted to response URLs: the name and the parsed JSON body. */
  responses: { name: string; body: Record<string, unknown> }[];
  /** Calls made to one method (not counting rate-limited answers; failed ones included). */
  callsTo(method: string): SlackCall[];
  close(): Promise<void>;
}

/** The DM channel id the server hands out for a user id (stable, so tests can predict it). */
export const dmChannelOf = (userId: string): string => `D${userId.replace(/^U/, "")}`;

function decodeValue(value: string): unknown {
  const first = value.trimStart()[0];
  if (first === "[" || first === "{") {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  const params: Record<string, unknown> = {};
  if (type.includes("application/json")) {
    if (raw.trim() === "") return params;
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return parsed && typeof parsed === "object" ? parsed : params;
  }
  for (const [key, value] of new URLSearchParams(raw)) params[key] = decodeValue(value);
  return params;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

const TOKEN = /^Bearer xox[a-z]-/;

/** Starts the server on 127.0.0.1 and a free port. */
export async function startSlackServer(opts: { users?: SlackTestUser[] } = {}): Promise<SlackTestServer> {
  const users = [...(opts.users ?? [])];
  const calls: SlackCall[] = [];
  const rateLimits = new Map<string, number[]>();
  const failures = new Map<string, string[]>();
  const openedChannels = new Set<string>();
  let ts = 1_700_000_000;

  function answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://helpline-test.slack.com/",
          team: "Helpline Test",
          user: "helpline",
          team_id: "T0001",
          user_id: "UBOT",
        };
      case "users.lookupByEmail": {
        const email = String(params.email ?? "").toLowerCase();
        if (!email) return { ok: false, error: "invalid_arguments" };
        const user = users.find((u) => u.email.toLowerCase() === email);
        if (!user) return { ok: false, error: "users_not_found" };
        return { ok: true, user: { id: user.id, name: user.name ?? user.email, profile: { email: user.email } } };
      }
      case "users.info": {
        const user = users.find((u) => u.id === params.user);
        if (!user) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id: user.id, name: user.name ?? user.email, profile: { email: user.email } } };
      }
      case "conversations.open": {
        const ids = String(params.users ?? "")
          .split(",")
          .filter(Boolean);
        if (ids.length !== 1)
          return { ok: false, error: ids.length === 0 ? "users_list_not_supplied" : "not_supported" };
        const [userId] = ids as [string];
        if (!users.some((u) => u.id === userId)) return { ok: false, error: "user_not_found" };
        const channel = dmChannelOf(userId);
        openedChannels.add(channel);
        return { ok: true, channel: { id: channel } };
      }
      case "chat.postMessage": {
        const channel = String(params.channel ?? "");
        if (!openedChannels.has(channel)) return { ok: false, error: "channel_not_found" };
        if (!params.text && !params.blocks) return { ok: false, error: "no_text" };
        ts += 1;
        return { ok: true, channel, ts: `${ts}.000100`, message: { text: params.text } };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  const responses: { name: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    const hook = /^\/response\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "");
    if (req.method === "POST" && hook) {
      readParams(req).then(
        (body) => {
          responses.push({ name: hook[1] as string, body });
          res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        },
        () => res.writeHead(400).end("invalid_payload"),
      );
      return;
    }
    const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
    if (req.method !== "POST" || !match) {
      send(res, 404, { ok: false, error: "unknown_method" });
      return;
    }
    const method = match[1] as string;
    readParams(req).then(
      (params) => {
        const auth = req.headers.authorization ?? null;
        const waits = rateLimits.get(method);
        const wait = waits?.shift();
        if (wait !== undefined) {
          calls.push({ method, params, auth, rateLimited: true, ok: false, error: null });
          send(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(wait) });
          return;
        }
        const call: SlackCall = { method, params, auth, rateLimited: false, ok: false, error: null };
        calls.push(call);
        const token = auth ?? (typeof params.token === "string" ? `Bearer ${params.token}` : "");
        const failure = TOKEN.test(token)
          ? failures.get(method)?.shift()
          : auth || params.token
            ? "invalid_auth"
            : "not_authed";
        const body = failure ? { ok: false, error: failure } : answer(method, params);
        call.ok = body.ok === true;
        call.error = call.ok ? null : String(body.error);
        send(res, 200, body);
      },
      () => send(res, 400, { ok: false, error: "invalid_form_data" }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    addUser(user) {
      users.push(user);
    },
    rateLimitNext(method, retryAfterSeconds) {
      rateLimits.set(method, [...(rateLimits.get(method) ?? []), retryAfterSeconds]);
    },
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    responseUrl: (name) => `http://127.0.0.1:${port}/response/${name}`,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method && !c.rateLimited),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
