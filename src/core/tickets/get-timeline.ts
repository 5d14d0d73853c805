import type { Ctx } from "../kernel/index.js";
import { listEntries, type TimelineEntry } from "../timeline/index.js";
import { loadTicket, type TicketRef } from "./load.js";

/** A ticket's timeline, oldest first. Customers never receive internal notes. */
export async function getTimeline(
  ctx: Ctx,
  ref: TicketRef,
  opts: { includeInternal?: boolean } = {},
): Promise<TimelineEntry[]> {
  const { row } = await loadTicket(ctx.db, ctx, ref, "ticket:read");
  const includeInternal = ctx.actor.type !== "customer" && (opts.includeInternal ?? true);
  return listEntries(ctx.db, ctx, row.id, { includeInternal });
}
