import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookSubscriptions } from "../../../db/schema/index.js";
import { type EventListener, newId } from "../../kernel/index.js";

export const WEBHOOKS_ENQUEUE = "webhooks.enqueue";

/**
 * `webhooks.enqueue`: for every committed event, one pending delivery per
 * active subscription of the event's workspace that takes its type (or "*"),
 * written in the listener's transaction (exactly once per event; the unique
 * (subscription, event) key makes a second hand-over of the same event a
 * no-op). Sending is the due work `webhooks.deliver`, outside any transaction.
 */
export function webhooksEnqueueListener(): EventListener {
  return {
    name: WEBHOOKS_ENQUEUE,
    events: "*",
    async handle(event, { tx, clock }) {
      const subs = await tx
        .select({ id: webhookSubscriptions.id })
        .from(webhookSubscriptions)
        .where(
          and(
            eq(webhookSubscriptions.workspaceId, event.workspaceId),
            eq(webhookSubscriptions.active, true),
            sql`${webhookSubscriptions.events} && array['*', ${event.type}]::text[]`,
          ),
        );
      if (subs.length === 0) return;
      const now = clock.now();
      await tx
        .insert(webhookDeliveries)
        .values(
          subs.map((s) => ({
            id: newId(now),
            workspaceId: event.workspaceId,
            subscriptionId: s.id,
            eventId: event.id,
            eventType: event.type,
            status: "pending",
            nextAttemptAt: now,
            createdAt: now,
          })),
        )
        .onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.eventId] });
    },
  };
}
