import { and, eq } from "drizzle-orm";
import { calendars } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, invalid, parseInput } from "../kernel/index.js";
import { type Holiday, parseCalendar } from "./calendar.js";
import { parseIcsHolidays } from "./ics.js";
import {
  findCalendarRow,
  importHolidaysInput,
  lockWorkspaceCalendars,
  type StoredCalendar,
  toStoredCalendar,
} from "./stored-calendar.js";

export interface ImportHolidaysResult {
  calendar: StoredCalendar;
  /** Holidays of the feed the calendar did not have. */
  added: number;
  /** Holidays of the feed the calendar already had (same date, or a yearly holiday on that day). */
  skipped: number;
  /** With `replace`: holidays the calendar had that the feed does not. */
  removed: number;
  /** What the feed had that could not become a holiday, by line (see ics.ts). */
  warnings: { line: number; reason: string }[];
}

const keyOf = (h: Holiday) => ("date" in h ? `d${h.date}` : `y${h.yearly}`);

/** Whether `list` already closes the day `h` closes (a dated holiday is covered by a yearly one). */
function covers(keys: ReadonlySet<string>, h: Holiday): boolean {
  return keys.has(keyOf(h)) || ("date" in h && keys.has(`y${h.date.slice(5)}`));
}

/**
 * Adds the holidays of an iCalendar feed to a calendar (managers and superadmins; audited), or
 * with `replace` makes them its whole holiday list. Holidays already present (by date) are kept
 * once, with their own name. A feed with no usable holiday is refused (`calendar.ics_no_holidays`,
 * field `ics`), so a wrong file never empties a calendar.
 */
export async function importHolidays(ctx: Ctx, ref: string, rawInput: unknown): Promise<ImportHolidaysResult> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(importHolidaysInput, rawInput);
  const feed = parseIcsHolidays(input.ics);
  if (feed.holidays.length === 0) {
    const why = feed.skipped
      .slice(0, 3)
      .map((s) => `line ${s.line}: ${s.reason}`)
      .join("; ");
    throw invalid(
      "calendar.ics_no_holidays",
      `ics: no holiday found in the iCalendar text${why ? ` (${why}${feed.skipped.length > 3 ? "; …" : ""})` : ""}.`,
      "ics",
      { warnings: feed.skipped },
    );
  }
  return ctx.db.transaction(async (tx) => {
    await lockWorkspaceCalendars(tx, ctx);
    const row = await findCalendarRow(tx, ctx, ref);
    const current = toStoredCalendar(row);
    const had = new Set(current.holidays.map(keyOf));
    const fresh = feed.holidays.filter((h) => !covers(had, h));
    const inFeed = new Set(feed.holidays.map(keyOf));
    const holidays = input.replace ? feed.holidays : [...current.holidays, ...fresh];
    const removed = input.replace ? current.holidays.filter((h) => !inFeed.has(keyOf(h))).length : 0;
    const def = parseCalendar({ timeZone: current.timeZone, hours: current.hours, holidays });
    const result = { added: fresh.length, skipped: feed.holidays.length - fresh.length, removed };
    if (result.added === 0 && removed === 0) return { calendar: current, ...result, warnings: feed.skipped };
    const [updated] = await tx
      .update(calendars)
      .set({ holidays: def.holidays, updatedAt: ctx.clock.now() })
      .where(and(eq(calendars.workspaceId, ctx.workspaceId), eq(calendars.id, row.id)))
      .returning();
    if (!updated) throw new Error("calendar update returned nothing");
    await recordAudit(tx, ctx, {
      action: "calendar.holidays_imported",
      target: { type: "calendar", id: row.id },
      details: { name: row.name, replace: input.replace, ...result, warnings: feed.skipped.length },
    });
    return { calendar: toStoredCalendar(updated), ...result, warnings: feed.skipped };
  });
}
