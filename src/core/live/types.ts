/**
 * Live updates for agents' screens: a ticket changed (so lists, the board and
 * an open ticket refetch), and who is viewing or replying to a ticket
 * (presence). Both travel on the realtime bus; both are hints, never the
 * truth: a screen that hears one reads the ticket through the API again, with
 * the reader's own permissions.
 */
import type { RealtimeBus } from "../notifications/index.js";

export type { RealtimeBus };

/** An outbox event as the dispatcher claimed it (after its transaction committed). */
export interface CommittedEvent {
  id: string;
  seq: string;
  workspaceId: string;
  type: string;
  subjectType: string;
  subjectId: string;
  actor: { type: string; id: string | null } | null;
  occurredAt: Date;
}

/** A ticket changed: `event` is the outbox event type (`ticket.assigned`, …). */
export interface TicketChanged {
  type: "ticket";
  ticketId: string;
  event: string;
  eventId: string;
  actor: { type: string; id: string | null } | null;
  /** When the change committed (ISO-8601): screens measure live latency against it. */
  at: string;
}

export const PRESENCE_STATES = ["viewing", "typing", "left"] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Someone is looking at, or writing a reply to, a ticket. Announced again every ~15 s while true. */
export interface Presence {
  type: "presence";
  ticketId: string;
  agent: { id: string; name: string };
  state: PresenceState;
  at: string;
}

export type LiveUpdate = TicketChanged | Presence;

/** Every agent screen of a workspace listens on one channel. */
export const workspaceLiveChannel = (workspaceId: string) => `live:${workspaceId}`;
