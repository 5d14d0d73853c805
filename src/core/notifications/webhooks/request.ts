/**
 * What one webhook POST carries. json: `{ id: <delivery id>, event: { id, type,
 * occurredAt, workspaceId, subject: { type, id }, actor, payload } }`, signed
 * (X-Helpline-Timestamp, X-Helpline-Signature). teams: a MessageCard, unsigned.
 * Both carry X-Helpline-Event and X-Helpline-Delivery (the delivery id, the
 * same on every retry: receivers drop duplicates by it).
 */
import type { HttpPoster } from "../types.js";
import { signatureHeader } from "./signing.js";
import { type CardTicket, teamsCard } from "./teams-card.js";
import type { WebhookEvent } from "./webhook-event.js";
import type { WebhookFormat } from "./webhook-record.js";

export type { WebhookEvent };

/** How long a receiver may take to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
export const WEBHOOK_USER_AGENT = "Helpline-Webhooks";

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

/** The ticket a card shows, from the event's `ticket` snapshot when it has one. */
export function snapshotTicket(event: WebhookEvent): CardTicket | null {
  const t = event.payload.ticket;
  if (!t || typeof t !== "object") return null;
  const s = t as Record<string, unknown>;
  if (typeof s.number !== "string") return null;
  return {
    number: s.number,
    subject: typeof s.subject === "string" ? s.subject : "",
    status: typeof s.status === "string" ? s.status : "",
    priority: typeof s.priority === "string" ? s.priority : "",
  };
}

export function buildWebhookRequest(input: {
  format: WebhookFormat;
  deliveryId: string;
  event: WebhookEvent;
  /** The signing secret (json); ignored for Teams. */
  secret: string | null;
  /** For Teams: the ticket to show and link (the snapshot, or the ticket read at delivery). */
  ticket: CardTicket | null;
  publicUrl: string;
  now: Date;
}): WebhookRequest {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": WEBHOOK_USER_AGENT,
    "X-Helpline-Event": input.event.type,
    "X-Helpline-Delivery": input.deliveryId,
  };
  if (input.format === "teams") {
    return { body: JSON.stringify(teamsCard(input.event, input.ticket, input.publicUrl)), headers };
  }
  const body = JSON.stringify({ id: input.deliveryId, event: input.event });
  const timestamp = Math.floor(input.now.getTime() / 1000);
  headers["X-Helpline-Timestamp"] = String(timestamp);
  if (input.secret) headers["X-Helpline-Signature"] = signatureHeader(input.secret, timestamp, body);
  return { body, headers };
}

/** What a POST came to: the answer's status and time, or why there was none. */
export interface PostOutcome {
  ok: boolean;
  status: number | null;
  durationMs: number;
  /** For a failure: "HTTP 500: <body start>" or the connection error. */
  error: string | null;
  /** The start of the receiver's answer. */
  body: string;
}

/** POSTs and reports (never throws): 2xx is ok; any other status or no answer is a failure. */
export async function postWebhook(http: HttpPoster, url: string, req: WebhookRequest): Promise<PostOutcome> {
  const started = performance.now();
  try {
    const res = await http(url, req.body, req.headers, WEBHOOK_TIMEOUT_MS);
    const durationMs = Math.round(performance.now() - started);
    const ok = res.status >= 200 && res.status < 300;
    const said = res.body.replace(/\s+/g, " ").trim().slice(0, 200);
    return {
      ok,
      status: res.status,
      durationMs,
      error: ok ? null : `HTTP ${res.status}${said ? `: ${said}` : ""}`,
      body: res.body.slice(0, 500),
    };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === "TimeoutError" ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : e.message || String(err);
    const cause = e.cause?.code ?? e.cause?.message;
    return {
      ok: false,
      status: null,
      durationMs: Math.round(performance.now() - started),
      error: `${why}${cause && !why.includes(cause) ? ` (${cause})` : ""}`.slice(0, 300),
      body: "",
    };
  }
}
