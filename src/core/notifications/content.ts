import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { agents, customers } from "../../db/schema/index.js";
import { type DomainEvent, zoneOffsetMs } from "../kernel/index.js";
import { readWorkspaceSettings } from "../people/index.js";
import type { RecipientGroup, TicketFacts } from "./recipients.js";
import type { NotificationContent, NotifyEnv } from "./types.js";

/** What wording an event needs beyond its payload, read once per event. */
export interface EventFacts {
  /** "Alice Agent", "Rule 'Escalate VIP'", "Dana Customer", "SLA"; null when nobody in particular. */
  actor: string | null;
  assigneeName: string | null;
  previousAssigneeName: string | null;
  timeZone: string;
}

const TEXT_MAX = 300;
const METRIC: Record<string, string> = {
  first_response: "first response",
  next_response: "next response",
  resolution: "resolution",
};

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** At most `max` characters, whitespace runs folded, an ellipsis when cut. */
export function clip(text: string, max = TEXT_MAX): string {
  const t = text.replace(/[ \t]+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

async function agentName(tx: Tx, ws: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [a] = await tx
    .select({ name: agents.name })
    .from(agents)
    .where(and(eq(agents.workspaceId, ws), eq(agents.id, id)));
  return a?.name ?? null;
}

/** The names and time zone an event's wording uses. */
export async function eventFacts(tx: Tx, event: DomainEvent, ticket: TicketFacts | null): Promise<EventFacts> {
  const ws = event.workspaceId;
  const a = event.actor;
  let actor: string | null = null;
  if (a.type === "agent") actor = await agentName(tx, ws, a.id);
  else if (a.type === "customer" && a.id) {
    const [c] = await tx
      .select({ name: customers.name, email: customers.email })
      .from(customers)
      .where(and(eq(customers.workspaceId, ws), eq(customers.id, a.id)));
    actor = c ? (c.name ?? c.email) : null;
  } else if (a.rule) actor = `Rule '${a.rule.name}'`;
  else if (a.name === "sla") actor = "SLA";
  const changes = Array.isArray(event.payload.changes) ? (event.payload.changes as Record<string, unknown>[]) : [];
  const prevId = str(changes.find((c) => c.field === "assigneeId")?.from);
  return {
    actor,
    assigneeName: await agentName(tx, ws, ticket?.assigneeId ?? null),
    previousAssigneeName: await agentName(tx, ws, prevId),
    timeZone: (await readWorkspaceSettings(tx, ws)).timeZone,
  };
}

function hhmm(iso: string | null, timeZone: string): string {
  if (!iso) return "now";
  const at = new Date(iso);
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  return local.toISOString().slice(11, 16);
}

const LABEL: Record<string, string> = {
  status: "Status",
  priority: "Priority",
  urgency: "Urgency",
  importance: "Importance",
  subject: "Subject",
  category: "Category",
  type: "Type",
  tags: "Tags",
  teamId: "Team",
  assigneeId: "Assignee",
  escalationLevel: "Escalation level",
  slaDueAt: "SLA due",
};

function changeLines(event: DomainEvent): string {
  const changes = Array.isArray(event.payload.changes) ? (event.payload.changes as Record<string, unknown>[]) : [];
  const show = (v: unknown) =>
    v === null || v === undefined || v === "" ? "none" : Array.isArray(v) ? v.join(", ") : String(v);
  return changes
    .map((c) => {
      const field = String(c.field);
      if (field === "assigneeId" || field === "teamId" || field === "customFields")
        return `${LABEL[field] ?? field} changed`;
      return `${LABEL[field] ?? field}: ${show(c.from)} → ${show(c.to)}`;
    })
    .join("\n");
}

/** Title and text of one group's notification. */
function words(
  event: DomainEvent,
  t: TicketFacts,
  f: EventFacts,
  group: RecipientGroup,
): { title: string; text: string } {
  const n = t.number;
  const who = f.actor ?? "Someone";
  const preview = clip(str(event.payload.bodyPreview) ?? "");
  if (group.audience === "customer") {
    return event.type === "ticket.resolved"
      ? {
          title: `Your request ${n} has been resolved`,
          text: `"${t.subject}" has been resolved. If anything is still not right, reply to this email and we will pick it up again.`,
        }
      : {
          title: `We received your request ${n}`,
          text: `Thank you for contacting us. Your request "${t.subject}" has the number ${n}; we will answer as soon as we can.`,
        };
  }
  switch (group.kind) {
    case "ticket.created":
      return { title: `New ticket ${n}: ${t.subject}`, text: `Opened by ${who}; priority ${t.priority}.` };
    case "ticket.critical":
      return {
        title: `CRITICAL: ${n} ${t.subject}`,
        text: `Critical urgency and critical importance, opened by ${who}. Every agent is told.`,
      };
    case "ticket.resolved":
      return { title: `${n} resolved: ${t.subject}`, text: `Resolved by ${who}.` };
    case "ticket.assigned":
      if (group.audience === "assignee") {
        return {
          title: `${n} assigned to you: ${t.subject}`,
          text: `${f.actor ? `${f.actor} assigned it to you` : "Assigned to you"}; priority ${t.priority}.`,
        };
      }
      return {
        title: `${n} assigned to ${f.assigneeName ?? "someone else"}: ${t.subject}`,
        text: `${who} assigned it to ${f.assigneeName ?? "someone else"}${f.previousAssigneeName ? ` (was ${f.previousAssigneeName})` : ""}.`,
      };
    case "mention":
      return { title: `${who} mentioned you on ${n}`, text: preview || t.subject };
    case "sla.warning":
    case "sla.breached": {
      const metric = METRIC[str(event.payload.metric) ?? ""] ?? "target";
      const due = str(event.payload.dueAt);
      const policy = str((event.payload.policy as Record<string, unknown> | undefined)?.name);
      const breached = group.kind === "sla.breached";
      return {
        title: breached
          ? `SLA breached: ${n} ${metric} was due ${hhmm(due, f.timeZone)}`
          : `SLA warning: ${n} ${metric} due ${hhmm(due, f.timeZone)}`,
        text: clip(`${t.subject}${policy ? ` (policy ${policy})` : ""}; due ${due ?? "now"}.`),
      };
    }
    case "automation": {
      const message = str(event.payload.message) ?? "";
      return { title: clip(`${n}: ${message.split("\n")[0] ?? ""}`, 160), text: clip(message || t.subject) };
    }
    default:
      return updateWords(event, t, who, preview);
  }
}

function updateWords(event: DomainEvent, t: TicketFacts, who: string, preview: string) {
  const n = t.number;
  switch (event.type) {
    case "ticket.message_added":
      return { title: `${n}: new message from ${who}`, text: preview || t.subject };
    case "ticket.note_added":
      return { title: `${n}: note from ${who}`, text: preview || t.subject };
    case "ticket.reopened":
      return { title: `${n} reopened: ${t.subject}`, text: `Reopened by ${who}.` };
    case "ticket.escalated":
      return {
        title: `${n} escalated: ${t.subject}`,
        text: clip(`Escalated by ${who}. ${str(event.payload.reason) ?? ""}`),
      };
    case "ticket.status_changed":
      return {
        title: `${n} is now ${str(event.payload.to) ?? t.status}: ${t.subject}`,
        text: `${who} changed the status from ${str(event.payload.from) ?? "?"} to ${str(event.payload.to) ?? t.status}.`,
      };
    default:
      return { title: `${n} updated: ${t.subject}`, text: clip(`Changed by ${who}.\n${changeLines(event)}`) };
  }
}

/** The notification a group of recipients gets about an event (see NotificationContent). */
export function contentFor(
  env: NotifyEnv,
  event: DomainEvent,
  ticket: TicketFacts,
  facts: EventFacts,
  group: RecipientGroup,
): NotificationContent {
  const { title, text } = words(event, ticket, facts, group);
  return {
    kind: group.kind,
    title: clip(title, 200),
    text: clip(text),
    url: `${env.publicUrl}/tickets/${ticket.number}`,
    ticket: {
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      assignee: facts.assigneeName,
    },
    actor: facts.actor,
    occurredAt: event.occurredAt,
  };
}
