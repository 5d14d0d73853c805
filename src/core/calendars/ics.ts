/**
 * A small, forgiving iCalendar (RFC 5545) reader for holiday feeds: it turns VEVENTs into
 * calendar holidays and reports, with a line number and a reason, whatever it could not use.
 *
 * - Lines end in CRLF, LF or CR; folded lines (continued by a leading space or tab) are unfolded
 *   and reported by the line they start on. A byte-order mark is ignored.
 * - DTSTART;VALUE=DATE:20261225, DTSTART:20261225T000000Z and DTSTART;TZID=…:20261225T090000 all
 *   give the date as written (a date-time's own date, UTC for "Z" values).
 * - DTEND is exclusive: 20261224–20261227 gives the 24th, 25th and 26th. A date-time DTEND at
 *   midnight is exclusive too; at any other time its date is included. A DURATION of whole days
 *   or weeks works the same way. No DTEND, or one not after DTSTART, means a single day.
 * - SUMMARY (unescaped, whitespace collapsed) becomes the holiday's name.
 * - RRULE:FREQ=YEARLY (optionally with INTERVAL=1, WKST and a BYMONTH/BYMONTHDAY equal to
 *   DTSTART's) becomes a `yearly` holiday; with COUNT or UNTIL it becomes the single dates of
 *   its occurrences (29 February only in leap years). Any other rule keeps only the DTSTART
 *   occurrence and is reported in `skipped`.
 * - Cancelled events, events without a usable DTSTART, events longer than 366 days, non-event
 *   components (VTODO, VJOURNAL, …), EXDATE/RDATE and lines that are not `NAME:value` are
 *   reported in `skipped`. Duplicate holidays are kept once (the first name wins).
 */
import { addLocal, type LocalDate } from "../kernel/index.js";
import { type Holiday, isIsoDate, MAX_HOLIDAY_NAME } from "./calendar.js";

export interface IcsImport {
  holidays: Holiday[];
  skipped: { line: number; reason: string }[];
}

interface ContentLine {
  line: number;
  name: string;
  params: Record<string, string>;
  value: string;
}

interface EventDraft {
  line: number;
  props: Map<string, ContentLine>;
}

interface IcsDate {
  date: LocalDate;
  /** true when the value had a time of day other than 00:00:00 */
  timed: boolean;
}

const MAX_EVENT_DAYS = 366;
const MAX_OCCURRENCES = 200;
const IGNORED_COMPONENTS = new Set(["VCALENDAR", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM"]);
const YEARLY_PARTS = new Set(["FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "WKST", "COUNT", "UNTIL"]);

function unfold(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const last = out[out.length - 1];
      if (last && (raw.startsWith(" ") || raw.startsWith("\t"))) last.text += raw.slice(1);
      else out.push({ line: i + 1, text: raw });
    });
  return out.filter((l) => l.text.trim() !== "");
}

function parseContentLine(line: number, text: string): ContentLine | undefined {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ":" && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return undefined;
  const [name = "", ...paramParts] = text.slice(0, colon).split(";");
  if (!/^[A-Za-z0-9-]+$/.test(name.trim())) return undefined;
  const params: Record<string, string> = {};
  for (const p of paramParts) {
    const eq = p.indexOf("=");
    if (eq > 0) params[p.slice(0, eq).trim().toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, "");
  }
  return { line, name: name.trim().toUpperCase(), params, value: text.slice(colon + 1).trim() };
}

function parseIcsDate(value: string): IcsDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/i.exec(value);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isIsoDate(iso)) return undefined;
  const timed = m[4] !== undefined && `${m[4]}${m[5]}${m[6]}` !== "000000";
  return { date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, timed };
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: LocalDate) => `${String(d.year).padStart(4, "0")}-${pad(d.month)}-${pad(d.day)}`;
const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

function unescapeText(value: string): string {
  return value
    .replace(/\\([nN]|[\\;,])/g, (_, c: string) => (c === "n" || c === "N" ? " " : c))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_HOLIDAY_NAME)
    .trim();
}

/** How many days the event covers, or a reason it cannot be read. */
function eventDays(start: IcsDate, ev: EventDraft): number | { line: number; reason: string } {
  const dtend = ev.props.get("DTEND");
  const duration = ev.props.get("DURATION");
  if (dtend) {
    const end = parseIcsDate(dtend.value);
    if (!end) return { line: dtend.line, reason: `DTEND "${dtend.value}" is not a date` };
    return Math.max(1, dayNumber(end.date) - dayNumber(start.date) + (end.timed ? 1 : 0));
  }
  if (duration) {
    const m = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/i.exec(duration.value);
    if (!m || duration.value.length < 3)
      return { line: duration.line, reason: `DURATION "${duration.value}" is not a duration` };
    return Math.max(1, Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0));
  }
  return 1;
}

