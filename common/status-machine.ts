import type { TicketStatus } from "./enums.js";

/**
 * Seed 002's workflow (open → in_progress → review → resolved → closed, with
 * on_hold and cancelled) plus seed 003's pending_customer. Agents may resolve
 * straight from open or in_progress (a quick answer needs no review), and a
 * resolved ticket can be reopened. Closed and cancelled are final. Shared by
 * the engine (which enforces it) and the web app (which offers only these).
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
