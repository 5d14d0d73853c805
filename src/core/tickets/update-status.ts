import type { TicketStatus } from "../../../common/enums.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import type { NewEntry } from "../timeline/index.js";
import { loadTicket, type TicketRef } from "./load.js";
import { applyTicketChange } from "./record-change.js";
import { statusInput } from "./schemas.js";
import { assertTransition, isActiveStatus, statusEventType } from "./status-machine.js";
import type { Ticket, TicketRow } from "./ticket.js";

/**
 * Moves a ticket along the status machine, with an optional internal note.
 * Resolving stamps resolved_at, closing stamps closed_at, reopening clears
 * resolved_at. Every change is logged with whether the SLA was already breached.
 */
export async function updateStatus(ctx: Ctx, ref: TicketRef, rawInput: unknown): Promise<Ticket> {
  const input = parseInput(statusInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { row, prefix } = await loadTicket(tx, ctx, ref, "ticket:status", { forUpdate: true });
    const from = row.status as TicketStatus;
    const to = input.status;
    assertTransition(from, to);
    const patch: Partial<TicketRow> = { status: to };
    if (to === "resolved") patch.resolvedAt = now;
    if (to === "closed") {
      patch.closedAt = now;
      if (!row.resolvedAt) patch.resolvedAt = now;
    }
    if (from === "resolved" && isActiveStatus(to)) patch.resolvedAt = null;
    const entries: NewEntry[] = input.note ? [{ ticketId: row.id, kind: "note", body: input.note }] : [];
    const { ticket } = await applyTicketChange(
      tx,
      ctx,
      row,
      prefix,
      { action: "status_changed", eventType: statusEventType(from, to), patch, entries, payload: { from, to } },
      now,
    );
    return ticket;
  });
}
