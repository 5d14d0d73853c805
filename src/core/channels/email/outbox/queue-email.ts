import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../../db/connection.js";
import {
  emailMessageIds,
  emailParticipants,
  outboundEmails,
  tickets,
  timelineEntries,
} from "../../../../db/schema/index.js";
import { type Ctx, newId, notFound, parseInput } from "../../../kernel/index.js";
import { workspaceInfo } from "../../../people/index.js";
import { formatNumber } from "../../../tickets/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";
import { domainOf, isDeliverableAddress, normalizeAddress, plusAddress } from "../address.js";
import { newMessageId, referencesFor } from "../message-id.js";
import { replyToken } from "../reply-token.js";
import type { EmailEnv, EmailMeta } from "../types.js";
import { OUTBOUND_KINDS, type OutboundEmail, toOutboundEmail } from "./outbound-email.js";
import { resolveSender } from "./sender.js";

const address = z
  .string()
  .transform(normalizeAddress)
  .refine(isDeliverableAddress, "must be an email address such as name@example.com");

const queueEmailInput = z.object({
  kind: z.enum(OUTBOUND_KINDS),
  /** One event + one recipient + one channel = one message: queueing the same key again returns the first. */
  dedupeKey: z.string().min(1).max(300).optional(),
  to: z.array(address).min(1, "name at least one recipient").max(50),
  cc: z.array(address).max(50).default([]),
  subject: z
    .string()
    .max(900)
    .transform((s) => s.replace(/[\r\n]+/g, " ").trim()),
  text: z.string().max(2_000_000),
  html: z.string().max(5_000_000).nullish(),
  ticketId: z.uuid().optional(),
  entryId: z.uuid().optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1).max(255),
        contentType: z.string().min(1).max(255),
        size: z.number().int().min(0),
        storageKey: z.string().max(500).optional(),
      }),
    )
    .max(50)
    .default([]),
});

export type QueueEmailInput = z.input<typeof queueEmailInput>;

/** The thread a ticket's next message joins: the ticket's Message-IDs, oldest first. */
async function ticketThread(tx: Tx, workspaceId: string, ticketId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: emailMessageIds.messageId })
    .from(emailMessageIds)
    .where(and(eq(emailMessageIds.workspaceId, workspaceId), eq(emailMessageIds.ticketId, ticketId)))
    // At the same instant, what we received comes before what we sent in answer.
    .orderBy(asc(emailMessageIds.createdAt), asc(emailMessageIds.direction));
  return rows.map((r) => r.id);
}

/**
 * Puts a message in the durable outbox, in the caller's transaction: the one
 * entry point for every mail the desk sends (agent replies, automation,
 * notifications). Idempotent on `dedupeKey`. For a ticket the subject carries
 * `[TKT-1001]`, the message joins the ticket's thread (In-Reply-To the latest
 * Message-ID, References the chain), Reply-To is the first mailbox plus-addressed
 * with a signed token, and the new Message-ID and recipients are recorded for
 * threading what comes back. With `entryId`, the entry shows the mail and its delivery.
 */
export async function queueEmail(tx: Tx, ctx: Ctx, env: EmailEnv, raw: QueueEmailInput): Promise<OutboundEmail> {
  const input = parseInput(queueEmailInput, raw);
  const ws = ctx.workspaceId;
  const existing = async () => {
    if (!input.dedupeKey) return null;
    const [row] = await tx
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.workspaceId, ws), eq(outboundEmails.dedupeKey, input.dedupeKey)));
    return row ? toOutboundEmail(row) : null;
  };
  const before = await existing();
  if (before) return before;

  const now = ctx.clock.now();
  const sender = await resolveSender(tx, ws, env);
  const from = sender.from;
  let subject = input.subject;
  let replyTo: string | null = null;
  let inReplyTo: string | null = null;
  let references: string[] = [];
  let tag: string = input.kind;
  if (input.ticketId) {
    const [ticket] = await tx
      .select({ number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, input.ticketId)));
    if (!ticket) throw notFound("ticket.not_found", `Ticket ${input.ticketId} does not exist in this workspace.`);
    const info = await workspaceInfo(tx, tx, ws);
    const number = formatNumber(info.ticketPrefix, ticket.number);
    if (!subject.includes(`[${number}]`)) subject = `[${number}] ${subject}`.trim();
    const thread = await ticketThread(tx, ws, input.ticketId);
    inReplyTo = thread.at(-1) ?? null;
    references = referencesFor(thread.slice(0, -1), inReplyTo);
    replyTo = sender.replyMailbox
      ? plusAddress(sender.replyMailbox, replyToken(env.secretKey, ws, ticket.number))
      : from.address;
    tag = `tkt${ticket.number}`;
  }
  const id = newId(now);
  const messageId = newMessageId(domainOf(from.address), tag);
  const [row] = await tx
    .insert(outboundEmails)
    .values({
      id,
      workspaceId: ws,
      ticketId: input.ticketId ?? null,
      entryId: input.entryId ?? null,
      kind: input.kind,
      dedupeKey: input.dedupeKey ?? null,
      fromAddress: from.address,
      fromName: from.name,
      to: input.to,
      cc: input.cc.filter((c) => !input.to.includes(c)),
      replyTo,
      subject,
      textBody: input.text,
      htmlBody: input.html ?? null,
      messageId,
      inReplyTo,
      references,
      attachments: input.attachments satisfies AttachmentMeta[],
      status: "queued",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // Queued by a concurrent transaction under the same key.
    const raced = await existing();
    if (raced) return raced;
    throw new Error(`outbound email ${id} was not stored`);
  }
  const email = toOutboundEmail(row);
  if (input.ticketId) await recordThread(tx, ws, input.ticketId, email, now);
  if (input.entryId) {
    const meta: EmailMeta = {
      direction: "out",
      messageId,
      from: from.address,
      to: email.to,
      cc: email.cc,
      subject,
      delivery: { status: "queued", outboundId: id, attempts: 0 },
    };
    await tx
      .update(timelineEntries)
      .set({ email: meta })
      .where(and(eq(timelineEntries.workspaceId, ws), eq(timelineEntries.id, input.entryId)));
  }
  return email;
}

/** Our Message-ID (so answers thread back) and every recipient (so they may thread by `[TKT-n]`). */
async function recordThread(tx: Tx, ws: string, ticketId: string, email: OutboundEmail, now: Date): Promise<void> {
  const recipients = [...email.to, ...email.cc];
  await tx
    .insert(emailMessageIds)
    .values({
      workspaceId: ws,
      messageId: email.messageId,
      ticketId,
      entryId: email.entryId,
      direction: "out",
      outboundId: email.id,
      rule: "sent",
      detail: `sent to ${recipients.join(", ")}`,
      createdAt: now,
    })
    .onConflictDoNothing();
  await tx
    .insert(emailParticipants)
    .values(recipients.map((r) => ({ workspaceId: ws, ticketId, email: r, createdAt: now })))
    .onConflictDoNothing();
}
