/** Types of what the API returns, from the shared contracts (types only: no zod in the bundle). */
import type { z } from "zod";
import type { meView, sessionView } from "../../common/api/auth.js";
import type { presenceView, setupStatusView, ticketChangedView } from "../../common/api/live.js";
import type { agentView, companyView, customerView, teamView } from "../../common/api/people.js";
import type { ticketView, timelineEntryView } from "../../common/api/tickets.js";
import type { viewView } from "../../common/api/views.js";

export type Me = z.infer<typeof meView>;
export type Session = z.infer<typeof sessionView>;
export type Ticket = z.infer<typeof ticketView>;
export type TimelineEntry = z.infer<typeof timelineEntryView>;
export type Agent = z.infer<typeof agentView>;
export type Team = z.infer<typeof teamView>;
export type Customer = z.infer<typeof customerView>;
export type Company = z.infer<typeof companyView>;
export type View = z.infer<typeof viewView>;
export type Presence = z.infer<typeof presenceView>;
export type TicketChanged = z.infer<typeof ticketChangedView>;
export type SetupStatus = z.infer<typeof setupStatusView>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
