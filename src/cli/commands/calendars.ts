import { readFileSync } from "node:fs";
import { DomainError, type OpenRange, type StoredCalendar, WEEKDAYS } from "../../lib/index.js";
import type { CommandContext } from "../context.js";
import { table } from "../output.js";

type Weekday = (typeof WEEKDAYS)[number];
type Week = Record<Weekday, OpenRange[]>;

const bad = (code: string, field: string, message: string) => new DomainError("validation", code, message, field);

const DAY_WORDS: Record<string, Weekday[]> = {
  weekdays: ["mon", "tue", "wed", "thu", "fri"],
  weekends: ["sat", "sun"],
  daily: [...WEEKDAYS],
};

const FULL_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** `mon`, `Monday`, `tues`, `thurs`: any start of the English name of at least three letters. */
function weekday(word: string, spec: string): Weekday {
  const lower = word.toLowerCase();
  const i = lower.length >= 3 ? FULL_NAMES.findIndex((n) => n.startsWith(lower)) : -1;
  if (i < 0) throw bad("cli.bad_hours", "hours", `--hours "${spec}": "${word}" is not a weekday (mon, tue, … sun).`);
  return WEEKDAYS[i] as Weekday;
}

/** `mon-fri`, `sat,sun`, `fri-mon` (wraps), `weekdays`, `weekends`, `daily`. */
function parseDays(text: string, spec: string): Weekday[] {
  const days: Weekday[] = [];
  for (const part of text.split(",").filter(Boolean)) {
    const named = DAY_WORDS[part.toLowerCase()];
    if (named) {
      days.push(...named);
      continue;
    }
    const [from, to, ...rest] = part.split("-");
    if (rest.length > 0 || from === undefined) {
      throw bad("cli.bad_hours", "hours", `--hours "${spec}": "${part}" is not a day or a range of days.`);
    }
    const a = WEEKDAYS.indexOf(weekday(from, spec));
    const b = to === undefined ? a : WEEKDAYS.indexOf(weekday(to, spec));
    for (let i = a; ; i = (i + 1) % 7) {
      days.push(WEEKDAYS[i] as Weekday);
      if (i === b) break;
    }
  }
  return days;
}

/** `9:00` → `09:00`; anything else stays as written for the engine to judge. */
const clock = (t: string) => (/^\d:\d\d$/.test(t) ? `0${t}` : t);

/** `09:00-12:00,13:00-17:00`, or `closed`. */
function parseRanges(text: string, spec: string): OpenRange[] {
  if (text.toLowerCase() === "closed") return [];
  return text
    .split(",")
    .filter(Boolean)
    .map((part) => {
      const m = /^(\d{1,2}:\d\d)-(\d{1,2}:\d\d)$/.exec(part);
      if (!m) {
        throw bad(
          "cli.bad_hours",
          "hours",
          `--hours "${spec}": "${part}" is not a range of times like 09:00-17:00 (22:00-06:00 runs past midnight).`,
        );
      }
      return { start: clock(m[1] ?? ""), end: clock(m[2] ?? "") };
    });
}

/**
 * A week from `--hours` specs, each `<days> <ranges>` (several per flag separated by `;`):
 * `"mon-fri 09:00-17:00"`, `"mon-thu 09:00-12:00,13:00-17:00; fri 09:00-13:00"`,
 * `"daily 00:00-24:00"`, `"sat closed"`. Days not named are closed; a later spec for the same
 * day replaces the earlier one.
 */
export function parseHours(specs: readonly string[]): Week {
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as Week;
  for (const spec of specs.flatMap((s) => s.split(";"))) {
    const words = spec.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    if (words.length !== 2) {
      throw bad(
        "cli.bad_hours",
        "hours",
        `--hours "${spec.trim()}": write days then times, e.g. "mon-fri 09:00-17:00" or "sat 10:00-14:00".`,
      );
    }
    const [days = "", ranges = ""] = words;
    const open = parseRanges(ranges, spec.trim());
    for (const d of parseDays(days, spec.trim())) week[d] = open;
  }
  return week;
}

