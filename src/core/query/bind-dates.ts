/**
 * Dates of the query language as instants: every date expression denotes an
 * interval `[from, to)` in the workspace's time zone, and comparators pick
 * its ends (`created: > 2026-01-01` = from the day after; `<= 2026-01-01` =
 * up to that day's end).
 */
import type { Comparator, DateExpr, Operand } from "../../../common/query/ast.js";
import { addLocal, type LocalDate, localDate, weekStart, zonedInstant } from "../kernel/index.js";

export interface Interval {
  from: Date;
  to: Date;
}

export interface DateEnv {
  now: Date;
  timeZone: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayInterval(day: LocalDate, days: number, env: DateEnv): Interval {
  return { from: zonedInstant(day, env.timeZone), to: zonedInstant(addLocal(day, days, "day"), env.timeZone) };
}

/** Wall-clock text without an offset (`2026-01-31T10:00`) is read in the workspace's zone. */
function instantInterval(text: string, env: DateEnv): Interval | null {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?/.exec(text);
  if (!m) return null;
  const precision = m[6] === undefined ? 60_000 : 1000;
  let from: Date;
  if (hasZone) from = new Date(text);
  else {
    const minutes = Number(m[4]) * 60 + Number(m[5]);
    from = new Date(
      zonedInstant({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, env.timeZone, minutes).getTime() +
        Number(m[6] ?? 0) * 1000,
    );
  }
  if (Number.isNaN(from.getTime())) return null;
  return { from, to: new Date(from.getTime() + precision) };
}

/** The interval a date expression denotes, or null when the text is not a date. */
export function dateInterval(expr: DateExpr, env: DateEnv): Interval | null {
  const today = localDate(env.now, env.timeZone);
  switch (expr.kind) {
    case "absolute": {
      const d = DAY_RE.exec(expr.text);
      if (d) return dayInterval({ year: Number(d[1]), month: Number(d[2]), day: Number(d[3]) }, 1, env);
      return instantInterval(expr.text, env);
    }
    case "day":
      return dayInterval(addLocal(today, expr.offsetDays, "day"), 1, env);
    case "period": {
      if (expr.unit === "week") return dayInterval(addLocal(weekStart(today), 7 * expr.offset, "day"), 7, env);
      const first: LocalDate = expr.unit === "month" ? { ...today, day: 1 } : { year: today.year, month: 1, day: 1 };
      const start = addLocal(first, expr.offset, expr.unit);
      const end = addLocal(start, 1, expr.unit);
      return { from: zonedInstant(start, env.timeZone), to: zonedInstant(end, env.timeZone) };
    }
    case "ago":
      return { from: new Date(env.now.getTime() - expr.ms), to: env.now };
    case "ahead":
      return { from: env.now, to: new Date(env.now.getTime() + expr.ms) };
  }
}

/** `[from, to)` bounds (null = open) a comparison against a date operand selects. */
export function dateBounds(
  op: Comparator,
  operand: Operand,
  env: DateEnv,
): { from: Date | null; to: Date | null } | null {
  if (operand.type === "range") {
    if (operand.from.type !== "date" || operand.to.type !== "date") return null;
    const a = dateInterval(operand.from.value, env);
    const b = dateInterval(operand.to.value, env);
    return a && b ? { from: a.from, to: b.to } : null;
  }
  if (operand.type !== "date") return null;
  const i = dateInterval(operand.value, env);
  if (!i) return null;
  // `-48h` / `+2h` compared: against the far instant (`created: < -48h` = older than 48 hours).
  const kind = operand.value.kind;
  if (op !== "=" && (kind === "ago" || kind === "ahead")) {
    const point = kind === "ago" ? i.from : i.to;
    return op === "<" || op === "<=" ? { from: null, to: point } : { from: point, to: null };
  }
  switch (op) {
    case "=":
      return { from: i.from, to: i.to };
    case "<":
      return { from: null, to: i.from };
    case "<=":
      return { from: null, to: i.to };
    case ">":
      return { from: i.to, to: null };
    case ">=":
      return { from: i.from, to: null };
  }
}

/** The same bounds as local calendar days (`YYYY-MM-DD`, to exclusive), for date custom fields. */
export function dayBounds(bounds: { from: Date | null; to: Date | null }, env: DateEnv) {
  const day = (d: Date | null) => {
    if (!d) return null;
    const l = localDate(d, env.timeZone);
    return `${l.year}-${String(l.month).padStart(2, "0")}-${String(l.day).padStart(2, "0")}`;
  };
  return { from: day(bounds.from), to: day(bounds.to) };
}
