/**
 * Everything one POST needs, read before it is made (no transaction held):
 * the subscription, the event from the outbox, the signing secret, and for
 * Teams the ticket the card shows and links to.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/connection.js";
import { outboxEvents, webhookSubscriptions } from "../../../db/schema/index.js";
import { decryptSecret } from "../../auth/index.js";
import { systemActor } from "../../kernel/index.js";
import { loadTicket } from "../../tickets/index.js";
import type { NotifyEnv } from "../types.js";
import type { WebhookDeliveryRow } from "./delivery-log.js";
import { buildWebhookRequest, snapshotTicket, type WebhookEvent, type WebhookRequest } from "./request.js";
import type { CardTicket } from "./teams-card.js";
import { type WebhookFormat, type WebhookRow, webhookSecretContext } from "./webhook-record.js";

export type Prepared = { kind: "send"; url: string; request: WebhookRequest } | { kind: "skip"; reason: string };

/** The outbox row as webhooks send it, or undefined when it is gone. */
export async function loadWebhookEvent(
  db: Db,
  workspaceId: string,
  eventId: string,
): Promise<WebhookEvent | undefined> {
  const [e] = await db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.workspaceId, workspaceId), eq(outboxEvents.id, eventId)));
  if (!e) return undefined;
  return {
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt.toISOString(),
    workspaceId: e.workspaceId,
    subject: { type: e.subjectType, id: e.subjectId },
    actor: e.actor,
    payload: (e.payload ?? {}) as Record<string, unknown>,
  };
}

/** The subscription's signing secret, or a reason it cannot be read. */
export function openSecret(env: NotifyEnv, hook: WebhookRow): { secret: string | null } | { error: string } {
  if (hook.format !== "json" || !hook.secretSealed) return { secret: null };
  try {
    return { secret: decryptSecret(env.email.secretKey, hook.secretSealed, webhookSecretContext(hook.id)) };
  } catch {
    return {
      error:
        "the signing secret cannot be read with this instance key (was HELPLINE_SECRET_KEY changed?); rotate the secret",
    };
  }
}

/** The ticket a Teams card shows: the event's snapshot, or (SLA events) the ticket as it is now. */
async function cardTicket(db: Db, event: WebhookEvent, now: Date): Promise<CardTicket | null> {
  const snap = snapshotTicket(event);
  if (snap || event.subject.type !== "ticket") return snap;
  try {
    const ctx = { actor: systemActor("webhooks"), workspaceId: event.workspaceId, db, clock: { now: () => now } };
    const { ticket } = await loadTicket(db, ctx, event.subject.id, "ticket:read");
    return { number: ticket.number, subject: ticket.subject, status: ticket.status, priority: ticket.priority };
  } catch {
    return null;
  }
}

export async function prepareRequest(db: Db, env: NotifyEnv, row: WebhookDeliveryRow, now: Date): Promise<Prepared> {
  const [hook] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.workspaceId, row.workspaceId), eq(webhookSubscriptions.id, row.subscriptionId)));
  if (!hook) return { kind: "skip", reason: "not sent: the webhook was deleted" };
  if (!hook.active) {
    return { kind: "skip", reason: `not sent: the webhook is disabled (${hook.disabledReason ?? "inactive"})` };
  }
  const event = await loadWebhookEvent(db, row.workspaceId, row.eventId);
  if (!event) return { kind: "skip", reason: "not sent: the event is no longer stored" };
  const opened = openSecret(env, hook);
  if ("error" in opened) return { kind: "skip", reason: opened.error };
  const format = hook.format as WebhookFormat;
  const request = buildWebhookRequest({
    format,
    deliveryId: row.id,
    event,
    secret: opened.secret,
    ticket: format === "teams" ? await cardTicket(db, event, now) : null,
    publicUrl: env.publicUrl,
    now,
  });
  return { kind: "send", url: hook.url, request };
}
