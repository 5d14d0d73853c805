/**
 * Pure business-time arithmetic over a Calendar (see calendar.ts for what a calendar means).
 *
 * The functions walk local days in the calendar's zone. For each day the weekly ranges (with the
 * after-midnight parts of the previous day's overnight ranges) become instants, so a DST day
 * simply has 23 or 25 hours and holidays remove whole local dates. Work is per day and per
 * range, never per minute; each day's open spans are cached per calendar object, so treat a
 * calendar as immutable once used (parse a new one to change it). Ranges that overlap on one day,
 * which the schema refuses, are unioned here.
 *
 * Wall-clock times map to instants as "the first instant at which the zone's clock shows that
 * time or later": a time skipped by a spring-forward jump maps to the jump itself (a range
 * 02:30–05:00 on the day clocks go 02:00 → 03:00 opens at 03:00), and a repeated time to its
 * first occurrence (a range 01:00–05:00 on the day clocks go 03:00 → 02:00 is open 5 real hours).
 *
 * A calendar with no open time: `isOpen` is false and `businessTimeBetween` is 0, but
 * `addBusinessTime` and `nextOpenMoment` have no answer and throw a validation DomainError
 * `calendar.no_open_time` (also when holidays close more than three consecutive years). No walk
 * goes further than 100 years (`calendar.out_of_range`), so nothing loops forever.
 */
import {
  addLocal,
  invalid,
  isTimeZone,
  type LocalDate,
  localDate,
  zonedInstant,
  zoneOffsetMs,
} from "../kernel/index.js";
import { type Calendar, type Holiday, rangeExtent, WEEKDAYS } from "./calendar.js";

/** Open time [start, end) in epoch milliseconds. */
type Span = readonly [number, number];

interface Compiled {
  readonly timeZone: string;
  /** Per weekday (0 = Monday), merged open minutes of the local day within [0, 1440]. */
  readonly week: readonly Span[][];
  readonly dates: ReadonlySet<string>;
  readonly yearly: ReadonlySet<string>;
  readonly everOpen: boolean;
  /** Open spans per local date ("YYYY-MM-DD"), bounded. */
  readonly days: Map<string, readonly Span[]>;
  /** Local midnights per date, bounded. */
  readonly midnights: Map<string, Midnight>;
}

const DAY_MINUTES = 1440;
/** Consecutive closed days after which a calendar counts as never open again. */
export const MAX_CLOSED_DAYS = 3 * 366;
/** The furthest any walk goes. */
export const MAX_WALK_DAYS = 100 * 366;
const DAY_CACHE_LIMIT = 4096;

const compiled = new WeakMap<Calendar, Compiled>();

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function holidayKey(h: Holiday): { yearly: boolean; key: string } {
  return "date" in h ? { yearly: false, key: h.date } : { yearly: true, key: h.yearly };
}

/**
 * Compiles (once per calendar object) without refusing what the schema would: overlapping ranges
 * are unioned here. Malformed times or an unknown zone throw `calendar.invalid`.
 */
function compile(cal: Calendar): Compiled {
  const hit = compiled.get(cal);
  if (hit) return hit;
  if (!isTimeZone(cal.timeZone)) {
    throw invalid("calendar.invalid", `timeZone: unknown IANA time zone "${cal.timeZone}"`, "timeZone");
  }
  const raw: Span[][] = WEEKDAYS.map(() => []);
  WEEKDAYS.forEach((day, i) => {
    (cal.hours[day] ?? []).forEach((range, j) => {
      const ext = rangeExtent(range);
      if (!ext) {
        const field = `hours.${day}.${j}`;
        throw invalid("calendar.invalid", `${field}: not a non-empty range of "HH:MM" times`, field);
      }
      raw[i]?.push([ext.start, Math.min(ext.end, DAY_MINUTES)]);
      if (ext.end > DAY_MINUTES) raw[(i + 1) % 7]?.push([0, ext.end - DAY_MINUTES]);
    });
  });
  const dates = new Set<string>();
  const yearly = new Set<string>();
  for (const h of cal.holidays) {
    const { yearly: repeats, key } = holidayKey(h);
    (repeats ? yearly : dates).add(key);
  }
  const week = raw.map(mergeSpans);
  const c: Compiled = {
    timeZone: cal.timeZone,
    week,
    dates,
    yearly,
    everOpen: week.some((d) => d.length > 0),
    days: new Map(),
    midnights: new Map(),
  };
  compiled.set(cal, c);
  return c;
}

