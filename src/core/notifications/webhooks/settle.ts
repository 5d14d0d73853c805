/**
 * Records one attempt's outcome: the delivery row (unless its lease passed and
 * another sender took it), the subscription's failures-in-a-row count, and at
 * DISABLE_AFTER_FAILURES the subscription disabled, its pending deliveries
 * given up, and its workspace's managers and superadmins notified once.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/connection.js";
import { agents, webhookDeliveries, webhookSubscriptions } from "../../../db/schema/index.js";
import { type Clock, systemActor } from "../../kernel/index.js";
import { enqueueNotification } from "../enqueue.js";
import type { NotifyEnv, Recipient } from "../types.js";
import { appendAttempt, type WebhookDeliveryRow } from "./delivery-log.js";
import { webhookRetryDelayMs } from "./retry.js";
import type { WebhookRow } from "./webhook-record.js";

/** Failed attempts in a row (across deliveries) that disable a subscription. */
export const DISABLE_AFTER_FAILURES = 20;

export interface AttemptResult {
  ok: boolean;
  /** No more attempts: failed (or sent). */
  final: boolean;
  status: number | null;
  durationMs: number | null;
  error: string | null;
  /** Whether it counts towards the subscription's failures in a row (a skipped delivery does not). */
  counts: boolean;
}

export async function settleAttempt(
  db: Db,
  clock: Clock,
  env: NotifyEnv,
  row: WebhookDeliveryRow,
  result: AttemptResult,
): Promise<void> {
  const now = clock.now();
  await db.transaction(async (tx) => {
    const patch: Partial<WebhookDeliveryRow> = result.ok
      ? { status: "sent", deliveredAt: now, nextAttemptAt: null }
      : {
          status: result.final ? "failed" : "pending",
          error: appendAttempt(row.error, row.attempts, now, result.error ?? "failed"),
          nextAttemptAt: result.final ? null : new Date(now.getTime() + webhookRetryDelayMs(row.attempts)),
        };
    if (result.status !== null) patch.responseStatus = result.status;
    if (result.durationMs !== null) patch.durationMs = result.durationMs;
    const settled = await tx
      .update(webhookDeliveries)
      .set(patch)
      .where(
        and(
          eq(webhookDeliveries.id, row.id),
          eq(webhookDeliveries.status, "sending"),
          eq(webhookDeliveries.attempts, row.attempts),
        ),
      )
      .returning({ id: webhookDeliveries.id });
    if (settled.length === 0 || !result.counts) return;
    const scope = and(
      eq(webhookSubscriptions.workspaceId, row.workspaceId),
      eq(webhookSubscriptions.id, row.subscriptionId),
    );
    if (result.ok) {
      await tx.update(webhookSubscriptions).set({ consecutiveFailures: 0 }).where(scope);
      return;
    }
    const [hook] = await tx
      .update(webhookSubscriptions)
      .set({ consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1` })
      .where(scope)
      .returning();
    if (hook?.active && hook.consecutiveFailures >= DISABLE_AFTER_FAILURES) {
      await disable(tx, db, clock, env, hook, row, result.error ?? "failed");
    }
  });
}

async function disable(
  tx: Tx,
  db: Db,
  clock: Clock,
  env: NotifyEnv,
  hook: WebhookRow,
  row: WebhookDeliveryRow,
  lastError: string,
): Promise<void> {
  const now = clock.now();
  const reason = `${hook.consecutiveFailures} failed attempts in a row; last: ${lastError}`.slice(0, 1000);
  const [disabled] = await tx
    .update(webhookSubscriptions)
    .set({ active: false, disabledAt: now, disabledReason: reason, updatedAt: now })
    .where(and(eq(webhookSubscriptions.id, hook.id), eq(webhookSubscriptions.active, true)))
    .returning({ id: webhookSubscriptions.id });
  if (!disabled) return;
  const pending = await tx
    .update(webhookDeliveries)
    .set({
      status: "failed",
      nextAttemptAt: null,
      error: sql`coalesce(${webhookDeliveries.error} || chr(10), '') || ${`${now.toISOString()}: not sent: the webhook was disabled`}`,
    })
    .where(and(eq(webhookDeliveries.subscriptionId, hook.id), eq(webhookDeliveries.status, "pending")))
    .returning({ id: webhookDeliveries.id });
  const admins = await tx
    .select({ id: agents.id, email: agents.email, name: agents.name })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, hook.workspaceId),
        eq(agents.active, true),
        inArray(agents.role, ["superadmin", "manager"]),
      ),
    );
  if (admins.length === 0) return;
  const recipients: Recipient[] = admins.map((a) => ({
    type: "agent",
    id: a.id,
    email: a.email,
    name: a.name,
    reasons: ["admin"],
  }));
  const ctx = { actor: systemActor("webhooks"), workspaceId: hook.workspaceId, db, clock };
  await enqueueNotification(tx, ctx, env, {
    eventId: row.id,
    eventType: "webhook.disabled",
    kind: "webhook.disabled",
    recipients,
    content: {
      kind: "webhook.disabled",
      title: `Webhook "${hook.name}" was disabled after ${hook.consecutiveFailures} failed attempts in a row`,
      text:
        `${hook.url} kept failing; last error: ${lastError}. ` +
        `${pending.length} pending ${pending.length === 1 ? "delivery was" : "deliveries were"} given up. ` +
        "Fix the receiver, then re-enable the webhook (active: true) or run `helpline webhooks test`.",
      url: null,
      ticket: null,
      actor: "Helpline webhooks",
      occurredAt: now.toISOString(),
    },
    now,
  });
}
