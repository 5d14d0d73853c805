/**
 * Typed values as written in queries: durations, dates (absolute and
 * relative phrases), numbers and ticket numbers; and their canonical
 * spelling for the printer. Pure: "today" stays a phrase, the server turns it
 * into an instant in the workspace's time zone.
 */
import type { DateExpr } from "./ast.js";

export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Duration units (`2h`, `90min`, `1w`); a Map so `constructor` is not a unit. */
const DURATION_UNITS = new Map<string, number>([
  ["ms", 1],
  ...["s", "sec", "secs", "second", "seconds"].map((u): [string, number] => [u, 1000]),
  ...["m", "min", "mins", "minute", "minutes"].map((u): [string, number] => [u, MINUTE]),
  ...["h", "hr", "hrs", "hour", "hours"].map((u): [string, number] => [u, HOUR]),
  ...["d", "day", "days"].map((u): [string, number] => [u, DAY]),
  ...["w", "wk", "week", "weeks"].map((u): [string, number] => [u, WEEK]),
]);

/** Largest first: the printer's canonical units. */
const CANONICAL_UNITS: readonly [string, number][] = [
  ["w", WEEK],
  ["d", DAY],
  ["h", HOUR],
  ["m", MINUTE],
  ["s", 1000],
  ["ms", 1],
];

/** `2h`, `1h30m`, `90min`, `0` → milliseconds; no sign. Undefined when malformed. */
export function parseUnsignedDuration(text: string): number | undefined {
  const body = text.toLowerCase();
  if (body === "0") return 0;
  const part = /(\d+)([a-z]+)/y;
  let total = 0;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const m = part.exec(body);
    const unit = m ? DURATION_UNITS.get(m[2] ?? "") : undefined;
    if (!m || unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    at = part.lastIndex;
  }
  return at > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** A duration with an optional sign (`-1h` once an SLA is breached). */
export function parseDuration(text: string): number | undefined {
  const sign = text.startsWith("-") ? -1 : 1;
  const ms = parseUnsignedDuration(/^[+-]/.test(text) ? text.slice(1) : text);
  if (ms === undefined) return undefined;
  return ms === 0 ? 0 : sign * ms;
}

/** Canonical spelling: `0`, `1h30m`, `-2d`, `1500ms` → `1s500ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`a duration is a whole number of milliseconds, got ${ms}`);
  if (ms === 0) return "0";
  let rest = Math.abs(ms);
  let out = ms < 0 ? "-" : "";
  for (const [unit, size] of CANONICAL_UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

const DAY_WORDS = new Map([
  ["yesterday", -1],
  ["today", 0],
  ["tomorrow", 1],
]);
const PERIOD_OFFSETS = new Map([
  ["last", -1],
  ["this", 0],
  ["next", 1],
]);
const PERIOD_UNITS = new Set(["week", "month", "year"]);
/** Units of `last N …` / `next N …`; a month counts as 30 days. */
const AMOUNT_UNITS = new Map<string, number>(
  (
    [
      ["minute", MINUTE],
      ["hour", HOUR],
      ["day", DAY],
      ["week", WEEK],
      ["month", 30 * DAY],
    ] as const
  ).flatMap(([unit, ms]): [string, number][] => [
    [unit, ms],
    [`${unit}s`, ms],
  ]),
);

/**
 * How many of `words` (lower-case, as written after a date field) form one
 * date phrase: 3 for `last 7 days`, 2 for `this week`, else 1. Lets the parser
 * and the completer read unquoted phrases.
 */
export function datePhraseLength(words: readonly string[]): number {
  const [first, second, third] = words;
  if (first === undefined || !PERIOD_OFFSETS.has(first) || second === undefined) return 1;
  if (PERIOD_UNITS.has(second)) return 2;
  if (first !== "this" && /^\d+$/.test(second) && third !== undefined && AMOUNT_UNITS.has(third)) return 3;
  return 1;
}

/**
 * Whether lower-case `words` are a whole date phrase (`last 7 days`), the
 * start of one (`last`, `last 7`) or neither: for completion as you type.
 */
export function datePhraseState(words: readonly string[]): "complete" | "partial" | "invalid" {
  const [first = "", second, third] = words;
  if (!PERIOD_OFFSETS.has(first) || words.length > 3) return "invalid";
  if (second === undefined) return "partial";
  if (datePhraseLength(words) === words.length) return "complete";
  const counted = first !== "this" && /^\d+$/.test(second);
  return counted && third === undefined ? "partial" : "invalid";
}

/** Whether a word can start a multi-word date phrase (`this`, `last`, `next`). */
export const startsDatePhrase = (word: string): boolean => PERIOD_OFFSETS.has(word.toLowerCase());

const ABSOLUTE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/i;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseAbsolute(text: string): ValueResult<DateExpr> | undefined {
  const m = ABSOLUTE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, , offH, offM] = m
    .slice(1)
    .map((p) => (p === undefined ? 0 : Number(p)));
  const fail = (why: string): ValueResult<DateExpr> => ({ ok: false, reason: why });
  if (year === undefined || month === undefined || day === undefined) return fail("not a date");
  if (month < 1 || month > 12) return fail("the month must be 01 to 12");
  if (day < 1 || day > daysInMonth(year, month)) {
    return fail(`${String(year).padStart(4, "0")}-${m[2]} has ${daysInMonth(year, month)} days`);
  }
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return fail("the time must be 00:00 to 23:59:59");
  if ((offH ?? 0) > 23 || (offM ?? 0) > 59) return fail("the time zone offset must be -23:59 to +23:59");
  const dayOnly = m[4] === undefined;
  return { ok: true, value: { kind: "absolute", text: text.toUpperCase(), dayOnly } };
}

