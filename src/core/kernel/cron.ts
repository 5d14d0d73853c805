/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) and
 * the next instant one matches in an IANA time zone, without a dependency.
 * Lives in the kernel (pure time arithmetic, like zoned-time) so workspace
 * settings can validate `remindersCron` without importing notifications.
 *
 * Each field is a comma list of `*`, `n`, `a-b`, with an optional `/step`
 * (`*\/15`, `1-5/2`, `10/20` = from 10 to the field's end). Months take
 * jan–dec, days of the week sun–sat (0 and 7 are Sunday). When both day
 * fields are restricted (neither starts with `*`), a day matches when either
 * does (the usual cron rule). `@daily`, `@hourly`, `@weekly`, `@monthly`,
 * `@yearly` are shorthands.
 */
import { invalid } from "./errors.js";
import { addLocal, type LocalDate, localDate, zonedInstant, zoneOffsetMs } from "./zoned-time.js";

export interface CronSchedule {
  /** The expression as given (trimmed). */
  source: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (7 folded into 0). */
  daysOfWeek: ReadonlySet<number>;
  /** The day-of-month field does not start with `*`. */
  domRestricted: boolean;
  /** The day-of-week field does not start with `*`. */
  dowRestricted: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  hint: string;
}

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59, hint: "0-59" },
  { name: "hour", min: 0, max: 23, hint: "0-23" },
  { name: "day-of-month", min: 1, max: 31, hint: "1-31" },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    hint: "1-12 or jan-dec",
  },
  {
    name: "day-of-week",
    min: 0,
    max: 7,
    names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
    hint: "0-7 or sun-sat, 0 and 7 are Sunday",
  },
];

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September"];

/** Thrown for an expression that cannot be read: the message names the field and why. */
function cronError(message: string, field: string) {
  return invalid("cron.invalid", message, field);
}

function value(text: string, spec: FieldSpec, field: string): number {
  const lower = text.toLowerCase();
  const named = spec.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (spec.name === "month" ? 1 : 0);
  if (!/^\d+$/.test(text)) {
    throw cronError(`${spec.name}: "${text}" is not a number (allowed: ${spec.hint})`, field);
  }
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw cronError(`${spec.name}: ${n} is out of range (allowed: ${spec.hint})`, field);
  }
  return n;
}

function parseField(text: string, spec: FieldSpec, field: string): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(",")) {
    if (item === "") throw cronError(`${spec.name}: empty item in "${text}"`, field);
    const [range = "", stepText, extra] = item.split("/");
    if (extra !== undefined) throw cronError(`${spec.name}: "${item}" has more than one "/"`, field);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        throw cronError(`${spec.name}: step "${stepText}" in "${item}" must be a whole number of at least 1`, field);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === "*") {
      from = spec.min;
      to = spec.max;
    } else if (range.includes("-")) {
      const [a = "", b = "", more] = range.split("-");
      if (more !== undefined || a === "" || b === "") {
        throw cronError(`${spec.name}: "${range}" is not a range like 1-5`, field);
      }
      from = value(a, spec, field);
      to = value(b, spec, field);
      // `fri-sun`: Sunday at the end of a range is day 7.
      if (spec.name === "day-of-week" && to === 0 && from > 0) to = 7;
      if (from > to) throw cronError(`${spec.name}: range ${range} runs backwards (write ${b}-${a})`, field);
    } else {
      from = value(range, spec, field);
      // `10/20`: from 10 to the field's end every 20; a bare number is just itself.
      to = stepText === undefined ? from : spec.max;
    }
    for (let n = from; n <= to; n += step) out.add(spec.name === "day-of-week" && n === 7 ? 0 : n);
  }
  return out;
}

