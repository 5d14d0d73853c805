import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../../db/connection.js";
import { agents, customers, tickets, timelineEntries } from "../../../../db/schema/index.js";
import { type Ctx, type DomainEvent, type EventListener, systemActor } from "../../../kernel/index.js";
import { readWorkspaceSettings, workspaceInfo } from "../../../people/index.js";
import { formatNumber } from "../../../tickets/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";
import { isDeliverableAddress, normalizeAddress, splitPlusAddress } from "../address.js";
import type { EmailEnv, EmailMeta } from "../types.js";
import { queueEmail } from "./queue-email.js";
import { resolveSender } from "./sender.js";
import { type QuotedMessage, renderPlain, renderReply } from "./templates.js";

/** Channels with their own way back to the customer: no email copy of replies. */
const OWN_CHANNELS = new Set(["widget", "slack"]);
/** Earlier public messages quoted under a reply. */
const HISTORY = 3;

type EntryRow = typeof timelineEntries.$inferSelect;

/**
 * Turns public replies into mail: an agent's (or a rule's) public message on a
 * ticket whose requester has an address becomes a `reply` to the requester, with
 * the others who were on the customer's last mail in copy; an automation's
 * `email.requested` becomes an `automation` mail. Runs in the delivery
 * transaction, so each event queues its mail exactly once.
 */
export function replyEmailListener(env: EmailEnv): EventListener {
  return {
    name: "email.replies",
    events: ["ticket.message_added", "email.requested"],
    async handle(event, { tx, clock }) {
      if (event.subjectType !== "ticket") return;
      const ctx: Ctx = { actor: systemActor("email"), workspaceId: event.workspaceId, db: tx as Ctx["db"], clock };
      if (event.type === "email.requested") await queueRequested(tx, ctx, env, event);
      else await queueReply(tx, ctx, env, event);
    },
  };
}

function entryIdOf(payload: Record<string, unknown>): string | null {
  const ids = payload.entryIds;
  if (Array.isArray(ids) && typeof ids[0] === "string") return ids[0];
  return typeof payload.entryId === "string" ? payload.entryId : null;
}

async function queueReply(tx: Tx, ctx: Ctx, env: EmailEnv, event: DomainEvent): Promise<void> {
  const actor = event.actor;
  if (!(actor.type === "agent" || (actor.type === "system" && actor.rule))) return;
  const entryId = entryIdOf(event.payload);
  if (!entryId) return;
  const ws = event.workspaceId;
  const [entry] = await tx
    .select()
    .from(timelineEntries)
    .where(and(eq(timelineEntries.workspaceId, ws), eq(timelineEntries.id, entryId)));
  if (entry?.kind !== "message" || entry.ticketId !== event.subjectId) return;
  if (entry.authorType === "customer" || (entry.channel && OWN_CHANNELS.has(entry.channel))) return;
  if (entry.email && (entry.email as EmailMeta).direction !== "out") return;
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, entry.ticketId)));
  if (!ticket?.requesterId || OWN_CHANNELS.has(ticket.channel)) return;
  const [requester] = await tx
    .select({ email: customers.email })
    .from(customers)
    .where(eq(customers.id, ticket.requesterId));
  const to = requester ? normalizeAddress(requester.email) : "";
  if (!isDeliverableAddress(to)) return;

  const sender = await resolveSender(tx, ws, env);
  const own = new Set(sender.ownAddresses);
  const cc = await copiesOfLastInbound(tx, ws, ticket.id, (a) => a === to || own.has(splitPlusAddress(a).base));
  const settings = await readWorkspaceSettings(tx, ws);
  const info = await workspaceInfo(tx, tx, ws);
  const number = formatNumber(info.ticketPrefix, ticket.number);
  const earlier = await historyBefore(tx, entry);
  const nameOf = await authorNames(tx, [entry, ...earlier], sender.from.name ?? info.name);
  const mail = renderReply({
    body: entry.body,
    agentName: entry.authorType === "agent" ? nameOf(entry) : null,
    ticketNumber: number,
    history: earlier.map((e): QuotedMessage => ({ author: nameOf(e), at: e.createdAt, body: e.body })),
    timeZone: settings.timeZone,
  });
  await queueEmail(tx, ctx, env, {
    kind: "reply",
    dedupeKey: `reply:${entry.id}`,
    to: [to],
    cc,
    subject: /^re:/i.test(ticket.subject) ? ticket.subject : `Re: ${ticket.subject}`,
    text: mail.text,
    html: mail.html,
    ticketId: ticket.id,
    entryId: entry.id,
    attachments: (entry.attachments ?? []) as AttachmentMeta[],
  });
}

