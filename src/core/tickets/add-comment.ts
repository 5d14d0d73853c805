import { and, asc, eq, gt, ne, or, sql } from "drizzle-orm";
import type { TicketStatus } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { timelineEntries } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, invalid, parseInput } from "../kernel/index.js";
import { loadTicket, type TicketRef } from "./load.js";
import { applyTicketChange } from "./record-change.js";
import { commentInput } from "./schemas.js";
import type { Ticket, TicketRow } from "./ticket.js";

export interface CommentResult {
  ticket: Ticket;
  entryId: string;
}

/**
 * Adds a public message or an internal note. The first public agent message
 * stamps first_response_at. A customer reply brings a ticket that waits on
 * them (pending_customer) or was resolved back into work.
 */
/** What channels add to a comment besides the user-facing input. */
export interface CommentOptions {
  /**
   * Written on behalf of this customer (an inbound email from a participant):
   * the entry's author, and the ticket reacts as to a customer reply.
   */
  onBehalfOf?: { type: "customer"; id: string };
  /** Email metadata for the entry (see EmailMeta in channels/email). */
  email?: Record<string, unknown>;
  /** Told the new entry's id. */
  onEntry?: (entryId: string) => void;
}

export async function addComment(
  ctx: Ctx,
  ref: TicketRef,
  rawInput: unknown,
  opts: CommentOptions = {},
): Promise<Ticket> {
  const input = parseInput(commentInput, rawInput);
  const fromCustomer = ctx.actor.type === "customer" || opts.onBehalfOf?.type === "customer";
  // A storage key names stored bytes (blobs); only the server's own channels may point at them,
  // or anyone who learned a blob id could attach someone else's file to their ticket and download it.
  if (ctx.actor.type !== "system" && input.attachments.some((a) => a.storageKey !== undefined)) {
    throw invalid(
      "attachment.storage_key",
      "attachments[].storageKey is set by the server when it stores a file; leave it out.",
      "attachments",
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const action = input.internal ? "ticket:note" : "ticket:comment";
    const { row, prefix } = await loadTicket(tx, ctx, ref, action, { forUpdate: true });
    authorize(ctx.actor, action, { requesterId: row.requesterId, companyId: row.companyId });
    const status = row.status as TicketStatus;
    if (status === "closed" || status === "cancelled") {
      throw invalid("ticket.final", `Ticket is ${status}; open a follow-up ticket instead.`, "status");
    }
    if (input.lastSeenEntryId && !input.internal) {
      const newer = await repliesSince(
        tx,
        row.id,
        input.lastSeenEntryId,
        ctx.actor.type === "system" ? null : ctx.actor.id,
      );
      if (newer.length > 0) {
        throw conflict(
          "ticket.reply_stale",
          `${newer.length === 1 ? "A new message was" : `${newer.length} new messages were`} added to ${prefix}-${row.number} since you started writing; read ${newer.length === 1 ? "it" : "them"} and send again.`,
          { newEntryIds: newer },
        );
      }
    }
    const patch: Partial<TicketRow> = {};
    if (input.attachments.length > 0) patch.attachmentCount = row.attachmentCount + input.attachments.length;
    if (ctx.actor.type === "agent" && !input.internal && !row.firstResponseAt) patch.firstResponseAt = now;
    if (fromCustomer && (status === "pending_customer" || status === "resolved")) {
      patch.status = row.assigneeId ? "in_progress" : "open";
      if (status === "resolved") patch.resolvedAt = null;
    }
    const { ticket, entryIds } = await applyTicketChange(
      tx,
      ctx,
      row,
      prefix,
      {
        action: "commented",
        eventType: input.internal ? "ticket.note_added" : "ticket.message_added",
        patch,
        entries: [
          {
            ticketId: row.id,
            kind: input.internal ? "note" : "message",
            body: input.body,
            attachments: input.attachments,
            channel: input.channel ?? null,
            ...(opts.onBehalfOf ? { author: opts.onBehalfOf } : {}),
            ...(opts.email ? { email: opts.email } : {}),
          },
        ],
        payload: { internal: input.internal, bodyPreview: input.body.slice(0, 200) },
      },
      now,
    );
    if (entryIds[0]) opts.onEntry?.(entryIds[0]);
    return ticket;
  });
}

/**
 * Public messages on the ticket written after `seenId` by someone other than
 * `authorId`, oldest first. An unknown `seenId` (not on this ticket) counts
 * every message as new: the author has seen nothing we know of.
 */
async function repliesSince(tx: Tx, ticketId: string, seenId: string, authorId: string | null): Promise<string[]> {
  const seen = await tx
    .select({ createdAt: timelineEntries.createdAt })
    .from(timelineEntries)
    .where(and(eq(timelineEntries.ticketId, ticketId), eq(timelineEntries.id, seenId)));
  const since = seen[0]?.createdAt ?? new Date(0);
  const rows = await tx
    .select({ id: timelineEntries.id })
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.ticketId, ticketId),
        eq(timelineEntries.kind, "message"),
        gt(timelineEntries.createdAt, since),
        authorId ? or(ne(timelineEntries.authorId, authorId), sql`${timelineEntries.authorId} is null`) : undefined,
      ),
    )
    .orderBy(asc(timelineEntries.createdAt))
    .limit(20);
  return rows.map((r) => r.id);
}
