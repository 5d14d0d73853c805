import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emailMessageIds, outboundEmails } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { type Ctx, isDomainError, notFound, parseInput } from "../../../kernel/index.js";
import { loadTicket } from "../../../tickets/index.js";
import { normalizeMessageId } from "../message-id.js";

/** Where a message lives, and why it is there (the "why is this here" answer). */
export interface MessageLocation {
  messageId: string;
  direction: "in" | "out";
  ticket: { id: string; number: string; subject: string };
  entryId: string | null;
  /** The threading rule that placed it (inbound), or `sent` (outbound). */
  rule: string;
  detail: string;
  inboundId: string | null;
  outboundId: string | null;
  at: Date;
  /** Outbound only: where the outbox is with it. */
  delivery?: { status: string; attempts: number; lastError: string | null; sentAt: Date | null };
}

const messageIdInput = z
  .string()
  .max(1000, "is longer than any Message-ID (998 characters at most)")
  .transform(normalizeMessageId)
  .refine((v) => v.length > 0, "must name a Message-ID, with or without <>");

const missing = (id: string) =>
  notFound("email.message_not_found", `No message with Message-ID <${id}> was received or sent here.`, "messageId");

/**
 * Which ticket a Message-ID belongs to and the rule that put it there. Agents
 * only: a message of a ticket the agent may not see (team scope) is reported
 * as not found, like any ticket they cannot see.
 */
export async function whereIsMessage(ctx: Ctx, rawMessageId: unknown): Promise<MessageLocation> {
  authorize(ctx.actor, "email:read");
  const messageId = parseInput(messageIdInput, rawMessageId);
  const [row] = await ctx.db
    .select()
    .from(emailMessageIds)
    .where(and(eq(emailMessageIds.workspaceId, ctx.workspaceId), eq(emailMessageIds.messageId, messageId)));
  if (!row) throw missing(messageId);
  let ticket: Awaited<ReturnType<typeof loadTicket>>["ticket"];
  try {
    ticket = (await loadTicket(ctx.db, ctx, row.ticketId, "ticket:read")).ticket;
  } catch (err) {
    if (isDomainError(err) && err.kind === "not_found") throw missing(messageId);
    throw err;
  }
  const location: MessageLocation = {
    messageId: row.messageId,
    direction: row.direction === "out" ? "out" : "in",
    ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject },
    entryId: row.entryId,
    rule: row.rule,
    detail: row.detail,
    inboundId: row.inboundId,
    outboundId: row.outboundId,
    at: row.createdAt,
  };
  if (row.direction === "out" && row.outboundId) {
    const [out] = await ctx.db
      .select({
        status: outboundEmails.status,
        attempts: outboundEmails.attempts,
        lastError: outboundEmails.lastError,
        sentAt: outboundEmails.sentAt,
      })
      .from(outboundEmails)
      .where(and(eq(outboundEmails.workspaceId, ctx.workspaceId), eq(outboundEmails.id, row.outboundId)));
    if (out) location.delivery = out;
  }
  return location;
}
