import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../../../db/connection.js";
import {
  emailMessageIds,
  emailParticipants,
  inboundEmails,
  outboundEmails,
  timelineEntries,
} from "../../../../db/schema/index.js";
import { type Ctx, invalid, isUuid, notFound, parseInput } from "../../../kernel/index.js";
import { findAgentRow } from "../../../people/index.js";
import {
  applyTicketChange,
  type LoadedTicket,
  loadTicket,
  type Ticket,
  type TicketRef,
} from "../../../tickets/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";
import type { EmailMeta } from "../types.js";

export interface MovedEntry {
  entryId: string;
  /** The ticket the message left, after the move. */
  from: Ticket;
  /** The ticket it is on now. */
  to: Ticket;
}

const ticketRef = z.union([z.string().trim().min(1).max(100), z.number().int().positive()]);
export const moveEntryInput = z
  .object({
    ticket: ticketRef,
    entryId: z.string().trim().refine(isUuid, "must be the id of a timeline entry"),
    target: ticketRef,
  })
  .strict();

/** Loads two different tickets of the workspace for update, locking them in id order (no deadlocks). */
export async function lockTicketPair(
  tx: Tx,
  ctx: Ctx,
  sourceRef: TicketRef,
  targetRef: TicketRef,
): Promise<{ source: LoadedTicket; target: LoadedTicket }> {
  const a = await loadTicket(tx, ctx, sourceRef, "ticket:update");
  const b = await loadTicket(tx, ctx, targetRef, "ticket:update");
  if (a.row.id === b.row.id) {
    throw invalid(
      "email.move_same_ticket",
      `The message is already on ${a.ticket.number}; pick another ticket.`,
      "ticket",
    );
  }
  const aFirst = a.row.id < b.row.id;
  const first = await loadTicket(tx, ctx, aFirst ? a.row.id : b.row.id, "ticket:update", { forUpdate: true });
  const second = await loadTicket(tx, ctx, aFirst ? b.row.id : a.row.id, "ticket:update", { forUpdate: true });
  return aFirst ? { source: first, target: second } : { source: second, target: first };
}

/** How the actor is named on the timeline ("… by Ada Lovelace"). */
async function actorName(tx: Tx, ctx: Ctx): Promise<string> {
  const a = ctx.actor;
  if (a.type === "system") return a.name;
  if (a.type === "agent") {
    const row = await findAgentRow(tx, ctx, a.id);
    return row?.name || row?.email || "an agent";
  }
  return "the customer";
}

/** The message entry of `source` that may leave it; refuses notes, events and a ticket's last message. */
export async function movableEntry(
  tx: Tx,
  ctx: Ctx,
  source: LoadedTicket,
  entryId: string,
): Promise<typeof timelineEntries.$inferSelect> {
  const [entry] = await tx
    .select()
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.workspaceId, ctx.workspaceId),
        eq(timelineEntries.id, entryId),
        eq(timelineEntries.ticketId, source.row.id),
      ),
    );
  if (!entry) {
    throw notFound("timeline.entry_not_found", `Entry ${entryId} is not on ${source.ticket.number}.`, "entryId");
  }
  if (entry.kind !== "message") {
    throw invalid(
      "email.move_not_message",
      `Only messages can be moved or split off; entry ${entryId} is ${entry.kind === "note" ? "an internal note" : "a system event"}.`,
      "entryId",
    );
  }
  const [messages] = await tx
    .select({ n: count() })
    .from(timelineEntries)
    .where(and(eq(timelineEntries.ticketId, source.row.id), eq(timelineEntries.kind, "message")));
  if ((messages?.n ?? 0) <= 1) {
    throw invalid(
      "email.move_only_message",
      `This is the only message of ${source.ticket.number} (its opening message); a ticket cannot be left without one. Merge the tickets instead.`,
      "entryId",
    );
  }

  return entry;
}

/**
 * Moves one message entry between two locked tickets: the entry, its
 * Message-IDs (threading follows it), the inbound/outbound rows, the sender as
 * a participant of the target, attachment counts, an event on both timelines
 * and a `ticket.updated` outbox event for each ticket. Refuses a note or event,
 * a closed or cancelled target, and the last message of a ticket.
 */
