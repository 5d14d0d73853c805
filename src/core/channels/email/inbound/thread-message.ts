import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../../db/connection.js";
import { customers, emailMessageIds, emailParticipants, tickets } from "../../../../db/schema/index.js";
import { splitPlusAddress } from "../address.js";
import { bracketed } from "../message-id.js";
import { readReplyToken } from "../reply-token.js";
import type { ParsedEmail, ThreadDecision } from "../types.js";

/** What threading needs to know besides the message. */
export interface ThreadingScope {
  workspaceId: string;
  ticketPrefix: string;
  /** The workspace's mailbox addresses (lower case): only their plus-tags are read as reply tokens. */
  mailboxAddresses: string[];
  /** Signs reply tokens. */
  secretKey: Buffer;
  /** The sender (lower case). */
  sender: string;
  envelopeTo: string[];
}

interface Found {
  ticketId: string;
  number: number;
  status: string;
}

const FINAL = new Set(["closed", "cancelled"]);

/**
 * Decides which ticket an inbound message belongs to, in layers: (a) In-Reply-To,
 * then References (newest first) against every Message-ID the workspace received
 * or sent; (b) a signed reply token in a plus-address we were sent to; (c)
 * `[TKT-1001]` in the subject, only when the sender took part in that ticket;
 * otherwise a new ticket. A match on a closed ticket makes a follow-up ticket.
 * The decision carries the sentence the timeline shows.
 */
export async function threadMessage(tx: Tx, scope: ThreadingScope, mail: ParsedEmail): Promise<ThreadDecision> {
  const byHeader = await matchHeaders(tx, scope, mail);
  if (byHeader) return finish(scope, byHeader.found, byHeader.rule, byHeader.detail);

  const byToken = await matchToken(tx, scope, mail);
  if (byToken) return finish(scope, byToken.found, "reply_token", byToken.detail);

  const bySubject = await matchSubject(tx, scope, mail);
  if (bySubject && "found" in bySubject) return finish(scope, bySubject.found, "subject_number", bySubject.detail);
  return { rule: "new_ticket", ticketId: null, detail: bySubject?.refused ?? "no earlier message matched: new ticket" };
}

function finish(scope: ThreadingScope, found: Found, rule: ThreadDecision["rule"], detail: string): ThreadDecision {
  if (FINAL.has(found.status)) {
    return {
      rule: "follow_up",
      ticketId: null,
      detail: `${detail}, but ${scope.ticketPrefix}-${found.number} is ${found.status}: follow-up ticket`,
    };
  }
  return { rule, ticketId: found.ticketId, detail };
}

async function matchHeaders(
  tx: Tx,
  scope: ThreadingScope,
  mail: ParsedEmail,
): Promise<{ found: Found; rule: "in_reply_to" | "references"; detail: string } | null> {
  const ids = [...new Set([...mail.inReplyTo, ...mail.references])];
  if (ids.length === 0) return null;
  const rows = await tx
    .select({
      messageId: emailMessageIds.messageId,
      ticketId: emailMessageIds.ticketId,
      number: tickets.number,
      status: tickets.status,
    })
    .from(emailMessageIds)
    .innerJoin(tickets, eq(tickets.id, emailMessageIds.ticketId))
    .where(
      and(eq(emailMessageIds.workspaceId, scope.workspaceId), inArray(emailMessageIds.messageId, ids.slice(0, 200))),
    );
  if (rows.length === 0) return null;
  const byId = new Map(rows.map((r) => [r.messageId, r]));
  for (const id of mail.inReplyTo) {
    const r = byId.get(id);
    if (r) return { found: r, rule: "in_reply_to", detail: `threaded by In-Reply-To ${bracketed(id)}` };
  }
  for (const id of [...mail.references].reverse()) {
    const r = byId.get(id);
    if (r) return { found: r, rule: "references", detail: `threaded by References ${bracketed(id)}` };
  }
  return null;
}

async function matchToken(
  tx: Tx,
  scope: ThreadingScope,
  mail: ParsedEmail,
): Promise<{ found: Found; detail: string } | null> {
  const recipients = [
    ...scope.envelopeTo,
    ...mail.deliveredTo,
    ...mail.to.map((a) => a.address),
    ...mail.cc.map((a) => a.address),
  ];
  for (const address of recipients) {
    const { base, tag } = splitPlusAddress(address);
    if (!tag || !scope.mailboxAddresses.includes(base)) continue;
    const number = readReplyToken(scope.secretKey, scope.workspaceId, tag);
    if (number === null) continue;
    const found = await ticketByNumber(tx, scope.workspaceId, number);
    if (found) return { found, detail: `threaded by the reply address ${address}` };
  }
  return null;
}

async function matchSubject(
  tx: Tx,
  scope: ThreadingScope,
  mail: ParsedEmail,
): Promise<{ found: Found; detail: string } | { refused: string } | null> {
  const prefix = scope.ticketPrefix.replace(/[^A-Za-z0-9]/g, "");
  const m = new RegExp(`\\[${prefix}-(\\d{1,12})\\]`, "i").exec(mail.subject);
  if (!m) return null;
  const label = `${scope.ticketPrefix}-${m[1]}`;
  const found = await ticketByNumber(tx, scope.workspaceId, Number(m[1]));
  if (!found) return { refused: `the subject names ${label}, which does not exist: new ticket` };
  if (!(await isParticipant(tx, scope, found.ticketId))) {
    return {
      refused: `the subject names ${label}, but ${scope.sender} has not taken part in it: new ticket`,
    };
  }
  return { found, detail: `threaded by ${label} in the subject (the sender takes part in it)` };
}

async function ticketByNumber(tx: Tx, workspaceId: string, number: number): Promise<Found | null> {
  const [row] = await tx
    .select({ ticketId: tickets.id, number: tickets.number, status: tickets.status })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.number, number)));
  return row ?? null;
}

/** The requester, or anyone whose address was on the ticket's mail (from, to, cc). */
async function isParticipant(tx: Tx, scope: ThreadingScope, ticketId: string): Promise<boolean> {
  const result = await tx.execute(sql`
    select 1 from ${emailParticipants}
     where ${emailParticipants.ticketId} = ${ticketId} and ${emailParticipants.email} = ${scope.sender}
    union all
    select 1 from ${tickets} join ${customers} on ${customers.id} = ${tickets.requesterId}
     where ${tickets.id} = ${ticketId} and ${customers.email} = ${scope.sender}
    limit 1`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}
