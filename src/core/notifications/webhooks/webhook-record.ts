/**
 * Webhook subscriptions as the admin commands see them: input schemas, the
 * Webhook view (never the secret: it is answered once, when issued), lookups,
 * and the event list check. The signing secret lives sealed in
 * `secret_sealed` with the instance key, context `webhook:<id>`; Teams
 * subscriptions have none (Teams does not verify signatures).
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../db/connection.js";
import { webhookSubscriptions } from "../../../db/schema/index.js";
import { type Ctx, EVENT_TYPES, invalid, isUuid, notFound } from "../../kernel/index.js";

export type WebhookRow = typeof webhookSubscriptions.$inferSelect;
export const WEBHOOK_FORMATS = ["json", "teams"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** A subscription as every read answers it. */
export interface Webhook {
  id: string;
  name: string;
  url: string;
  format: WebhookFormat;
  /** Event types, or ["*"] for all. */
  events: string[];
  active: boolean;
  /** A signing secret is stored (json format); it is shown only when issued. */
  signed: boolean;
  /** Failed attempts in a row, across deliveries; 20 disables the subscription. */
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What create and rotate answer: the subscription and its new secret (this once; null for Teams). */
export interface WebhookChange {
  webhook: Webhook;
  secret: string | null;
}

/** The context that binds a sealed signing secret to its subscription. */
export const webhookSecretContext = (id: string) => `webhook:${id}`;

const name = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const url = z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters");
const events = z
  .array(z.string().trim().min(1).max(100))
  .min(1, 'name at least one event type, or ["*"] for all')
  .max(50)
  .describe('event types (ticket.created, sla.breached, …) or ["*"] for all');
const allowPrivate = z
  .boolean()
  .describe("allow a loopback, private or internal address (a receiver on your own network); default false");

export const createWebhookInput = z
  .object({
    name,
    url: url.describe("http(s) URL the events are POSTed to; no credentials in it"),
    format: z
      .enum(WEBHOOK_FORMATS)
      .optional()
      .describe("json (signed, default) or teams (a Microsoft Teams incoming webhook: a message card)"),
    events,
    active: z.boolean().optional().describe("deliver now (default true)"),
    allowPrivate: allowPrivate.optional(),
  })
  .strict();
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

export const updateWebhookInput = z
  .object({
    name: name.optional(),
    url: url.optional(),
    events: events.optional(),
    active: z.boolean().optional().describe("false pauses deliveries; true re-enables (the failure count restarts)"),
    allowPrivate: allowPrivate.optional().describe("with a new url: allow a private address"),
  })
  .strict();
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;

/** The event list as stored: known types (deduplicated) or ["*"]; unknown names refused, all named. */
export function checkEvents(given: string[], field = "events"): string[] {
  const list = [...new Set(given)];
  if (list.includes("*")) {
    if (list.length > 1) throw invalid("webhook.bad_events", `${field}: "*" means every event; give it alone`, field);
    return ["*"];
  }
  const known = new Set<string>(EVENT_TYPES);
  const unknown = list.filter((e) => !known.has(e));
  if (unknown.length > 0) {
    throw invalid(
      "webhook.unknown_events",
      `${field}: unknown event type${unknown.length > 1 ? "s" : ""} ${unknown.map((e) => `"${e}"`).join(", ")}; ` +
        `known: ${EVENT_TYPES.join(", ")}, or "*"`,
      field,
      { unknown },
    );
  }
  return list;
}

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: row.format as WebhookFormat,
    events: row.events,
    active: row.active,
    signed: row.secretSealed !== null,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The workspace's subscription with this id; `webhook.not_found` otherwise (other workspaces' too). */
export async function findWebhookRow(
  tx: Tx,
  ctx: Ctx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<WebhookRow> {
  const key = id.trim().toLowerCase();
  const missing = () => notFound("webhook.not_found", `No webhook "${id}" in this workspace.`, "webhook");
  if (!isUuid(key)) throw missing();
  const query = tx
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.workspaceId, ctx.workspaceId), eq(webhookSubscriptions.id, key)));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw missing();
  return row;
}
