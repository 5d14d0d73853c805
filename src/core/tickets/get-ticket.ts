import type { Ctx } from "../kernel/index.js";
import { loadTicket, type TicketRef } from "./load.js";
import type { Ticket } from "./ticket.js";

/** Gets a ticket by number or id; `ticket.not_found` if it is not visible to the caller. */
export async function getTicket(ctx: Ctx, ref: TicketRef): Promise<Ticket> {
  return (await loadTicket(ctx.db, ctx, ref, "ticket:read")).ticket;
}
