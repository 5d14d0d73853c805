import type { Tx } from "../../db/connection.js";
import { outboxEvents } from "../../db/schema/index.js";
import { actorRef } from "./actor.js";
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
  handle(event: DomainEvent, tools: { tx: Tx }): Promise<void>;
}

export function listensTo(listener: EventListener, type: string): boolean {
  return listener.events === "*" || (listener.events as readonly string[]).includes(type);
}
