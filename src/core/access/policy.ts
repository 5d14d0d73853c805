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
  /** Create and edit customers (every agent does this while answering tickets). */
  "customer:manage",
  "workspace:manage",
  /** Workspace settings (seed 001: managers "cannot modify system settings"). */
  "settings:manage",
  /** Read the audit log. */
  "audit:read",
  /** List and create workspaces: the system owner's job. */
  "instance:manage",
  /** Have views (saved queries): every agent; customers have none. */
  "views:use",
  /** Share views with the whole workspace or any team, and change or delete other people's shared views. */
  "views:manage",
  /** Read the workspace's custom ticket fields. */
  "fields:read",
  /** Define, change and delete custom ticket fields (they change what every query can name). */
  "fields:manage",
  /** Read SLA policies, calendars and automation rules (every agent: they explain what the desk does). */
  "automation:read",
  /** Create, change, test and delete SLA policies, calendars and automation rules. */
  "automation:manage",
  /** Where a message went and why, the stored original of an inbound message (every agent). */
  "email:read",
  /** Mailboxes and their credentials, failed inbound messages and retries, raw message intake. */
  "email:manage",
  /** Outgoing webhooks and Teams incoming webhooks: subscriptions, secrets, the delivery log, test sends. */
  "webhooks:manage",
  /** One's own notification centre and notification preferences (every agent; customers have none). */
  "notifications:use",
  /** The notification delivery log of the workspace (who was told what, on which channel, and why not), and its notification templates. */
  "notifications:manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a ticket-scoped decision needs to know about the ticket. */
export interface TicketSubject {
  requesterId: string | null;
  companyId: string | null;
}

/** Actions only a superadmin (and the system) may take. */
const SUPERADMIN_ACTIONS: readonly Action[] = ["settings:manage", "audit:read", "instance:manage"];

/** Actions of managers and superadmins (and the system). */
const MANAGER_ACTIONS: readonly Action[] = [
  "people:manage",
  "workspace:manage",
  "views:manage",
  "fields:manage",
  "automation:manage",
  "email:manage",
  "webhooks:manage",
  "notifications:manage",
];

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
      if (SUPERADMIN_ACTIONS.includes(action)) return actor.role === "superadmin";
      if (MANAGER_ACTIONS.includes(action)) {
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
