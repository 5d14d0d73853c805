import type { Ctx } from "../core/kernel/index.js";
import * as live from "../core/live/index.js";
import type { NotifyEnv } from "../core/notifications/index.js";
import * as query from "../core/query/index.js";
import * as reports from "../core/reports/index.js";
import * as search from "../core/search/index.js";
import * as sla from "../core/sla/index.js";
import * as tickets from "../core/tickets/index.js";
import type { TimelineEntry } from "../core/timeline/index.js";
import { auditServices, settingsServices, workspacesServices } from "./services/admin.js";
import { automationServices } from "./services/automation.js";
import { calendarsServices } from "./services/calendars.js";
import { type EmailRuntime, emailServices } from "./services/email.js";
import { notificationServices } from "./services/notifications.js";
import { peopleServices } from "./services/people.js";
import { routingServices } from "./services/routing.js";
import { customFieldServices, viewsServices } from "./services/views.js";

type Ref = tickets.TicketRef;

/**
 * The typed services of a Helpdesk, bound to one actor and workspace.
 * `changed` is called after every committed change (wakes the outbox dispatcher).
 */
export function buildServices(ctx: Ctx, changed: () => void, email: EmailRuntime, notify: NotifyEnv) {
  const mutation =
    <A extends unknown[], R>(fn: (ctx: Ctx, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await fn(ctx, ...args);
      changed();
      return result;
    };
  return {
    tickets: {
      /** Create a ticket (seed 002 create_ticket). Priority is detected from the text unless given. */
      create: mutation((c, input: tickets.CreateTicketInput) => tickets.createTicket(c, input)),
      /** Get by number (`TKT-1001`) or id. */
      get: (ref: Ref) => tickets.getTicket(ctx, ref),
      update: mutation((c, ref: Ref, input: tickets.UpdateTicketInput) => tickets.updateTicket(c, ref, input)),
      /** Assign to an agent by id or email (`null` unassigns); open → in_progress. */
      assign: mutation((c, ref: Ref, assignee: string | null, opts: { team?: string | null } = {}) =>
        tickets.assignTicket(c, ref, { assignee, ...opts }),
      ),
      /** Move along the status machine; `note` becomes an internal note. */
      updateStatus: mutation((c, ref: Ref, status: string, opts: { note?: string } = {}) =>
        tickets.updateStatus(c, ref, { status, ...opts }),
      ),
      /** Priority one level up, SLA deadline recomputed, internal note. */
      escalate: mutation((c, ref: Ref, opts: { reason?: string } = {}) => tickets.escalateTicket(c, ref, opts)),
      /** A public message, or an internal note with `internal: true`. */
      addComment: mutation(
        (
          c,
          ref: Ref,
          input: {
            body: string;
            internal?: boolean;
            attachments?: unknown[];
            channel?: string;
            /** Collision detection: fail with ticket.reply_stale if others replied after this entry. */
            lastSeenEntryId?: string;
          },
        ) => tickets.addComment(c, ref, input),
      ),
      /** Messages and notes, oldest first (seed 002 get_comments). */
      getComments: async (ref: Ref, opts: { includeInternal?: boolean } = {}): Promise<TimelineEntry[]> =>
        (await tickets.getTimeline(ctx, ref, opts)).filter((e) => e.kind !== "event"),
      /** The whole timeline: messages, notes and system events. */
      timeline: (ref: Ref, opts: { includeInternal?: boolean } = {}) => tickets.getTimeline(ctx, ref, opts),
      /** Seed 002 get_queue: filtered, most urgent first, one page at a time. */
      getQueue: (filters: tickets.QueueInput = {}) => tickets.getQueue(ctx, filters),
      /** Tickets matching a query (`status: open priority: >= high assignee: me sort by: created`). */
      list: (input: query.ListTicketsInput = {}) => query.listTickets(ctx, input),
      /** Tickets due in a range (their due date, else the SLA deadline while active): the calendar. */
      due: (input: tickets.DueRangeInput) => tickets.listDueTickets(ctx, input),
    },
    live: {
      /** Live updates for an agent's screens (ticket changes, presence). Resolves to unsubscribe. */
      subscribe: (onMessage: (message: Record<string, unknown>) => void) =>
        live.subscribeLive(ctx, notify.bus, onMessage),
      /** Announce that you are viewing, typing a reply to, or have left a ticket. */
      presence: (ref: Ref, state: string) => live.announcePresence(ctx, notify.bus, ref, state),
    },
    search: {
      /** Full-text search in the query language, most relevant first, with highlighted snippets. */
      tickets: (input: { q: string; limit?: number; cursor?: string }) => search.searchTickets(ctx, input),
      /** Customers and companies by name, email or domain, forgiving typos. */
      people: (input: { q: string; limit?: number }) => search.searchPeople(ctx, input),
      /** Text-search language of the workspace (`english`, `simple`, …); re-indexes everything (superadmins). */
      setLanguage: mutation((c, language: string) => search.setSearchLanguage(c, { language })),
    },
    query: {
      /** Autocomplete at a cursor position in a query. */
      complete: (input: { text: string; cursor?: number }) => search.completeQuery(ctx, input),
    },
    sla: {
      /** Seed 002 check_sla_breach snapshot. */
      checkBreach: (ref: Ref) => sla.checkSla(ctx, ref),
      /** Seed 002 get_breached_tickets: most overdue first. */
      getBreached: (opts: { limit?: number } = {}) => sla.listBreached(ctx, opts),
      hoursFor: (priority: 1 | 2 | 3 | 4) => sla.SLA_HOURS[priority],
      /** A ticket's policy and clocks (first response, next response, resolution), measured now. */
      forTicket: (ref: Ref) => sla.ticketSla(ctx, ref),
      /** SLA policies in the order they are tried (the built-in seed 002 default applies after them). */
      policies: {
        list: () => sla.listPolicies(ctx),
        get: (ref: string) => sla.getPolicy(ctx, ref),
        create: mutation((c, input: sla.CreatePolicyInput) => sla.createPolicy(c, input)),
        update: mutation((c, ref: string, input: sla.UpdatePolicyInput) => sla.updatePolicy(c, ref, input)),
        delete: mutation((c, ref: string) => sla.deletePolicy(c, ref)),
      },
    },
    routing: routingServices(ctx, mutation),
    reports: {
      /** Seed 002 generate_report(days). */
      generate: (opts: { days?: number } = {}) => reports.generateReport(ctx, opts),
    },
    people: peopleServices(ctx, mutation),
    views: viewsServices(ctx, mutation),
    customFields: customFieldServices(ctx, mutation),
    calendars: calendarsServices(ctx, mutation),
    automation: automationServices(ctx, mutation),
    email: emailServices(ctx, mutation, email),
    notifications: notificationServices(ctx, mutation, notify),
    settings: settingsServices(ctx, mutation),
    workspaces: workspacesServices(ctx, mutation),
    audit: auditServices(ctx),
  };
}

export type Services = ReturnType<typeof buildServices>;
