import { ACTIVE_STATUSES, type TicketStatus } from "../../../common/enums.js";
import { allowedNextStatuses, canTransition, TRANSITIONS } from "../../../common/status-machine.js";
import { DomainError } from "../kernel/index.js";

export { allowedNextStatuses, canTransition, TRANSITIONS };

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
