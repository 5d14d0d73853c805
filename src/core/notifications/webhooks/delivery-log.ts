/**
 * The delivery log of a webhook. One row per (subscription, event) holds the
 * retry state; its `error` column keeps one line per failed attempt
 * (`#<attempt> <ISO time>: <what happened>`, newest last, at most
 * MAX_LOG_LINES), so the log shows every attempt's outcome: the failures from
 * those lines, the success from `delivered_at` and `response_status`.
 */
import type { webhookDeliveries } from "../../../db/schema/index.js";

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const MAX_LOG_LINES = 12;
const MAX_LINE = 300;

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  /** Attempts made so far (8 at most). */
  attempts: number;
  /** The receiver's status on the last attempt that got an answer. */
  responseStatus: number | null;
  /** Why the last failed attempt failed (null when none did). */
  error: string | null;
  /** Every attempt's outcome, oldest first: `#1 2026-11-20T10:00:00.000Z: HTTP 500: …`. */
  attemptLog: string[];
  /** How long the last attempt took, in milliseconds. */
  durationMs: number | null;
  createdAt: Date;
  /** When the next attempt is due (pending), or until when the current one is leased (sending). */
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

/** The `error` column with one more attempt's line. */
export function appendAttempt(log: string | null, attempt: number, at: Date, outcome: string): string {
  const line = `#${attempt} ${at.toISOString()}: ${outcome.replace(/\s+/g, " ").slice(0, MAX_LINE)}`;
  const lines = log ? log.split("\n") : [];
  lines.push(line);
  return lines.slice(-MAX_LOG_LINES).join("\n");
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  const failures = row.error ? row.error.split("\n") : [];
  const attemptLog = [...failures];
  if (row.status === "sent" && row.deliveredAt) {
    attemptLog.push(
      `#${row.attempts} ${row.deliveredAt.toISOString()}: delivered, HTTP ${row.responseStatus ?? "2xx"}`,
    );
  }
  const last = failures.at(-1);
  return {
    id: row.id,
    webhookId: row.subscriptionId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    error: last ? last.replace(/^#\d+ \S+: /, "") : null,
    attemptLog,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
  };
}
