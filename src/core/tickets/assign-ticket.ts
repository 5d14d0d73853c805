import type { TicketStatus } from "../../../common/enums.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { resolveAgent, resolveTeam } from "../people/index.js";
import { loadTicket, type TicketRef } from "./load.js";
import { applyTicketChange } from "./record-change.js";
import { assignInput } from "./schemas.js";
import type { Ticket, TicketRow } from "./ticket.js";

/**
 * Assigns a ticket to an agent (by id or email), optionally with a team.
 * Assigning an open ticket moves it to in_progress (seed 002); unassigning an
 * in_progress ticket moves it back to open.
 */
export async function assignTicket(ctx: Ctx, ref: TicketRef, rawInput: unknown): Promise<Ticket> {
  const input = parseInput(assignInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { row, prefix } = await loadTicket(tx, ctx, ref, "ticket:assign", { forUpdate: true });
    const patch: Partial<TicketRow> = {};
    if (input.assignee === null) {
      patch.assigneeId = null;
      if (row.status === "in_progress") patch.status = "open" satisfies TicketStatus;
    } else {
      const agent = await resolveAgent(tx, ctx, input.assignee);
      patch.assigneeId = agent.id;
      if (row.status === "open") patch.status = "in_progress" satisfies TicketStatus;
    }
    if (input.team !== undefined)
      patch.teamId = input.team === null ? null : (await resolveTeam(tx, ctx, input.team)).id;
    const { ticket } = await applyTicketChange(
      tx,
      ctx,
      row,
      prefix,
      {
        action: input.assignee === null ? "unassigned" : "assigned",
        eventType: "ticket.assigned",
        patch,
        payload: { previousAssigneeId: row.assigneeId },
      },
      now,
    );
    return ticket;
  });
}
