import { and, asc, eq, ne } from "drizzle-orm";
import { timelineEntries } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import { loadTicket, type TicketRef } from "../tickets/load.js";
import { type TimelineEntry, toTimelineEntry } from "./entry.js";

/** A ticket's timeline, oldest first. Customers never receive internal notes. */
export async function listTimeline(
  ctx: Ctx,
  ref: TicketRef,
  opts: { includeInternal?: boolean } = {},
): Promise<TimelineEntry[]> {
  const { row } = await loadTicket(ctx.db, ctx, ref, "ticket:read");
  const internal = ctx.actor.type !== "customer" && (opts.includeInternal ?? true);
  const rows = await ctx.db
    .select()
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.workspaceId, ctx.workspaceId),
        eq(timelineEntries.ticketId, row.id),
        internal ? undefined : ne(timelineEntries.kind, "note"),
      ),
    )
    .orderBy(asc(timelineEntries.createdAt), asc(timelineEntries.id));
  return rows.map(toTimelineEntry);
}