/** A plain yearly repeat of this start date: its parts, or undefined when the rule is something else. */
function yearlyRule(value: string, start: LocalDate): Map<string, string> | undefined {
  const parts = new Map<string, string>();
  for (const part of value.split(";")) {
    const [k = "", v = ""] = part.split("=");
    parts.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  if (parts.get("FREQ") !== "YEARLY") return undefined;
  if ([...parts.keys()].some((k) => !YEARLY_PARTS.has(k))) return undefined;
  if ((parts.get("INTERVAL") ?? "1") !== "1") return undefined;
  if (parts.has("BYMONTH") && Number(parts.get("BYMONTH")) !== start.month) return undefined;
  if (parts.has("BYMONTHDAY") && Number(parts.get("BYMONTHDAY")) !== start.day) return undefined;
  if (parts.has("COUNT") && !/^\d+$/.test(parts.get("COUNT") ?? "")) return undefined;
  if (parts.has("UNTIL") && !parseIcsDate(parts.get("UNTIL") ?? "")) return undefined;
  return parts;
}

/** Start dates of a bounded yearly rule (COUNT or UNTIL), skipping years without the date. */
function occurrences(start: LocalDate, rule: Map<string, string>): LocalDate[] {
  const count = rule.has("COUNT") ? Number(rule.get("COUNT")) : Number.POSITIVE_INFINITY;
  const until = parseIcsDate(rule.get("UNTIL") ?? "");
  const out: LocalDate[] = [];
  for (let y = start.year; out.length < Math.min(count, MAX_OCCURRENCES) && y < start.year + 4 * MAX_OCCURRENCES; y++) {
    const d = { year: y, month: start.month, day: start.day };
    if (until && dayNumber(d) > dayNumber(until.date)) break;
    if (isIsoDate(iso(d))) out.push(d);
  }
  return out;
}

/** Where the event starts and how many days it covers, or why it cannot become a holiday. */
function eventDates(ev: EventDraft): { start: IcsDate; days: number } | { line: number; reason: string } {
  const dtstart = ev.props.get("DTSTART");
  if (!dtstart) return { line: ev.line, reason: "VEVENT without DTSTART" };
  const start = parseIcsDate(dtstart.value);
  if (!start) {
    return { line: dtstart.line, reason: `DTSTART "${dtstart.value}" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS)` };
  }
  if (ev.props.get("STATUS")?.value.toUpperCase() === "CANCELLED") return { line: ev.line, reason: "cancelled event" };
  const days = eventDays(start, ev);
  if (typeof days !== "number") return days;
  if (days > MAX_EVENT_DAYS) {
    return { line: ev.line, reason: `event spans ${days} days; more than ${MAX_EVENT_DAYS} is not a holiday` };
  }
  return { start, days };
}

function readEvent(ev: EventDraft, add: (h: Holiday) => void, skip: (line: number, reason: string) => void): void {
  const dates = eventDates(ev);
  if ("reason" in dates) {
    skip(dates.line, dates.reason);
    return;
  }
  const { start, days } = dates;
  const summary = ev.props.get("SUMMARY");
  const name = summary ? unescapeText(summary.value) : "";
  const named = name ? { name } : {};
  const span = (from: LocalDate) => Array.from({ length: days }, (_, i) => addLocal(from, i, "day"));

  for (const key of ["EXDATE", "RDATE"]) {
    const p = ev.props.get(key);
    if (p) skip(p.line, `${key} is not supported; ignored`);
  }
  const rrule = ev.props.get("RRULE");
  const rule = rrule ? yearlyRule(rrule.value, start.date) : undefined;
  if (rrule && !rule) {
    skip(rrule.line, `RRULE "${rrule.value}" is not a plain yearly repeat; imported only ${iso(start.date)}`);
  }
  if (rule && !rule.has("COUNT") && !rule.has("UNTIL")) {
    for (const d of span(start.date)) add({ yearly: iso(d).slice(5), ...named });
    return;
  }
  for (const from of rule ? occurrences(start.date, rule) : [start.date]) {
    for (const d of span(from)) add({ date: iso(d), ...named });
  }
}

/** Holidays from an iCalendar feed, and what was skipped and why. Never throws on bad input. */
export function parseIcsHolidays(text: string): IcsImport {
  const holidays: Holiday[] = [];
  const skipped: { line: number; reason: string }[] = [];
  const seen = new Set<string>();
  const add = (h: Holiday) => {
    const key = "date" in h ? `d${h.date}` : `y${h.yearly}`;
    if (seen.has(key)) return;
    seen.add(key);
    holidays.push(h);
  };
  const skip = (line: number, reason: string) => {
    skipped.push({ line, reason });
  };

  const stack: string[] = [];
  let event: EventDraft | undefined;
  let events = 0;
  for (const { line, text: raw } of unfold(text)) {
    const cl = parseContentLine(line, raw);
    if (!cl) {
      skip(line, "not an iCalendar content line (NAME:value)");
      continue;
    }
    if (cl.name === "BEGIN") {
      const component = cl.value.toUpperCase();
      if (component === "VEVENT" && !stack.includes("VEVENT")) {
        event = { line, props: new Map() };
        events++;
      } else if (!IGNORED_COMPONENTS.has(component) && !stack.includes("VEVENT")) {
        skip(line, `${component} is not an event; only VEVENT becomes a holiday`);
      }
      stack.push(component);
    } else if (cl.name === "END") {
      const component = cl.value.toUpperCase();
      if (stack[stack.length - 1] !== component) {
        skip(line, `END:${component} does not close ${stack[stack.length - 1] ?? "anything"}`);
        continue;
      }
      stack.pop();
      if (component === "VEVENT" && event) {
        readEvent(event, add, skip);
        event = undefined;
      }
    } else if (event && stack[stack.length - 1] === "VEVENT" && !event.props.has(cl.name)) {
      event.props.set(cl.name, cl);
    }
  }
  if (event) skip(event.line, "VEVENT is not closed by END:VEVENT");
  if (events === 0 && text.trim() !== "") skip(1, "no VEVENT found");
  return { holidays, skipped };
}