/** Parses a cron expression; throws a validation error (`cron.invalid`) naming the field and why. */
export function parseCron(expression: string, field = "cron"): CronSchedule {
  const source = expression.trim();
  const expanded = MACROS[source.toLowerCase()] ?? source;
  if (expanded.startsWith("@")) {
    throw cronError(`"${source}" is not a known shorthand (${Object.keys(MACROS).join(", ")})`, field);
  }
  const parts = expanded.split(/\s+/).filter((p) => p !== "");
  if (parts.length !== 5) {
    throw cronError(
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}: "${source}"`,
      field,
    );
  }
  const sets = parts.map((p, i) => parseField(p, FIELDS[i] as FieldSpec, field));
  const [minutes, hours, dom, months, dow] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const schedule: CronSchedule = {
    source,
    minutes: [...minutes].sort((a, b) => a - b),
    hours: [...hours].sort((a, b) => a - b),
    daysOfMonth: dom,
    months,
    daysOfWeek: dow,
    domRestricted: !parts[2]?.startsWith("*"),
    dowRestricted: !parts[4]?.startsWith("*"),
  };
  if (schedule.domRestricted && !schedule.dowRestricted) {
    const possible = [...months].some((m) => [...dom].some((d) => d <= (MONTH_DAYS[m - 1] ?? 31)));
    if (!possible) {
      const month = [...months][0] ?? 1;
      throw cronError(
        `day-of-month: never happens in the months given (${MONTH_NAMES[month - 1] ?? `month ${month}`} has at most ${MONTH_DAYS[month - 1]} days)`,
        field,
      );
    }
  }
  return schedule;
}

/** The problem with an expression in words, or null when it is valid. */
export function cronProblem(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function dayMatches(s: CronSchedule, date: LocalDate): boolean {
  if (!s.months.has(date.month)) return false;
  const dow = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const domOk = s.daysOfMonth.has(date.day);
  const dowOk = s.daysOfWeek.has(dow);
  if (s.domRestricted && s.dowRestricted) return domOk || dowOk;
  return domOk && dowOk;
}

const sameDate = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day;

/** The wall clock (local date, minutes after midnight) of `instant` in the zone. */
function wallOf(instant: Date, timeZone: string): { date: LocalDate; minutes: number } {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  return { date: localDate(instant, timeZone), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/**
 * The instant of local `date` + `minutes`; a wall time skipped by a spring-forward
 * gap resolves to the first minute that exists after it (the end of the gap).
 */
function runInstant(date: LocalDate, minutes: number, timeZone: string): Date {
  const at = zonedInstant(date, timeZone, minutes);
  const wall = wallOf(at, timeZone);
  if (sameDate(wall.date, date) && wall.minutes === minutes) return at;
  for (let k = 1; k <= 48 * 60; k++) {
    const m = minutes + k;
    const d = addLocal(date, Math.floor(m / 1440), "day");
    const probe = zonedInstant(d, timeZone, m % 1440);
    const w = wallOf(probe, timeZone);
    if (sameDate(w.date, d) && w.minutes === m % 1440) return probe;
  }
  return at;
}

/** Days searched before giving up (covers February 29th falling on a given day-of-week). */
const SEARCH_DAYS = 366 * 29;

/**
 * The first instant strictly after `after` whose wall-clock time in `timeZone`
 * matches. A time skipped by a DST spring-forward runs at the first valid
 * minute after it (once, however many skipped times map there); a time repeated
 * by a fall-back runs once, at its first occurrence.
 */
export function nextRun(expression: string | CronSchedule, after: Date, timeZone: string): Date {
  const s = typeof expression === "string" ? parseCron(expression) : expression;
  const start = wallOf(after, timeZone);
  // Start a day early: a skipped wall time late on the previous day may resolve after `after`.
  let date = addLocal(start.date, -1, "day");
  for (let i = 0; i < SEARCH_DAYS; i++, date = addLocal(date, 1, "day")) {
    if (!dayMatches(s, date)) continue;
    const dayOffset = i - 1;
    for (const h of s.hours) {
      for (const m of s.minutes) {
        const minutes = h * 60 + m;
        // Wall times hours before `after`'s own cannot come after it (offsets differ by less than 4 h).
        if (dayOffset < 1 && dayOffset * 1440 + minutes < start.minutes - 240) continue;
        const at = runInstant(date, minutes, timeZone);
        if (at.getTime() > after.getTime()) return at;
      }
    }
  }
  throw cronError(`"${s.source}" does not match any time in the next ${Math.round(SEARCH_DAYS / 366)} years`, "cron");
}
