import type { CalendarView, ImportHolidaysView } from "../../../common/api/calendars.js";
import { type AuthContext, can, type ImportHolidaysResult, type StoredCalendar } from "../../lib/index.js";

export function presentCalendar(c: StoredCalendar, auth: AuthContext): CalendarView {
  const manage = auth.scope === "write" && can(auth.actor, "automation:manage");
  const ranges = (day: keyof StoredCalendar["hours"]) => c.hours[day].map((r) => ({ start: r.start, end: r.end }));
  return {
    id: c.id,
    name: c.name,
    isDefault: c.isDefault,
    timeZone: c.timeZone,
    hours: {
      mon: ranges("mon"),
      tue: ranges("tue"),
      wed: ranges("wed"),
      thu: ranges("thu"),
      fri: ranges("fri"),
      sat: ranges("sat"),
      sun: ranges("sun"),
    },
    holidays: c.holidays.map((h) => ({
      ...("date" in h ? { date: h.date } : { yearly: h.yearly }),
      ...(h.name ? { name: h.name } : {}),
    })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    can: { update: manage, delete: manage, setDefault: manage && !c.isDefault },
  };
}

export function presentImportHolidays(r: ImportHolidaysResult, auth: AuthContext): ImportHolidaysView {
  return {
    calendar: presentCalendar(r.calendar, auth),
    added: r.added,
    skipped: r.skipped,
    removed: r.removed,
    warnings: r.warnings.map((w) => ({ line: w.line, reason: w.reason })),
  };
}
