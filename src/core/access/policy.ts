import type { Actor } from "../kernel/index.js";
import { forbidden } from "../kernel/index.js";

export const ACTIONS = [
  "ticket:create",
  "ticket:read",
  /** List tickets; the query itself is scoped to what the actor may see. */
  "ticket:list",
  "ticket:update",
  "ticket:assign",
  "ticket:status",
  "ticket:escalate",
  "ticket:comment",
  "ticket:note",
  "report:read",
  "people:read",
  "people:manage",
  "workspace:manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a ticket-scoped decision needs to know about the ticket. */
export interface TicketSubject {
  requesterId: string | null;
  companyId: string | null;
}

const CUSTOMER_ACTIONS: readonly Action[] = ["ticket:create", "ticket:list", "ticket:read", "ticket:comment"];

/**
 * Default deny. System and agent roles act on every ticket of their workspace
 * (workspace scoping is enforced by every query); managers and superadmins also
 * manage people; customers see their own tickets, company users their company's.
 */
export function can(actor: Actor, action: Action, subject?: TicketSubject): boolean {
  switch (actor.type) {
    case "system":
      return true;
    case "agent":
      if (action === "people:manage" || action === "workspace:manage") {
        return actor.role === "manager" || actor.role === "superadmin";
      }
      return true;
    case "customer": {
      if (!CUSTOMER_ACTIONS.includes(action)) return false;
      if (!subject) return action === "ticket:create" || action === "ticket:list";
      if (subject.requesterId === actor.id) return true;
      return actor.role === "company_user" && actor.companyId !== null && subject.companyId === actor.companyId;
    }
  }
}

export function authorize(actor: Actor, action: Action, subject?: TicketSubject): void {
  if (!can(actor, action, subject)) {
    throw forbidden(`You are not allowed to ${action.replace(":", " ")}${subject ? " on this ticket" : ""}.`);
  }
}
