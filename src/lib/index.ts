/**
 * Helpline as a library: `createHelpdesk()` opens a desk and returns typed
 * services (tickets, sla, reports, people, routing).
 */
export { createHelpdesk, MigrationsPendingError } from "./create-helpdesk.js";
export type { DatabaseChoice, Health, Helpdesk, HelpdeskOptions } from "./create-helpdesk.js";
export type { Services } from "./services.js";
export { VERSION } from "./version.js";
export { DomainError, fixedClock, isDomainError, systemActor } from "../core/kernel/index.js";
export type { Actor, Clock, DomainEvent, EventListener, EventType, Page } from "../core/kernel/index.js";
export type { Ticket, TicketRef, CreateTicketInput, UpdateTicketInput, QueueInput } from "../core/tickets/index.js";
export { InvalidTransitionError, allowedNextStatuses, effectivePriority } from "../core/tickets/index.js";
export type { TimelineEntry } from "../core/timeline/index.js";
export type { Agent, Company, Customer, Team, Workspace } from "../core/people/index.js";
export type { SlaSnapshot, BreachedTicket } from "../core/sla/index.js";
export type { Report } from "../core/reports/index.js";
export { DataDirLockedError } from "../db/lock.js";
export { migrate, migrationStatus } from "../db/migrate.js";
export { openDatabase } from "../db/connection.js";
export * from "../../common/enums.js";
