import type { Level, TicketStatus } from "../../common/enums.js";

export const STATUS_LABEL: Record<TicketStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  on_hold: "On hold",
  review: "Review",
  pending_customer: "Waiting on customer",
  resolved: "Resolved",
  closed: "Closed",
  cancelled: "Cancelled",
};

export const STATUS_COLOR: Record<TicketStatus, string> = {
  open: "blue",
  in_progress: "indigo",
  on_hold: "gray",
  review: "grape",
  pending_customer: "yellow",
  resolved: "teal",
  closed: "dark",
  cancelled: "gray",
};

export const LEVEL_LABEL: Record<Level, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };
/** Subtle priority colours: only critical and high draw the eye. */
export const LEVEL_COLOR: Record<Level, string> = { critical: "red", high: "orange", medium: "blue", low: "gray" };

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 hours ago", "in 2 days", "now". */
export function relativeTime(iso: string | Date, now = Date.now()): string {
  const t = typeof iso === "string" ? Date.parse(iso) : iso.getTime();
  const diff = t - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return "now";
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** "2 h 05 m", "3 d 4 h", "-45 m" (overdue): a countdown for SLA clocks. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  if (d > 0) return `${sign}${d} d ${h} h`;
  if (h > 0) return `${sign}${h} h ${String(m).padStart(2, "0")} m`;
  return `${sign}${m} m ${String(s - m * 60).padStart(2, "0")} s`;
}
