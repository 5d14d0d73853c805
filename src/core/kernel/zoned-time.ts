/**
 * Calendar arithmetic in an IANA time zone without a dependency: local
 * midnights, week/month/year starts. Correct across DST changes because every
 * local time is converted by asking Intl for the zone's offset at that instant.
 */

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function parts(instant: Date, timeZone: string) {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The local calendar date of `instant` in the zone. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const p = parts(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/**
 * The instant of local wall-clock time `date` + `minutes` after midnight. A
 * time skipped by a DST jump resolves to the instant just after the jump.
 */
export function zonedInstant(date: LocalDate, timeZone: string, minutes = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  // The instant lies within [wall - 14 h, wall + 12 h] (the extreme offsets). Offsets read every
  // 12 h from 14 h before that window to 12 h after it bracket any DST change near it — also for
  // zones more than 12 h ahead of UTC (Pacific/Chatham, +13:45), where half a day either side of
  // `wall` read as UTC does not.
  const candidates = new Set<number>();
  for (let h = -26; h <= 24; h += 12) candidates.add(wall - zoneOffsetMs(new Date(wall + h * 3_600_000), timeZone));
  const all = [...candidates];
  const valid = all.filter((c) => c + zoneOffsetMs(new Date(c), timeZone) === wall);
  // Ambiguous (clocks fall back): the first occurrence. Skipped (clocks spring forward): after the jump.
  return new Date(valid.length > 0 ? Math.min(...valid) : Math.max(...all));
}

/** `date` moved by whole days, months or years on the calendar (day clamped to the month's end). */
export function addLocal(date: LocalDate, amount: number, unit: "day" | "month" | "year"): LocalDate {
  if (unit === "day") {
    const d = new Date(Date.UTC(date.year, date.month - 1, date.day + amount));
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  const months = date.year * 12 + (date.month - 1) + (unit === "month" ? amount : amount * 12);
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, last) };
}

/** Monday of the ISO week that contains `date`. */
export function weekStart(date: LocalDate): LocalDate {
  const dow = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return addLocal(date, -((dow + 6) % 7), "day");
}