const pad = (n: number) => String(n).padStart(2, "0");
const monthDay = (d: LocalDate) => `${pad(d.month)}-${pad(d.day)}`;
const dateKey = (d: LocalDate) => `${String(d.year).padStart(4, "0")}-${monthDay(d)}`;
const dateOrdinal = (d: LocalDate) => d.year * 10_000 + d.month * 100 + d.day;

/** The first instant at which the zone's wall clock shows `minutes` after local midnight of `date`, or later. */
function wallInstant(date: LocalDate, timeZone: string, minutes: number): number {
  const t = zonedInstant(date, timeZone, minutes).getTime();
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  const offset = zoneOffsetMs(new Date(t), timeZone);
  if (t + offset === wall) return t;
  // Skipped by a jump forward: zonedInstant shifted it past the jump; find the jump itself
  // (the first instant with the new offset; gaps are at most a day long).
  let lo = t - 86_400_000;
  let hi = t;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(new Date(mid), timeZone) === offset) hi = mid;
    else lo = mid;
  }
  return hi;
}

interface Midnight {
  /** The first instant the clock shows the date. */
  readonly t: number;
  /** The zone's offset at that instant. */
  readonly offset: number;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= DAY_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Local midnight starting `date`, cached. When the day before started on time, its midnight plus
 * 24 hours is tried first: one offset lookup instead of a full wall-time resolution.
 */
function midnight(c: Compiled, date: LocalDate, before?: Midnight): Midnight {
  const key = dateKey(date);
  const hit = c.midnights.get(key);
  if (hit) return hit;
  if (before) {
    const t = before.t + 86_400_000;
    const offset = zoneOffsetMs(new Date(t), c.timeZone);
    if (offset === before.offset) return remember(c.midnights, key, { t, offset });
  }
  const t = wallInstant(date, c.timeZone, 0);
  return remember(c.midnights, key, { t, offset: zoneOffsetMs(new Date(t), c.timeZone) });
}

/** Open spans of one local date, in order, merged, non-empty. */
function daySpans(c: Compiled, date: LocalDate): readonly Span[] {
  const key = dateKey(date);
  const hit = c.days.get(key);
  if (hit) return hit;
  let spans: Span[] = [];
  const weekday = (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
  const ranges = c.week[weekday] ?? [];
  if (ranges.length > 0 && !c.dates.has(key) && !c.yearly.has(monthDay(date))) {
    const wall = Date.UTC(date.year, date.month - 1, date.day);
    const start = midnight(c, date);
    const onTime = start.t + start.offset === wall;
    const end = midnight(c, addLocal(date, 1, "day"), onTime ? start : undefined);
    // Most days start on time and keep one offset: wall time minus that offset, no more lookups.
    const steady = onTime && end.offset === start.offset && end.t - start.t === 86_400_000;
    const at = (minutes: number) =>
      minutes === DAY_MINUTES
        ? end.t
        : steady
          ? wall + minutes * 60_000 - start.offset
          : wallInstant(date, c.timeZone, minutes);
    spans = mergeSpans(ranges.map(([s, e]): Span => [at(s), at(e)]).filter(([s, e]) => e > s));
  }
  return remember(c.days, key, spans);
}

const noOpenTime = (why: string) =>
  invalid(
    "calendar.no_open_time",
    `the calendar has no open time ${why}; add opening hours or remove holidays`,
    "hours",
  );
const outOfRange = () =>
  invalid("calendar.out_of_range", `business-time arithmetic is limited to ${MAX_WALK_DAYS / 366} years`);

/**
 * Open spans ending after `t`, clipped to start at `t` or later, in time order. Without `until`
 * the walk throws when no open time follows; with it the walk stops after `until`'s local date.
 */
function* spansAfter(c: Compiled, t: number, until?: number): Generator<Span> {
  if (!c.everOpen) {
    if (until !== undefined) return;
    throw noOpenTime("on any weekday");
  }
  const last =
    until === undefined ? undefined : dateOrdinal(addLocal(localDate(new Date(until), c.timeZone), 1, "day"));
  let day = addLocal(localDate(new Date(t), c.timeZone), -1, "day");
  let closed = 0;
  for (let walked = 0; last === undefined || dateOrdinal(day) <= last; walked++) {
    if (walked > MAX_WALK_DAYS) throw outOfRange();
    const spans = daySpans(c, day);
    closed = spans.length === 0 ? closed + 1 : 0;
    if (closed > MAX_CLOSED_DAYS && last === undefined)
      throw noOpenTime(`in the ${MAX_CLOSED_DAYS} days after ${dateKey(day)}`);
    for (const [s, e] of spans) if (e > t) yield [Math.max(s, t), e];
    day = addLocal(day, 1, "day");
  }
}

/** Open spans starting before `t`, clipped to end at `t` or earlier, latest first. */
function* spansBefore(c: Compiled, t: number): Generator<Span> {
  if (!c.everOpen) throw noOpenTime("on any weekday");
  let day = addLocal(localDate(new Date(t), c.timeZone), 1, "day");
  let closed = 0;
  for (let walked = 0; ; walked++) {
    if (walked > MAX_WALK_DAYS) throw outOfRange();
    const spans = daySpans(c, day);
    closed = spans.length === 0 ? closed + 1 : 0;
    if (closed > MAX_CLOSED_DAYS) throw noOpenTime(`in the ${MAX_CLOSED_DAYS} days before ${dateKey(day)}`);
    for (let i = spans.length - 1; i >= 0; i--) {
      const span = spans[i];
      if (span && span[0] < t) yield [span[0], Math.min(span[1], t)];
    }
    day = addLocal(day, -1, "day");
  }
}

function instant(value: Date, field: string): number {
  const t = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw invalid("calendar.invalid_instant", `${field}: not a valid date`, field);
  return t;
}

/**
 * The instant nearest to `start` at which `ms` of open time lies between the two: for `ms > 0`
 * the earliest instant after which `ms` open milliseconds have elapsed (starting in closed time
 * counts from the next opening; the result may be the closing moment of a range); for `ms < 0`
 * the latest instant before `start` with `-ms` open milliseconds up to `start`; `ms === 0`
 * returns `start`. `ms` is rounded to whole milliseconds.
 */
export function addBusinessTime(cal: Calendar, start: Date, ms: number): Date {
  const t = instant(start, "start");
  if (!Number.isFinite(ms)) throw invalid("calendar.invalid_duration", "ms: not a finite duration", "ms");
  let left = Math.abs(Math.round(ms));
  if (left === 0) return new Date(t);
  const c = compile(cal);
  if (ms > 0) {
    for (const [s, e] of spansAfter(c, t)) {
      if (e - s >= left) return new Date(s + left);
      left -= e - s;
    }
  } else {
    for (const [s, e] of spansBefore(c, t)) {
      if (e - s >= left) return new Date(e - left);
      left -= e - s;
    }
  }
  throw outOfRange(); // unreachable: the walks above either yield forever or throw
}

/** Open milliseconds in [a, b); negative (minus the open time in [b, a)) when b is before a. */
export function businessTimeBetween(cal: Calendar, a: Date, b: Date): number {
  const from = instant(a, "a");
  const to = instant(b, "b");
  if (to < from) return 0 - businessTimeBetween(cal, b, a) || 0; // never -0
  if (to - from > MAX_WALK_DAYS * 86_400_000) throw outOfRange();
  let total = 0;
  for (const [s, e] of spansAfter(compile(cal), from, to)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total;
}

/** Whether the desk is open at `at` (a range's start is open, its end is not). */
export function isOpen(cal: Calendar, at: Date): boolean {
  const t = instant(at, "at");
  for (const [s] of spansAfter(compile(cal), t, t)) return s === t;
  return false;
}

/** `at` itself when open, otherwise the next moment the desk opens. */
export function nextOpenMoment(cal: Calendar, at: Date): Date {
  const t = instant(at, "at");
  for (const [s] of spansAfter(compile(cal), t)) return new Date(s);
  throw outOfRange(); // unreachable: spansAfter without a bound yields or throws
}

/** The open intervals within [from, to), adjacent ones joined (e.g. across midnight). */
export function openIntervals(cal: Calendar, from: Date, to: Date): { start: Date; end: Date }[] {
  const a = instant(from, "from");
  const b = instant(to, "to");
  const spans: [number, number][] = [];
  if (b <= a) return [];
  for (const [s, e] of spansAfter(compile(cal), a, b)) {
    if (s >= b) break;
    const last = spans[spans.length - 1];
    if (last && last[1] === s) last[1] = Math.min(e, b);
    else spans.push([s, Math.min(e, b)]);
  }
  return spans.map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
}