const DATE_HINT = "expected e.g. 2026-01-31, 2026-01-31T10:00, today, this week, last 7 days or -48h";

/**
 * A date as written: `2026-01-31`, `2026-01-31T10:00:00+02:00`, `today`,
 * `last week`, `last 7 days`, `next 3 days`, `-48h`, `+2h`.
 * Words may be separated by any whitespace; case does not matter.
 */
export function parseDate(text: string): ValueResult<DateExpr> {
  const words = text.trim().toLowerCase().split(/\s+/);
  const [first = "", second = "", third = ""] = words;
  const fail: ValueResult<DateExpr> = { ok: false, reason: DATE_HINT };
  if (words.length === 1) {
    const offsetDays = DAY_WORDS.get(first);
    if (offsetDays !== undefined) return { ok: true, value: { kind: "day", offsetDays } };
    if (/^[+-]/.test(first)) {
      const ms = parseUnsignedDuration(first.slice(1));
      if (ms === undefined) return fail;
      return { ok: true, value: first.startsWith("-") ? { kind: "ago", ms } : { kind: "ahead", ms } };
    }
    return parseAbsolute(text.trim()) ?? fail;
  }
  if (datePhraseLength(words) !== words.length) return fail;
  const offset = PERIOD_OFFSETS.get(first) ?? 0;
  if (words.length === 2) {
    const unit = second as "week" | "month" | "year";
    return { ok: true, value: { kind: "period", unit, offset } };
  }
  const ms = Number(second) * (AMOUNT_UNITS.get(third) ?? 0);
  if (!Number.isSafeInteger(ms) || ms <= 0) return { ok: false, reason: "the amount must be a whole number from 1" };
  return { ok: true, value: offset < 0 ? { kind: "ago", ms } : { kind: "ahead", ms } };
}

const DAY_NAMES = new Map([...DAY_WORDS].map(([word, offset]) => [offset, word]));
const PERIOD_NAMES = new Map([...PERIOD_OFFSETS].map(([word, offset]) => [offset, word]));

/**
 * Canonical spelling of a date, parsed back by `parseDate` to the same value.
 * Throws a RangeError for values no query can express (`offsetDays: 5`).
 */
export function formatDate(date: DateExpr): string {
  switch (date.kind) {
    case "absolute":
      return date.text;
    case "day": {
      const word = DAY_NAMES.get(date.offsetDays);
      if (word === undefined) throw new RangeError(`no query word for a day offset of ${date.offsetDays}`);
      return word;
    }
    case "period": {
      const word = PERIOD_NAMES.get(date.offset);
      if (word === undefined) throw new RangeError(`no query word for a period offset of ${date.offset}`);
      return `${word} ${date.unit}`;
    }
    case "ago":
    case "ahead":
      if (date.ms < 0) throw new RangeError(`"${date.kind}" needs a length of time ≥ 0, got ${date.ms}`);
      return `${date.kind === "ago" ? "-" : "+"}${formatDuration(date.ms)}`;
  }
}

/** Phrases offered by completion for date fields. */
export const DATE_PHRASES: readonly string[] = [
  "today",
  "yesterday",
  "tomorrow",
  "this week",
  "last week",
  "next week",
  "this month",
  "last month",
  "next month",
  "this year",
  "last year",
  "last 24 hours",
  "last 7 days",
  "last 30 days",
  "next 7 days",
];

/** `TKT-1001` as a bare word means ticket 1001. */
export const TICKET_WORD = /^[A-Za-z]+-\d+$/;

/** `1001` or `TKT-1001` (any letters) → 1001. */
export function parseTicketNumber(text: string): number | undefined {
  const m = /^(?:[A-Za-z]+-)?(\d+)$/.exec(text);
  const n = Number(m?.[1]);
  return m && Number.isSafeInteger(n) ? n : undefined;
}

/** A whole number ≥ 0 (`escalation: 2`). */
export function parseCount(text: string): number | undefined {
  const n = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(n) ? n : undefined;
}

/** A finite decimal (custom number fields): `-1.5`, `42`, `1e+21`; what `String(n)` writes parses back. */
export function parseDecimal(text: string): number | undefined {
  const n = Number(text);
  return /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text) && Number.isFinite(n) ? n : undefined;
}

/** Booleans of custom fields. */
export function parseBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "yes") return true;
  if (lower === "false" || lower === "no") return false;
  return undefined;
}
