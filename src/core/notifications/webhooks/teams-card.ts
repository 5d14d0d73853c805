/**
 * A Microsoft Teams incoming-webhook message: a legacy actionable MessageCard
 * (`@type: MessageCard`) with a summary, a colour by ticket priority, a title,
 * a line of text, facts and an "Open ticket" button (OpenUri) to the ticket at
 * HELPLINE_PUBLIC_URL/tickets/<number>.
 */
import type { WebhookEvent } from "./webhook-event.js";

/** Colours (hex, no #) by ticket priority; events without a ticket use the neutral one. */
export const TEAMS_COLORS: Record<string, string> = {
  critical: "D13438",
  high: "F7630C",
  medium: "FFB900",
  low: "107C10",
  none: "0078D7",
};

/** The ticket fields a card shows, from the event's snapshot (or the ticket read at delivery). */
export interface CardTicket {
  number: string;
  subject: string;
  status: string;
  priority: string;
}

export interface TeamsCard {
  "@type": "MessageCard";
  "@context": "https://schema.org/extensions";
  summary: string;
  themeColor: string;
  title: string;
  text: string;
  sections: { facts: { name: string; value: string }[] }[];
  potentialAction: { "@type": "OpenUri"; name: string; targets: { os: "default"; uri: string }[] }[];
}

const WHAT: Record<string, string> = {
  "ticket.created": "created",
  "ticket.updated": "updated",
  "ticket.assigned": "assigned",
  "ticket.status_changed": "status changed",
  "ticket.resolved": "resolved",
  "ticket.closed": "closed",
  "ticket.reopened": "reopened",
  "ticket.escalated": "escalated",
  "ticket.message_added": "new message",
  "ticket.note_added": "new internal note",
  "sla.warning": "SLA warning",
  "sla.breached": "SLA breached",
  "notification.requested": "notification",
  ping: "test message",
};

function actorName(actor: WebhookEvent["actor"]): string {
  if (!actor || typeof actor !== "object") return "";
  const a = actor as { type?: unknown; id?: unknown; name?: unknown };
  if (typeof a.name === "string" && a.name) return a.name;
  return typeof a.type === "string" ? `${a.type}${typeof a.id === "string" ? ` ${a.id.slice(0, 8)}` : ""}` : "";
}

/** One line of detail from the payload: a status move, an SLA metric, a changed-field list. */
function detail(event: WebhookEvent): string {
  const p = event.payload;
  if (typeof p.from === "string" && typeof p.to === "string") return `Status ${p.from} → ${p.to}`;
  if (typeof p.metric === "string") {
    return `SLA ${p.metric.replace(/_/g, " ")}${typeof p.dueAt === "string" ? ` due ${p.dueAt}` : ""}`;
  }
  if (p.changes && typeof p.changes === "object") {
    const keys = Object.keys(p.changes as Record<string, unknown>);
    if (keys.length > 0) return `Changed: ${keys.join(", ")}`;
  }
  if (typeof p.message === "string") return p.message.slice(0, 500);
  return "";
}

/** The Teams message for one event. */
export function teamsCard(event: WebhookEvent, ticket: CardTicket | null, publicUrl: string): TeamsCard {
  const what = WHAT[event.type] ?? event.type;
  const title = ticket ? `${ticket.number} ${what}: ${ticket.subject}` : `Helpline: ${what}`;
  const by = actorName(event.actor);
  const facts = [
    ...(ticket
      ? [
          { name: "Ticket", value: ticket.number },
          { name: "Status", value: ticket.status },
          { name: "Priority", value: ticket.priority },
        ]
      : []),
    { name: "Event", value: event.type },
    ...(by ? [{ name: "By", value: by }] : []),
    { name: "When", value: event.occurredAt },
  ];
  const text = detail(event) || (ticket ? `Ticket ${ticket.number} ${what}.` : "Sent from Helpline.");
  return {
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: title.slice(0, 200),
    themeColor: TEAMS_COLORS[ticket?.priority ?? "none"] ?? TEAMS_COLORS.none ?? "0078D7",
    title,
    text,
    sections: [{ facts }],
    potentialAction: ticket
      ? [
          {
            "@type": "OpenUri",
            name: "Open ticket",
            targets: [{ os: "default", uri: `${publicUrl}/tickets/${encodeURIComponent(ticket.number)}` }],
          },
        ]
      : [],
  };
}
