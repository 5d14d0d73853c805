import { addLocal, localDate, zonedInstant, zoneOffsetMs } from "../kernel/index.js";

/** Quiet hours as stored: local wall-clock times "HH:MM"; start after end wraps midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/**
 * When the quiet hours `now` falls in end, or null when `now` is outside them
 * (or there are none). Times are wall-clock times in `timeZone`, so "22:00–07:00"
 * stays 22:00–07:00 across DST changes; an end time skipped by a DST jump moves
 * forward with the clocks (02:30 on a spring-forward night ends at 03:30). Equal start and end mean no quiet hours.
 */
export function quietUntil(now: Date, quietHours: QuietHours | null, timeZone: string): Date | null {
  if (!quietHours) return null;
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === null || end === null || start === end) return null;
  const local = new Date(now.getTime() + zoneOffsetMs(now, timeZone));
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const today = localDate(now, timeZone);
  let endDate = null;
  if (start < end) {
    if (minute >= start && minute < end) endDate = today;
  } else if (minute >= start) {
    endDate = addLocal(today, 1, "day");
  } else if (minute < end) {
    endDate = today;
  }
  if (!endDate) return null;
  const until = zonedInstant(endDate, timeZone, end);
  return until.getTime() > now.getTime() ? until : null;
}