/** The week as `--hours` would write it: `mon-fri 09:00-17:00; sat 10:00-14:00` (closed days left out). */
export function formatHours(hours: Readonly<Record<Weekday, readonly OpenRange[]>>): string {
  const text = (d: Weekday) => hours[d].map((r) => `${r.start}-${r.end}`).join(",");
  const groups: { from: number; to: number; ranges: string }[] = [];
  WEEKDAYS.forEach((d, i) => {
    const ranges = text(d);
    const last = groups[groups.length - 1];
    if (last && last.to === i - 1 && last.ranges === ranges) last.to = i;
    else groups.push({ from: i, to: i, ranges });
  });
  const out = groups
    .filter((g) => g.ranges !== "")
    .map((g) => `${WEEKDAYS[g.from]}${g.to > g.from ? `-${WEEKDAYS[g.to]}` : ""} ${g.ranges}`);
  return out.length > 0 ? out.join("; ") : "never open";
}

function readText(path: string, field: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw bad("cli.unreadable_file", field, `${field}: cannot read ${path}: ${why}.`);
  }
}

function readJson(path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readText(path, "file"));
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw bad("cli.bad_file", "file", `--file ${path}: not JSON (${(err as Error).message}).`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw bad("cli.bad_file", "file", `--file ${path}: expected a JSON object like {"timeZone": …, "hours": …}.`);
  }
  return value as Record<string, unknown>;
}

const summary = (c: StoredCalendar) => {
  const rows = [
    ["Time zone", c.timeZone],
    ["Hours", formatHours(c.hours)],
    ["Holidays", String(c.holidays.length)],
    ["Default", c.isDefault ? "yes" : "no"],
  ];
  return rows.map(([k, v]) => `  ${k?.padEnd(10)} ${v}`).join("\n");
};

/** `helpline calendars list`: every calendar, the default first. */
export async function calendarsList(ctx: CommandContext): Promise<void> {
  const page = await ctx.withDesk((desk) => desk.calendars.list());
  ctx.out.result(page, () => {
    if (page.items.length === 0) {
      return 'No calendars yet (SLA times use Mon–Fri 09:00–17:00 in the workspace time zone): helpline calendars create "Office hours" --tz Europe/Berlin --hours "mon-fri 09:00-17:00"';
    }
    const rows = page.items.map((c) => [
      c.name,
      c.isDefault ? "yes" : "",
      c.timeZone,
      formatHours(c.hours),
      c.holidays.length,
    ]);
    return table(["NAME", "DEFAULT", "TIME ZONE", "HOURS", "HOLIDAYS"], rows, 60);
  });
}

export interface CreateOptions {
  tz?: string;
  hours?: string[];
  file?: string;
  default?: boolean;
}

/** `helpline calendars create <name> [--tz <zone>] [--hours <spec>]… [--file <calendar.json>] [--default]`. */
export async function calendarsCreate(ctx: CommandContext, name: string, o: CreateOptions): Promise<void> {
  const file = o.file ? readJson(o.file) : {};
  const input = {
    ...file,
    name,
    ...(o.tz ? { timeZone: o.tz } : {}),
    ...(o.hours && o.hours.length > 0 ? { hours: parseHours(o.hours) } : {}),
    ...(o.default ? { isDefault: true } : {}),
  };
  const calendar = await ctx.withDesk((desk) => desk.calendars.create(input as { name: string }));
  ctx.out.result(calendar, () => `Created calendar "${calendar.name}"\n${summary(calendar)}`);
}

/** `helpline calendars import-holidays <name> <file.ics> [--replace]`. */
export async function calendarsImportHolidays(
  ctx: CommandContext,
  ref: string,
  path: string,
  o: { replace?: boolean },
): Promise<void> {
  const ics = readText(path, "file");
  const result = await ctx.withDesk((desk) => desk.calendars.importHolidays(ref, ics, { replace: o.replace === true }));
  ctx.out.result(result, () => {
    const lines = [
      `${result.calendar.name}: ${result.added} holidays added, ${result.skipped} already there` +
        (o.replace ? `, ${result.removed} removed` : "") +
        ` (${result.calendar.holidays.length} in all)`,
    ];
    if (result.warnings.length > 0) {
      lines.push(`${result.warnings.length} entries of ${path} were not imported:`);
      lines.push(...result.warnings.slice(0, 20).map((w) => `  line ${w.line}: ${w.reason}`));
      if (result.warnings.length > 20) lines.push(`  … and ${result.warnings.length - 20} more (see --json)`);
    }
    return lines.join("\n");
  });
}
