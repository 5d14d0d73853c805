import dayjs, { type Dayjs } from "dayjs";

/** A local calendar day, "YYYY-MM-DD": the key of day cells and drop targets. */
export type DayKey = string;
export type CalendarMode = "month" | "week";

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

export const dayKey = (d: Dayjs | Date | string): DayKey => dayjs(d).format("YYYY-MM-DD");

/** The `date` search param as a local day; anything unreadable means today. */
export function parseDay(value: string | undefined, today: Dayjs = dayjs()): Dayjs {
  if (value && DAY_KEY.test(value)) {
    const d = dayjs(value);
    if (d.isValid() && d.format("YYYY-MM-DD") === value) return d.startOf("day");
  }
  return today.startOf("day");
}

export const parseMode = (value: string | undefined): CalendarMode => (value === "week" ? "week" : "month");

/** Weeks start on Monday (ISO 8601), whatever the browser's locale says. */
export function startOfWeek(d: Dayjs): Dayjs {
  return d.startOf("day").subtract((d.day() + 6) % 7, "day");
}

export interface Period {
  mode: CalendarMode;
  /** The day the period was chosen by (kept in the URL). */
  anchor: Dayjs;
  /** The days shown: 42 (6 weeks) for a month, 7 for a week. */
  days: Dayjs[];
  /** [from, to) as instants for the API. */
  from: string;
  to: string;
  title: string;
}

const monthTitle = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });
const shortDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });

export function periodOf(mode: CalendarMode, anchor: Dayjs): Period {
  const first = mode === "month" ? startOfWeek(anchor.startOf("month")) : startOfWeek(anchor);
  const count = mode === "month" ? 42 : 7;
  const days = Array.from({ length: count }, (_, i) => first.add(i, "day"));
  const last = days[days.length - 1] ?? first;
  const title =
    mode === "month"
      ? monthTitle.format(anchor.toDate())
      : `${shortDay.format(first.toDate())} – ${shortDay.format(last.toDate())} ${last.year()}`;
  return {
    mode,
    anchor,
    days,
    from: first.toISOString(),
    to: last.add(1, "day").toISOString(),
    title,
  };
}

/** The anchor of the previous (-1) or next (+1) period: the 1st of a month, the Monday of a week. */
export function shiftPeriod(mode: CalendarMode, anchor: Dayjs, step: -1 | 1): Dayjs {
  return mode === "month" ? anchor.startOf("month").add(step, "month") : startOfWeek(anchor).add(step, "week");
}

/** The day to show when switching views: today if it lies in the current period, else its start. */
export function anchorForSwitch(from: Period, today: Dayjs): Dayjs {
  const inPeriod =
    from.mode === "month"
      ? today.isSame(from.anchor, "month")
      : dayKey(startOfWeek(today)) === dayKey(startOfWeek(from.anchor));
  if (inPeriod) return today.startOf("day");
  return from.mode === "month" ? from.anchor.startOf("month") : startOfWeek(from.anchor);
}

/** The same time of day on another day (local time, so a 09:00 due date stays 09:00 across DST). */
export function moveToDay(iso: string, day: DayKey): string {
  const at = dayjs(iso);
  return dayjs(day).hour(at.hour()).minute(at.minute()).second(at.second()).millisecond(at.millisecond()).toISOString();
}

const longDay = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const weekdayShort = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/** "Monday, 3 March 2031" (screen readers, headings). */
export const formatLongDay = (d: Dayjs | DayKey) => longDay.format(dayjs(d).toDate());
/** "Mon" .. "Sun", Monday first. */
export function weekdayNames(): string[] {
  const monday = startOfWeek(dayjs());
  return Array.from({ length: 7 }, (_, i) => weekdayShort.format(monday.add(i, "day").toDate()));
}
export const formatTime = (iso: string) => time.format(new Date(iso));
