import type { TicketStatus } from "../../../common/enums.js";
import { authorize } from "../access/index.js";
import { type Ctx, invalid, parseInput } from "../kernel/index.js";
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
export async function addComment(ctx: Ctx, ref: TicketRef, rawInput: unknown): Promise<Ticket> {
  const input = parseInput(commentInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const action = input.internal ? "ticket:note" : "ticket:comment";
    const { row, prefix } = await loadTicket(tx, ctx, ref, action, { forUpdate: true });
    authorize(ctx.actor, action, { requesterId: row.requesterId, companyId: row.companyId });
    const status = row.status as TicketStatus;
    if (status === "closed" || status === "cancelled") {
      throw invalid("ticket.final", `Ticket is ${status}; open a follow-up ticket instead.`, "status");
    }
    const patch: Partial<TicketRow> = {};
    if (input.attachments.length > 0) patch.attachmentCount = row.attachmentCount + input.attachments.length;
    if (ctx.actor.type === "agent" && !input.internal && !row.firstResponseAt) patch.firstResponseAt = now;
    if (ctx.actor.type === "customer" && (status === "pending_customer" || status === "resolved")) {
      patch.status = row.assigneeId ? "in_progress" : "open";
      if (status === "resolved") patch.resolvedAt = null;
    }
    const { ticket } = await applyTicketChange(
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
          },
        ],
        payload: { internal: input.internal, bodyPreview: input.body.slice(0, 200) },
      },
      now,
    );
    return ticket;
  });
}