/** Everyone on the customer's last mail to this ticket (from, to, cc), but ourselves and `skip`. */
async function copiesOfLastInbound(
  tx: Tx,
  ws: string,
  ticketId: string,
  skip: (address: string) => boolean,
): Promise<string[]> {
  const [last] = await tx
    .select({ email: timelineEntries.email })
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.workspaceId, ws),
        eq(timelineEntries.ticketId, ticketId),
        eq(timelineEntries.kind, "message"),
        sql`${timelineEntries.email}->>'direction' = 'in'`,
      ),
    )
    .orderBy(desc(timelineEntries.createdAt), desc(timelineEntries.id))
    .limit(1);
  const meta = last?.email as Partial<EmailMeta> | undefined;
  if (!meta) return [];
  const out: string[] = [];
  for (const raw of [meta.from, ...(meta.to ?? []), ...(meta.cc ?? [])]) {
    if (typeof raw !== "string") continue;
    const a = normalizeAddress(raw);
    if (isDeliverableAddress(a) && !skip(a) && !out.includes(a)) out.push(a);
  }
  return out;
}

/** The public messages before `entry`, newest first. */
async function historyBefore(tx: Tx, entry: EntryRow): Promise<EntryRow[]> {
  return tx
    .select()
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.ticketId, entry.ticketId),
        eq(timelineEntries.kind, "message"),
        sql`(${timelineEntries.createdAt}, ${timelineEntries.id}) < (${entry.createdAt}::timestamptz, ${entry.id}::uuid)`,
      ),
    )
    .orderBy(desc(timelineEntries.createdAt), desc(timelineEntries.id))
    .limit(HISTORY);
}

/** Who wrote an entry, as a name for people: agents by name, customers by name or address. */
async function authorNames(tx: Tx, entries: EntryRow[], desk: string): Promise<(e: EntryRow) => string> {
  const idsOf = (type: string) => [
    ...new Set(entries.filter((e) => e.authorType === type && e.authorId).map((e) => e.authorId as string)),
  ];
  const names = new Map<string, string>();
  const agentIds = idsOf("agent");
  const customerIds = idsOf("customer");
  if (agentIds.length > 0) {
    const rows = await tx.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.id, agentIds));
    for (const a of rows) names.set(a.id, a.name);
  }
  if (customerIds.length > 0) {
    const rows = await tx
      .select({ id: customers.id, name: customers.name, email: customers.email })
      .from(customers)
      .where(inArray(customers.id, customerIds));
    for (const c of rows) names.set(c.id, c.name || c.email);
  }
  return (e) => {
    const known = e.authorId ? names.get(e.authorId) : undefined;
    if (known) return known;
    return e.authorType === "customer" ? "Customer" : e.authorType === "agent" ? "Agent" : desk;
  };
}

async function queueRequested(tx: Tx, ctx: Ctx, env: EmailEnv, event: DomainEvent): Promise<void> {
  const p = event.payload as {
    ticket?: { number?: string };
    to?: { email?: string };
    subject?: string;
    body?: string;
  };
  const to = normalizeAddress(p.to?.email ?? "");
  if (!isDeliverableAddress(to)) return;
  const [ticket] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, event.workspaceId), eq(tickets.id, event.subjectId)));
  if (!ticket) return;
  const mail = renderPlain(p.body ?? "", p.ticket?.number ?? null);
  await queueEmail(tx, ctx, env, {
    kind: "automation",
    dedupeKey: `event:${event.id}`,
    to: [to],
    subject: p.subject?.trim() || "Your request",
    text: mail.text,
    html: mail.html,
    ticketId: ticket.id,
  });
}
