import { and, eq, inArray, max } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { notificationDeliveries, notifications } from "../../db/schema/index.js";
import { type Ctx, newId } from "../kernel/index.js";
import { effectivePreferences } from "./preferences.js";
import type { EffectivePreferences } from "./preferences-schema.js";
import { quietUntil } from "./quiet-hours.js";
import type { NotificationChannel, NotificationContent, NotificationKind, NotifyEnv, Recipient } from "./types.js";

export interface EnqueueInput {
  eventId: string;
  eventType: string;
  kind: NotificationKind;
  recipients: Recipient[];
  content: NotificationContent;
  now: Date;
}

/**
 * Kinds that ignore quiet hours: a critical ticket and a breached SLA need
 * someone now, whatever the hour (everything else waits for the morning).
 */
export const URGENT_KINDS: ReadonlySet<NotificationKind> = new Set(["ticket.critical", "sla.breached"]);

type DeliveryRow = typeof notificationDeliveries.$inferInsert;

/** `agent:<id>`, `customer:<id>` or `email:<address>`: one delivery per recipient per channel and event. */
export function recipientKey(r: Recipient): string {
  if (r.type !== "address" && r.id) return `${r.type}:${r.id}`;
  return `email:${r.email.trim().toLowerCase()}`;
}

/** When each batching agent's current email window ends: their last notification email + N minutes. */
async function batchWindows(
  tx: Tx,
  workspaceId: string,
  batching: { key: string; minutes: number }[],
  now: Date,
): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (batching.length === 0) return out;
  const rows = await tx
    .select({ key: notificationDeliveries.recipientKey, last: max(notificationDeliveries.sentAt) })
    .from(notificationDeliveries)
    .where(
      and(
        eq(notificationDeliveries.workspaceId, workspaceId),
        eq(notificationDeliveries.channel, "email"),
        eq(notificationDeliveries.status, "sent"),
        inArray(
          notificationDeliveries.recipientKey,
          batching.map((b) => b.key),
        ),
      ),
    )
    .groupBy(notificationDeliveries.recipientKey);
  const last = new Map(rows.map((r) => [r.key, r.last ? new Date(r.last) : null]));
  for (const b of batching) {
    const sent = last.get(b.key);
    const end = sent ? new Date(sent.getTime() + b.minutes * 60_000) : now;
    out.set(b.key, end > now ? end : now);
  }
  return out;
}

/** Status and time of a delivery that may wait: quiet hours hold it, batching gathers it. */
function timing(
  prefs: EffectivePreferences | undefined,
  kind: NotificationKind,
  now: Date,
  batchEnd: Date | undefined,
): { status: "pending" | "held" | "batched"; nextAttemptAt: Date; reason: string | null } {
  const quiet = prefs && !URGENT_KINDS.has(kind) ? quietUntil(now, prefs.quietHours, prefs.timeZone) : null;
  let status: "pending" | "held" | "batched" = "pending";
  let at = now;
  let reason: string | null = null;
  if (batchEnd) {
    status = "batched";
    at = batchEnd;
    reason = `batched: at most one email per ${prefs?.emailBatchMinutes} minutes`;
  }
  if (quiet) {
    status = "held";
    if (quiet > at) at = quiet;
    reason = `quiet hours ${prefs?.quietHours?.start}–${prefs?.quietHours?.end} ${prefs?.timeZone}`;
  }
  return { status, nextAttemptAt: at, reason };
}

/**
 * Writes one event's notifications for these recipients, in the caller's
 * transaction: per recipient and per channel their preferences allow, the in-app
 * row (agents; written `sent`, never held: it makes no sound), an email delivery
 * (`pending`, `held` until quiet hours end, or `batched` until the batch window
 * closes) and a Slack delivery (`pending`/`held`; agents). Customers and bare
 * addresses get email only. Idempotent: the unique keys (agent + event; event +
 * channel + recipient) make a second call for the same event write nothing.
 */
export async function enqueueNotification(
  tx: Tx,
  ctx: Ctx,
  _env: NotifyEnv,
  input: EnqueueInput,
): Promise<{ inApp: number; deliveries: number }> {
  const ws = ctx.workspaceId;
  const { now, kind, content } = input;
  const seen = new Set<string>();
  const recipients = input.recipients.filter((r) => {
    const key = recipientKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (recipients.length === 0) return { inApp: 0, deliveries: 0 };
  const agentIds = recipients.flatMap((r) => (r.type === "agent" && r.id ? [r.id] : []));
  const prefs = await effectivePreferences(tx, ws, agentIds);
  const wants = (r: Recipient, channel: NotificationChannel): boolean => {
    if (r.type !== "agent" || !r.id) return channel === "email";
    return prefs.get(r.id)?.channels[kind][channel] ?? false;
  };
  const batching = recipients.flatMap((r) => {
    const minutes = r.type === "agent" && r.id ? (prefs.get(r.id)?.emailBatchMinutes ?? 0) : 0;
    return minutes > 0 && wants(r, "email") ? [{ key: recipientKey(r), minutes }] : [];
  });
  const windows = await batchWindows(tx, ws, batching, now);

  const ticketId = content.ticket?.id ?? null;
  const inApp: (typeof notifications.$inferInsert)[] = [];
  const deliveries: DeliveryRow[] = [];
  const base = (r: Recipient, channel: NotificationChannel) => ({
    id: newId(now),
    workspaceId: ws,
    eventId: input.eventId,
    eventType: input.eventType,
    kind,
    channel,
    recipientKey: recipientKey(r),
    agentId: r.type === "agent" ? r.id : null,
    ticketId,
    content: { ...content, reasons: r.reasons },
    createdAt: now,
  });
  for (const r of recipients) {
    const agentPrefs = r.type === "agent" && r.id ? prefs.get(r.id) : undefined;
    if (r.type === "agent" && r.id && wants(r, "in_app")) {
      inApp.push({
        id: newId(now),
        workspaceId: ws,
        agentId: r.id,
        eventId: input.eventId,
        kind,
        ticketId,
        title: content.title,
        body: content.text,
        link: content.ticket ? `/tickets/${content.ticket.number}` : null,
        createdAt: now,
      });
      deliveries.push({ ...base(r, "in_app"), status: "sent", address: null, sentAt: now, attempts: 1 });
    }
    if (wants(r, "email")) {
      const t = timing(agentPrefs, kind, now, windows.get(recipientKey(r)));
      deliveries.push({ ...base(r, "email"), address: r.email.trim().toLowerCase() || null, ...t });
    }
    if (r.type === "agent" && r.id && wants(r, "slack")) {
      const t = timing(agentPrefs, kind, now, undefined);
      deliveries.push({ ...base(r, "slack"), address: null, ...t });
    }
  }
  let inAppCount = 0;
  let deliveryCount = 0;
  for (let i = 0; i < inApp.length; i += 500) {
    const rows = await tx
      .insert(notifications)
      .values(inApp.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    inAppCount += rows.length;
  }
  for (let i = 0; i < deliveries.length; i += 500) {
    const rows = await tx
      .insert(notificationDeliveries)
      .values(deliveries.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ id: notificationDeliveries.id });
    deliveryCount += rows.length;
  }
  return { inApp: inAppCount, deliveries: deliveryCount };
}