export async function relocateEntry(
  tx: Tx,
  ctx: Ctx,
  source: LoadedTicket,
  target: LoadedTicket,
  entryId: string,
  now: Date,
  how: "moved" | "split" = "moved",
): Promise<MovedEntry> {
  const status = target.row.status;
  if (status === "closed" || status === "cancelled") {
    throw invalid(
      "ticket.final",
      `${target.ticket.number} is ${status}; move the message to an open ticket or split it into a new one.`,
      "ticket",
    );
  }
  const entry = await movableEntry(tx, ctx, source, entryId);

  const to = target.row.id;
  await tx.update(timelineEntries).set({ ticketId: to }).where(eq(timelineEntries.id, entryId));
  await tx
    .update(emailMessageIds)
    .set({ ticketId: to })
    .where(and(eq(emailMessageIds.workspaceId, ctx.workspaceId), eq(emailMessageIds.entryId, entryId)));
  await tx
    .update(inboundEmails)
    .set({ ticketId: to })
    .where(and(eq(inboundEmails.workspaceId, ctx.workspaceId), eq(inboundEmails.entryId, entryId)));
  await tx
    .update(outboundEmails)
    .set({ ticketId: to })
    .where(and(eq(outboundEmails.workspaceId, ctx.workspaceId), eq(outboundEmails.entryId, entryId)));
  const meta = entry.email as EmailMeta | null;
  if (meta?.direction === "in" && meta.from) {
    await tx
      .insert(emailParticipants)
      .values({ workspaceId: ctx.workspaceId, ticketId: to, email: meta.from.toLowerCase(), createdAt: now })
      .onConflictDoNothing();
  }

  const files = ((entry.attachments ?? []) as AttachmentMeta[]).length;
  const who = await actorName(tx, ctx);
  const moved = { entryId, from: source.ticket.number, to: target.ticket.number, how };
  const sourceText =
    how === "split"
      ? `Message split off into new ticket ${target.ticket.number} by ${who}`
      : `Message moved to ${target.ticket.number} by ${who}`;
  const targetText =
    how === "split"
      ? `Split off from ${source.ticket.number} by ${who}`
      : `Message moved here from ${source.ticket.number} by ${who}`;
  const after = await applyTicketChange(
    tx,
    ctx,
    source.row,
    source.prefix,
    {
      action: "message_moved",
      eventType: "ticket.updated",
      patch: { attachmentCount: Math.max(0, source.row.attachmentCount - files) },
      entries: [
        {
          ticketId: source.row.id,
          kind: "event",
          body: sourceText,
          event: {
            action: "message_moved_out",
            changes: [{ field: "entry", from: entryId, to: target.ticket.number }],
          },
        },
      ],
      payload: { moved },
    },
    now,
  );
  const into = await applyTicketChange(
    tx,
    ctx,
    target.row,
    target.prefix,
    {
      action: "message_moved",
      eventType: "ticket.updated",
      patch: { attachmentCount: target.row.attachmentCount + files },
      entries: [
        {
          ticketId: to,
          kind: "event",
          body: targetText,
          event: { action: "message_moved_in", changes: [{ field: "entry", from: source.ticket.number, to: entryId }] },
        },
      ],
      payload: { moved },
    },
    now,
  );
  return { entryId, from: after.ticket, to: into.ticket };
}

/**
 * Moves a message to another ticket of the workspace (agents: `ticket:update`
 * on both). Both tickets are locked in id order; every change, both timeline
 * events and both outbox events commit together.
 */
export async function moveEntry(ctx: Ctx, ticket: TicketRef, entryId: string, target: TicketRef): Promise<MovedEntry> {
  const input = parseInput(moveEntryInput, { ticket, entryId, target });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const pair = await lockTicketPair(tx, ctx, input.ticket, input.target);
    return relocateEntry(tx, ctx, pair.source, pair.target, input.entryId.toLowerCase(), now);
  });
}
