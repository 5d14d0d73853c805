/**
 * What an event does to each time anchor of its ticket (pure; see
 * TIME_ANCHORS in types.ts for what each anchor means):
 * - `set`: the anchor is now `at` (a new value replaces the schedule and clears its firedAt);
 * - `start`: the anchor starts at `at` unless it is already running (the oldest unanswered message counts);
 * - `clear`: the anchor stops (its schedule is deleted).
 */
import type { DomainEvent } from "../kernel/index.js";
import type { TicketRow } from "../tickets/index.js";
import type { TimeAnchor } from "./types.js";

export type AnchorChange = { kind: "set"; at: Date } | { kind: "start"; at: Date } | { kind: "clear" };

function changedFields(event: DomainEvent): string[] {
  const changes = event.payload.changes;
  if (!Array.isArray(changes)) return [];
  return changes.flatMap((c) =>
    typeof (c as { field?: unknown })?.field === "string" ? [(c as { field: string }).field] : [],
  );
}

export function anchorChanges(
  event: DomainEvent,
  ticket: Pick<TicketRow, "requesterId" | "description">,
): Partial<Record<TimeAnchor, AnchorChange>> {
  if (!event.type.startsWith("ticket.")) return {};
  const at = new Date(event.occurredAt);
  const set = { kind: "set", at } as const;
  const out: Partial<Record<TimeAnchor, AnchorChange>> = { updated: set };
  if (event.type === "ticket.created") {
    out.created = set;
    out.status_changed = set;
    out.assignment_changed = set;
    // Waiting from the start when the ticket opens with the requester's message.
    if (ticket.requesterId && ticket.description.trim() !== "") out.customer_waiting = { kind: "start", at };
    return out;
  }
  const fields = changedFields(event);
  if (fields.includes("status")) out.status_changed = set;
  if (fields.includes("assigneeId")) out.assignment_changed = set;
  if (event.type === "ticket.message_added" && event.payload.internal !== true) {
    if (event.actor.type === "customer") {
      out.customer_waiting = { kind: "start", at };
      out.agent_waiting = { kind: "clear" };
    } else if (event.actor.type === "agent") {
      out.customer_waiting = { kind: "clear" };
      out.agent_waiting = { kind: "start", at };
    }
  }
  return out;
}
