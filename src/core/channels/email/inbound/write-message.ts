import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../../../db/connection.js";
import { emailMessageIds, emailParticipants, tickets, timelineEntries } from "../../../../db/schema/index.js";
import type { Ctx } from "../../../kernel/index.js";
import { findOrCreateCustomer } from "../../../people/index.js";
import { addComment, createTicket } from "../../../tickets/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";
import type { EmailMeta, ParsedEmail, ThreadDecision } from "../types.js";

export interface InboundWrite {
  mail: ParsedEmail;
  messageId: string;
  sender: { address: string; name: string | null };
  body: string;
  attachments: AttachmentMeta[];
  meta: EmailMeta;
  decision: ThreadDecision;
  teamId: string | null;
  inboundId: string;
  /** Our own mailbox addresses: not recorded as participants. */
  ownAddresses: string[];
}

/** Subjects are 1–500 characters; mail may have none or a very long one. */
function ticketSubject(subject: string): string {
  const s = subject.replace(/\s+/g, " ").trim();
  return s ? s.slice(0, 500) : "(no subject)";
}

/**
 * Writes an inbound message where threading put it: a new ticket (requester =
 * sender, created on first contact; routed) or a customer message on the
 * ticket; then records its Message-ID and the participants. Returns ticket and entry.
 */
export async function writeInboundMessage(
  tx: Tx,
  ctx: Ctx,
  w: InboundWrite,
  now: Date,
): Promise<{ ticketId: string; entryId: string }> {
  const inTx: Ctx = { ...ctx, db: tx as unknown as Ctx["db"] };
  let ticketId: string;
  let entryId: string | undefined;
  if (w.decision.ticketId) {
    ticketId = w.decision.ticketId;
    const customer = await findOrCreateCustomer(tx, ctx, w.sender.address, w.sender.name, now);
    await addComment(
      inTx,
      ticketId,
      { body: w.body || "(empty message)", attachments: w.attachments, channel: "email" },
      { onBehalfOf: { type: "customer", id: customer.id }, email: { ...w.meta }, onEntry: (id) => (entryId = id) },
    );
  } else {
    const ticket = await createTicket(
      inTx,
      {
        subject: ticketSubject(w.mail.subject),
        description: w.body || "(empty message)",
        requester: { email: w.sender.address, ...(w.sender.name ? { name: w.sender.name.slice(0, 200) } : {}) },
        channel: "email",
        ...(w.teamId ? { team: w.teamId } : {}),
      },
      { route: true },
    );
    ticketId = ticket.id;
    const [entry] = await tx
      .update(timelineEntries)
      .set({ email: { ...w.meta }, attachments: w.attachments })
      .where(and(eq(timelineEntries.ticketId, ticketId), eq(timelineEntries.kind, "message")))
      .returning({ id: timelineEntries.id });
    entryId = entry?.id;
    if (w.attachments.length > 0) {
      await tx.update(tickets).set({ attachmentCount: w.attachments.length }).where(eq(tickets.id, ticketId));
    }
  }
  if (!entryId) throw new Error(`the message entry of inbound ${w.inboundId} was not written`);
  const inserted = await tx
    .insert(emailMessageIds)
    .values({
      workspaceId: ctx.workspaceId,
      messageId: w.messageId,
      ticketId,
      entryId,
      direction: "in",
      inboundId: w.inboundId,
      rule: w.decision.rule,
      detail: w.decision.detail,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ ticketId: emailMessageIds.ticketId });
  if (inserted.length === 0) throw new DuplicateRace(w.messageId);
  const people = new Set(
    [w.sender.address, ...w.mail.to.map((a) => a.address), ...w.mail.cc.map((a) => a.address)].filter(
      (a) => a && !w.ownAddresses.some((own) => a === own || a.startsWith(`${own.split("@")[0]}+`)),
    ),
  );
  if (people.size > 0) {
    await tx
      .insert(emailParticipants)
      .values(
        [...people].slice(0, 50).map((email) => ({ workspaceId: ctx.workspaceId, ticketId, email, createdAt: now })),
      )
      .onConflictDoNothing();
  }
  return { ticketId, entryId };
}

/** Another worker stored the same Message-ID first: roll back, then record this one as a duplicate. */
export class DuplicateRace extends Error {
  constructor(readonly messageId: string) {
    super(`Message-ID <${messageId}> was stored concurrently`);
  }
}

/** The ticket a Message-ID already lives in (and whether we sent it), or undefined. */
export async function knownMessage(
  tx: Tx,
  workspaceId: string,
  messageId: string,
): Promise<{ ticketId: string; direction: string; number: number } | undefined> {
  const result = await tx.execute(sql`
    select m.ticket_id::text as "ticketId", m.direction, t.number
      from email_message_ids m join tickets t on t.id = m.ticket_id
     where m.workspace_id = ${workspaceId} and m.message_id = ${messageId}`);
  const row = (result as unknown as { rows: { ticketId: string; direction: string; number: number }[] }).rows[0];
  return row ? { ...row, number: Number(row.number) } : undefined;
}
