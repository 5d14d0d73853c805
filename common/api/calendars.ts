/** API contracts for business-hours calendars, shared by the server and the web app. */
import { z } from "zod";

const iso = z.string().describe("ISO-8601 timestamp");
const range = z.object({
  start: z.string().describe('local "HH:MM"'),
  end: z.string().describe('local "HH:MM" or "24:00"; before start: runs across midnight'),
});
const day = z.array(range);

export const calendarHolidayView = z.object({
  date: z.string().optional().describe('one day, "YYYY-MM-DD"'),
  yearly: z.string().optional().describe('every year, "MM-DD"'),
  name: z.string().optional(),
});

export const calendarView = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean().describe("SLA policies without a calendar of their own use the default"),
  timeZone: z.string().describe("IANA time zone the hours and holidays are read in"),
  hours: z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }),
  holidays: z.array(calendarHolidayView),
  createdAt: iso,
  updatedAt: iso,
  can: z
    .object({ update: z.boolean(), delete: z.boolean(), setDefault: z.boolean() })
    .describe("what the caller may do with this record"),
});

export const importHolidaysView = z.object({
  calendar: calendarView,
  added: z.number().int().describe("holidays of the feed the calendar did not have"),
  skipped: z.number().int().describe("holidays of the feed the calendar already had"),
  removed: z.number().int().describe("with replace: holidays the feed does not have"),
  warnings: z
    .array(z.object({ line: z.number().int(), reason: z.string() }))
    .describe("what the feed had that could not become a holiday"),
});

export type CalendarView = z.infer<typeof calendarView>;
export type ImportHolidaysView = z.infer<typeof importHolidaysView>;
