import { and, eq } from "drizzle-orm";
import { tickets } from "../../db/schema/index.js";
import { type DomainEvent, EVENT_TYPES, type EventListener, type EventType } from "../kernel/index.js";
import { workspaceInfo } from "../people/index.js";
import { type Happening, syncTicketClocks } from "./sync-clocks.js";

/** Every ticket event except internal notes, which neither answer nor wait on anyone. */
const TICKET_EVENTS: readonly EventType[] = EVENT_TYPES.filter(
  (t) => t.startsWith("ticket.") && t !== "ticket.note_added",
);

function happeningOf(event: DomainEvent): Happening {
  if (event.type === "ticket.created") return "created";
  if (event.type !== "ticket.message_added") return "changed";
  if (event.actor.type === "agent") return "agent_reply";
  if (event.actor.type === "customer") return "customer_message";
  // Messages written by the system on someone's behalf (imports, email intake) say who in the payload.
  return event.payload.authorType === "agent" ? "agent_reply" : "customer_message";
}

/**
 * Keeps every ticket's SLA clocks: starts them when a ticket is created,
 * pauses and resumes them with its status, stops first/next response on an
 * agent's public reply, starts next response on a customer's message, and
 * re-targets them when the ticket's priority or fields change which policy
 * applies. Transitions happen at the event's time, however late it is delivered.
 */
export function slaListener(): EventListener {
  return {
    name: "sla.clocks",
    events: TICKET_EVENTS,
    async handle(event, { tx, clock }) {
      if (event.subjectType !== "ticket") return;
      const [row] = await tx
        .select()
        .from(tickets)
        .where(and(eq(tickets.workspaceId, event.workspaceId), eq(tickets.id, event.subjectId)))
        .for("update");
      if (!row) return;
      const info = await workspaceInfo(tx, tx, event.workspaceId);
      await syncTicketClocks(tx, clock, row, info.ticketPrefix, happeningOf(event), new Date(event.occurredAt));
    },
  };
}
