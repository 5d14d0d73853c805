import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/connection.js";
import { webhookDeliveries } from "../../../db/schema/index.js";
import type { Clock, DueWork, DueWorkOptions } from "../../kernel/index.js";
import type { NotifyEnv } from "../types.js";
import type { WebhookDeliveryRow } from "./delivery-log.js";
import { prepareRequest } from "./prepare.js";
import { postWebhook } from "./request.js";
import { MAX_WEBHOOK_ATTEMPTS } from "./retry.js";
import { settleAttempt } from "./settle.js";

export const WEBHOOKS_DELIVER = "webhooks.deliver";
/** How long a claimed delivery is ours: a sender that died mid-POST frees it after this. */
export const WEBHOOK_LEASE_MS = 2 * 60_000;
/** Deliveries claimed at a time (and POSTed one after another): done long before the lease passes. */
const CHUNK = 5;

/**
 * Claims due deliveries (pending ones due, and sending ones whose lease passed:
 * their sender died) with `for update skip locked`: `sending`, attempt
 * counted, lease as next_attempt_at; committed before anything is POSTed. A
 * lease that passed leaves a line in the attempt log.
 */
async function claim(db: Db, now: Date, opts: DueWorkOptions): Promise<WebhookDeliveryRow[]> {
  return db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          inArray(webhookDeliveries.status, ["pending", "sending"]),
          lte(webhookDeliveries.nextAttemptAt, now),
          opts.workspaceId ? eq(webhookDeliveries.workspaceId, opts.workspaceId) : undefined,
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (ids.length === 0) return [];
    const lost = `${now.toISOString()}: no outcome recorded (the sender stopped mid-delivery; its lease passed)`;
    return tx
      .update(webhookDeliveries)
      .set({
        status: "sending",
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + WEBHOOK_LEASE_MS),
        error: sql`case when ${webhookDeliveries.status} = 'sending'
          then coalesce(${webhookDeliveries.error} || chr(10), '') || '#' || ${webhookDeliveries.attempts} || ' ' || ${lost}
          else ${webhookDeliveries.error} end`,
      })
      .where(
        inArray(
          webhookDeliveries.id,
          ids.map((r) => r.id),
        ),
      )
      .returning();
  });
}

async function deliverOne(db: Db, clock: Clock, env: NotifyEnv, row: WebhookDeliveryRow, opts: DueWorkOptions) {
  const prepared = await prepareRequest(db, env, row, clock.now());
  if (prepared.kind === "skip") {
    await settleAttempt(db, clock, env, row, {
      ok: false,
      final: true,
      status: null,
      durationMs: null,
      error: prepared.reason,
      counts: false,
    });
    return;
  }
  const outcome = await postWebhook(env.http, prepared.url, prepared.request);
  if (outcome.ok) {
    await settleAttempt(db, clock, env, row, {
      ok: true,
      final: true,
      status: outcome.status,
      durationMs: outcome.durationMs,
      error: null,
      counts: true,
    });
    return;
  }
  const final = row.attempts >= MAX_WEBHOOK_ATTEMPTS;
  await settleAttempt(db, clock, env, row, {
    ok: false,
    final,
    status: outcome.status,
    durationMs: outcome.durationMs,
    error: outcome.error ?? "failed",
    counts: true,
  });
  opts.log?.(final ? "webhook delivery failed" : "webhook delivery will be retried", {
    deliveryId: row.id,
    attempts: row.attempts,
    error: outcome.error,
  });
}

/**
 * `webhooks.deliver`: POSTs due deliveries outside any transaction (10 s
 * timeout), then records the outcome: 2xx → sent; anything else → retried
 * after 30 s, 1, 2, 4 … minutes, failed after the 8th attempt. Each
 * subscription counts failed attempts in a row (any success resets it); at 20
 * it is disabled and its managers and superadmins are notified. A delivery
 * whose sender died is sent again after its lease: receivers see the same
 * X-Helpline-Delivery id and can drop a duplicate.
 */
export function webhooksDeliverWork(env: NotifyEnv): DueWork {
  return {
    name: WEBHOOKS_DELIVER,
    async runDue(db, clock, opts) {
      let total = 0;
      while (total < opts.limit) {
        const rows = await claim(db, clock.now(), { ...opts, limit: Math.min(CHUNK, opts.limit - total) });
        if (rows.length === 0) break;
        for (const row of rows) await deliverOne(db, clock, env, row, opts);
        total += rows.length;
      }
      return total;
    },
  };
}
