import { and, asc, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { timelineEntries } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import { type TimelineEntry, toTimelineEntry } from "./entry.js";

/**
 * Entries of one ticket, oldest first. The caller has already checked that the
 * actor may read the ticket; internal notes are left out unless asked for.
 */
export async function listEntries(
  db: Tx,
  ctx: Ctx,
  ticketId: string,
  opts: { includeInternal: boolean },
): Promise<TimelineEntry[]> {
  const rows = await db
    .select()
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.workspaceId, ctx.workspaceId),
        eq(timelineEntries.ticketId, ticketId),
        opts.includeInternal ? undefined : ne(timelineEntries.kind, "note"),
      ),
    )
    .orderBy(asc(timelineEntries.createdAt), asc(timelineEntries.id));
  return rows.map(toTimelineEntry);
}
