import { type Ctx, type EventListener, systemActor } from "../kernel/index.js";
import { contentFor, eventFacts } from "./content.js";
import { enqueueNotification } from "./enqueue.js";
import { recipientsFor } from "./recipients.js";
import type { NotifyEnv } from "./types.js";

/** Events that notify people (ticket.closed does not: resolved already said it). */
export const FANOUT_EVENTS = [
  "ticket.created",
  "ticket.updated",
  "ticket.assigned",
  "ticket.status_changed",
  "ticket.resolved",
  "ticket.reopened",
  "ticket.escalated",
  "ticket.message_added",
  "ticket.note_added",
  "sla.warning",
  "sla.breached",
  "notification.requested",
] as const;

/**
 * The fan-out: turns each committed event into notifications (in-app rows and
 * email/Slack deliveries) for the people the matrix names. Transactional: it
 * runs once per event in the delivery transaction, and the deliveries' unique
 * keys make a repeated delivery write nothing new.
 */
export function fanoutListener(env: NotifyEnv): EventListener {
  return {
    name: "notifications.fanout",
    events: FANOUT_EVENTS,
    async handle(event, { tx, clock }) {
      const ctx: Ctx = {
        actor: systemActor("notifications"),
        workspaceId: event.workspaceId,
        db: tx as Ctx["db"],
        clock,
      };
      const plan = await recipientsFor(tx, ctx, env, event);
      if (!plan.ticket || plan.groups.length === 0) return;
      const facts = await eventFacts(tx, event, plan.ticket);
      const now = clock.now();
      for (const group of plan.groups) {
        await enqueueNotification(tx, ctx, env, {
          eventId: event.id,
          eventType: event.type,
          kind: group.kind,
          recipients: group.recipients,
          content: contentFor(env, event, plan.ticket, facts, group),
          now,
        });
      }
    },
  };
}
