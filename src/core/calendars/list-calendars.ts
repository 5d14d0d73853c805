import { asc, desc, eq, sql } from "drizzle-orm";
import { calendars } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import type { Ctx, Page } from "../kernel/index.js";
import { findCalendarRow, type StoredCalendar, toStoredCalendar } from "./stored-calendar.js";

/**
 * The workspace's calendars, the default first, then by name (every agent: they explain when
 * SLA time runs). A workspace has few calendars, so the list is one page (`nextCursor` is null).
 */
export async function listCalendars(ctx: Ctx): Promise<Page<StoredCalendar>> {
  authorize(ctx.actor, "automation:read");
  const rows = await ctx.db
    .select()
    .from(calendars)
    .where(eq(calendars.workspaceId, ctx.workspaceId))
    .orderBy(desc(calendars.isDefault), sql`lower(${calendars.name})`, asc(calendars.id));
  return { items: rows.map(toStoredCalendar), nextCursor: null };
}

/** One calendar by id or name (case-insensitive); `calendar.not_found` otherwise. */
export async function getCalendar(ctx: Ctx, ref: string): Promise<StoredCalendar> {
  authorize(ctx.actor, "automation:read");
  return toStoredCalendar(await findCalendarRow(ctx.db, ctx, ref));
}
