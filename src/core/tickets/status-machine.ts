import { ACTIVE_STATUSES, type TicketStatus } from "../../../common/enums.js";
import { DomainError } from "../kernel/index.js";

/**
 * Seed 002's workflow (open → in_progress → review → resolved → closed, with
 * on_hold and cancelled) plus seed 003's pending_customer. Agents may resolve
 * straight from open or in_progress (a quick answer needs no review), and a
 * resolved ticket can be reopened. Closed and cancelled are final.
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ["in_progress", "on_hold", "pending_customer", "resolved", "cancelled"],
  in_progress: ["open", "on_hold", "pending_customer", "review", "resolved", "cancelled"],
  on_hold: ["open", "in_progress", "cancelled"],
  pending_customer: ["open", "in_progress", "resolved", "cancelled"],
  review: ["in_progress", "resolved"],
  resolved: ["closed", "open", "in_progress"],
  closed: [],
  cancelled: [],
};

export function allowedNextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isActiveStatus(status: TicketStatus): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

export class InvalidTransitionError extends DomainError {
  constructor(
    readonly from: TicketStatus,
    readonly to: TicketStatus,
  ) {
    const allowed = TRANSITIONS[from];
    super(
      "validation",
      "ticket.invalid_transition",
      allowed.length === 0
        ? `A ${from} ticket cannot change status (it is final); create a follow-up ticket instead.`
        : `Cannot move a ticket from ${from} to ${to}; allowed next statuses: ${allowed.join(", ")}.`,
      "status",
      { from, to, allowed: [...allowed] },
    );
  }
}

export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}

/** The event type a status change publishes. */
export function statusEventType(
  from: TicketStatus,
  to: TicketStatus,
): "ticket.resolved" | "ticket.closed" | "ticket.reopened" | "ticket.status_changed" {
  if (to === "resolved") return "ticket.resolved";
  if (to === "closed") return "ticket.closed";
  if (from === "resolved") return "ticket.reopened";
  return "ticket.status_changed";
}
