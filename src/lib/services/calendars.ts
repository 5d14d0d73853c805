import * as calendars from "../../core/calendars/index.js";
import type { Ctx } from "../../core/kernel/index.js";
import type { Mutation } from "./people.js";

/**
 * Business-hours calendars of the workspace: every agent reads them (they say when SLA time
 * runs), managers and superadmins change them (audited). A calendar is named by id or name.
 */
export function calendarsServices(ctx: Ctx, mutation: Mutation) {
  return {
    /** Every calendar, the default first. */
    list: () => calendars.listCalendars(ctx),
    /** By id or name (case-insensitive). */
    get: (ref: string) => calendars.getCalendar(ctx, ref),
    /** `name`, and optionally `timeZone` (default the workspace's), `hours` (default Mon–Fri 09:00–17:00), `holidays`, `isDefault`; the first calendar is the default. */
    create: mutation((c, input: calendars.CreateCalendarInput) => calendars.createCalendar(c, input)),
    /** Name, time zone, the whole week of hours, or the complete holiday list. */
    update: mutation((c, ref: string, input: calendars.UpdateCalendarInput) => calendars.updateCalendar(c, ref, input)),
    /** Refused while an SLA policy (or a running SLA clock) uses it, and for the default while others exist. */
    delete: mutation((c, ref: string) => calendars.deleteCalendar(c, ref)),
    /** SLA policies without a calendar of their own use the default. */
    setDefault: mutation((c, ref: string) => calendars.setDefaultCalendar(c, ref)),
    /** Adds the holidays of an iCalendar (.ics) feed, or replaces the list with them (`replace`). */
    importHolidays: mutation((c, ref: string, ics: string, opts: { replace?: boolean } = {}) =>
      calendars.importHolidays(c, ref, { ics, ...opts }),
    ),
  };
}
