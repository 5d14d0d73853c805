/**
 * A business-hours calendar: weekly open ranges in one IANA time zone, and the holidays on which
 * the desk is closed. This file holds the definition, its schema and the rules for reading it;
 * the arithmetic lives in business-time.ts.
 *
 * Semantics (the schema enforces the first three):
 * - Times are local wall-clock "HH:MM" in the calendar's zone; `end` may be "24:00" (midnight at
 *   the end of the day). `start === end` is refused: a whole day is "00:00"–"24:00".
 * - A range whose `end` is before its `start` (e.g. "22:00"–"06:00") runs across midnight: it
 *   opens on the weekday it is listed under and closes on the next day ("22:00"–"00:00" is the
 *   same as "22:00"–"24:00"). Its after-midnight part is merged (union) with the next day's own
 *   ranges, so a Monday night shift "22:00"–"06:00" and a Tuesday "05:00"–"09:00" mean Tuesday
 *   00:00–09:00. Sunday's overnight part continues into Monday.
 * - Ranges listed under the SAME weekday must not overlap (touching is fine: "09:00"–"12:00" and
 *   "12:00"–"18:00"): an overlap is almost always a typo, so it is refused, naming both ranges.
 * - A holiday closes its whole local date, 00:00–24:00, whatever range would cover it, including
 *   the after-midnight part of a range that opened the evening before; the evening part of a range
 *   listed under a holiday is closed too, but its after-midnight part on a normal next day stays
 *   open. `{ yearly: "MM-DD" }` repeats every year; "02-29" closes only leap-year 29 Februaries.
 * - At least one weekday has an open range (a desk that is never open is refused).
 */
import { z } from "zod";
import { isTimeZone, parseInput } from "../kernel/index.js";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One open range, local "HH:MM"; `end` before `start` runs across midnight into the next day. */
export interface OpenRange {
  readonly start: string;
  readonly end: string;
}

/** A holiday: one calendar date, or the same month and day every year. */
export type Holiday =
  | { readonly date: string; readonly name?: string | undefined }
  | { readonly yearly: string; readonly name?: string | undefined };

export interface Calendar {
  /** IANA time zone the hours and holidays are read in, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  readonly hours: Readonly<Record<Weekday, readonly OpenRange[]>>;
  readonly holidays: readonly Holiday[];
}

export const MAX_RANGES_PER_DAY = 48;
export const MAX_HOLIDAYS = 2000;
export const MAX_HOLIDAY_NAME = 200;
const MINUTES_PER_DAY = 1440;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of "HH:MM" (or "24:00" → 1440); undefined if malformed. */
export function parseClock(value: string): number | undefined {
  if (value === "24:00") return MINUTES_PER_DAY;
  const m = HHMM.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** A range's extent in minutes from the start of the day it is listed under: [start, end), end ≤ 2880. */
export function rangeExtent(range: OpenRange): { start: number; end: number } | undefined {
  const start = parseClock(range.start);
  const end = parseClock(range.end);
  if (start === undefined || end === undefined || start === MINUTES_PER_DAY || start === end) return undefined;
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Whether "YYYY-MM-DD" names a real date. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 ? (isLeap(y) ? 29 : 28) : (DAYS_IN_MONTH[mo - 1] ?? 0));
}

/** Whether "MM-DD" is a day some year has (so "02-29" is fine, "02-30" is not). */
export function isMonthDay(value: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [mo, d] = [Number(m[1]), Number(m[2])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (DAYS_IN_MONTH[mo - 1] ?? 0);
}

const clock = (what: string, allow24: boolean) =>
  z
    .string()
    .refine(
      (v) => parseClock(v) !== undefined && (allow24 || v !== "24:00"),
      `${what} must be a local time "HH:MM" from 00:00 to ${allow24 ? "24:00" : "23:59"}`,
    );

const openRange = z
  .object({ start: clock("start", false), end: clock("end", true) })
  .strict()
  .superRefine((r, ctx) => {
    if (r.start === r.end) {
      ctx.addIssue({
        code: "custom",
        path: ["end"],
        message: 'end equals start: the range would be empty (a whole day is "00:00"–"24:00")',
      });
    }
  });

const dayRanges = z
  .array(openRange)
  .max(MAX_RANGES_PER_DAY)
  .default([])
  .superRefine((ranges, ctx) => {
    const extents = ranges.map(rangeExtent);
    extents.forEach((a, i) => {
      for (let j = 0; j < i; j++) {
        const b = extents[j];
        if (a && b && Math.max(a.start, b.start) < Math.min(a.end, b.end)) {
          const other = ranges[j];
          ctx.addIssue({
            code: "custom",
            path: [i],
            message: `overlaps range ${j} (${other?.start}–${other?.end}) on the same day; merge them into one range`,
          });
          return;
        }
      }
    });
  });

const hoursSchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges])) as Record<Weekday, typeof dayRanges>)
  .strict()
  .superRefine((hours, ctx) => {
    if (WEEKDAYS.every((d) => (hours[d] ?? []).length === 0)) {
      ctx.addIssue({ code: "custom", message: "no open range on any weekday: the calendar would never be open" });
    }
  });

const holidaySchema = z
  .object({
    date: z.string().refine(isIsoDate, 'date must be a real calendar date "YYYY-MM-DD"').optional(),
    yearly: z.string().refine(isMonthDay, 'yearly must be a month and day "MM-DD", e.g. "12-25"').optional(),
    name: z.string().trim().max(MAX_HOLIDAY_NAME).optional(),
  })
  .strict()
  .superRefine((h, ctx) => {
    if ((h.date === undefined) === (h.yearly === undefined)) {
      ctx.addIssue({ code: "custom", message: 'give exactly one of "date" (YYYY-MM-DD) or "yearly" (MM-DD)' });
    }
  })
  .transform((h): Holiday => {
    const name = h.name ? { name: h.name } : {};
    return h.date !== undefined ? { date: h.date, ...name } : { yearly: h.yearly ?? "", ...name };
  });

/** The calendar definition at every edge (API, storage, config); parse with `parseCalendar`. */
export const calendarSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin or UTC"),
    hours: hoursSchema,
    holidays: z.array(holidaySchema).max(MAX_HOLIDAYS).default([]),
  })
  .strict();

export type CalendarInput = z.input<typeof calendarSchema>;

// The schema's output is a Calendar (checked at compile time).
const _outputIsCalendar: (c: z.output<typeof calendarSchema>) => Calendar = (c) => c;
void _outputIsCalendar;

/** A calendar from untrusted input; a bad one throws a validation DomainError naming the field. */
export function parseCalendar(input: unknown): Calendar {
  return parseInput(calendarSchema, input);
}

const weekdays = (days: readonly Weekday[], range: OpenRange): Record<Weekday, readonly OpenRange[]> =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, Object.freeze(days.includes(d) ? [range] : [])])) as Record<
    Weekday,
    readonly OpenRange[]
  >;

/** Monday to Friday, 09:00–18:00 UTC, no holidays. */
export const DEFAULT_CALENDAR: Calendar = Object.freeze({
  timeZone: "UTC",
  hours: Object.freeze(weekdays(["mon", "tue", "wed", "thu", "fri"], Object.freeze({ start: "09:00", end: "18:00" }))),
  holidays: Object.freeze([]),
});

/** Open around the clock, every day (plain elapsed time: business time equals calendar time). */
export const ALWAYS_OPEN: Calendar = Object.freeze({
  timeZone: "UTC",
  hours: Object.freeze(weekdays(WEEKDAYS, Object.freeze({ start: "00:00", end: "24:00" }))),
  holidays: Object.freeze([]),
});
