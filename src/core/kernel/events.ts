import type { Tx } from "../../db/connection.js";
import { outboxEvents } from "../../db/schema/index.js";
import { actorRef } from "./actor.js";
import type { Clock } from "./clock.js";
import type { Ctx } from "./ctx.js";
import { newId } from "./ids.js";

export const EVENT_TYPES = [
  "ticket.created",
  "ticket.updated",
  "ticket.assigned",
  "ticket.status_changed",
  "ticket.resolved",
  "ticket.closed",
  "ticket.reopened",
  "ticket.escalated",
  "ticket.message_added",
  "ticket.note_added",
  /** An SLA clock reached its warning share (payload: metric, dueAt). */
  "sla.warning",
  /** An SLA clock passed its due time (payload: metric, dueAt). */
  "sla.breached",
  /** Automation asked for people to be told something (payload: recipients, message); delivered by notifications. */
  "notification.requested",
  /** Automation asked for a templated email to the requester (payload: to, subject, body); sent by the email outbox. */
  "email.requested",
  /** Automation asked for a webhook call (payload: url, body); delivered outside any transaction, retried. */
  "automation.webhook",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A committed domain event as listeners receive it. */
export interface DomainEvent {
  id: string;
  seq: number;
  workspaceId: string;
  type: EventType;
  subjectType: string;
  subjectId: string;
  actor: ReturnType<typeof actorRef>;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** Writes an event to the outbox inside the caller's transaction. */
export async function recordEvent(
  tx: Tx,
  ctx: Ctx,
  event: { type: EventType; subjectType: string; subjectId: string; payload: Record<string, unknown> },
  now: Date,
): Promise<string> {
  const id = newId(now);
  await tx.insert(outboxEvents).values({
    id,
    workspaceId: ctx.workspaceId,
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    actor: actorRef(ctx.actor),
    payload: event.payload,
    occurredAt: now,
  });
  return id;
}

/**
 * Something that reacts to committed events (notifications, automation, SLA,
 * webhooks, search, metrics). Delivered at least once; `handle` runs in a
 * transaction that also records the delivery, so a listener whose effects are
 * database writes runs exactly once per event.
 */
export interface EventListener {
  /** Stable name: receipts are keyed by it. */
  name: string;
  /** Event types to receive, or "*" for all. */
  events: readonly EventType[] | "*";
  /**
   * Default true: `handle` runs inside the delivery transaction (exactly-once
   * effects on the database). False for listeners that talk to the outside
   * world (HTTP, SMTP): `handle` runs with no transaction open and the receipt
   * is written after it succeeds (at least once; retried when it throws).
   */
  transactional?: boolean;
  handle(event: DomainEvent, tools: ListenerTools): Promise<void>;
}

/** What a listener gets besides the event: the delivery transaction (or the database) and the desk's clock. */
export interface ListenerTools {
  tx: Tx;
  clock: Clock;
}

export function listensTo(listener: EventListener, type: string): boolean {
  return listener.events === "*" || (listener.events as readonly string[]).includes(type);
}
