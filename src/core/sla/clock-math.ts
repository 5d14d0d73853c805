/**
 * Pure SLA clock transitions. A clock counts `consumedMs` of (business or
 * calendar) time up to `resumedAt`; while running, the time since `resumedAt`
 * counts too. `dueAt` and `warnAt` are derived when running and null while
 * paused or stopped. Nothing here reads the system time.
 */
import { addBusinessTime, businessTimeBetween, type Calendar } from "../calendars/index.js";

export type ClockState = "running" | "paused" | "stopped";

export interface ClockTimes {
  state: ClockState;
  targetMs: number;
  business: boolean;
  startedAt: Date;
  resumedAt: Date;
  consumedMs: number;
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  metAt: Date | null;
  escalationLevel: number;
}

/** How a clock measures time: a calendar for business targets; none for calendar hours. */
export interface Measure {
  calendar: Calendar | null;
  warningShare: number;
}

function add(m: Measure, business: boolean, at: Date, ms: number): Date {
  if (!business || !m.calendar) return new Date(at.getTime() + ms);
  return addBusinessTime(m.calendar, at, ms);
}

/** Time counted between two moments, in the clock's measure. */
export function elapsed(m: Measure, business: boolean, a: Date, b: Date): number {
  if (b.getTime() <= a.getTime()) return 0;
  if (!business || !m.calendar) return b.getTime() - a.getTime();
  return businessTimeBetween(m.calendar, a, b);
}

/** Due and warning moments of a running clock from `resumedAt`. */
function derive(c: ClockTimes, m: Measure): Pick<ClockTimes, "dueAt" | "warnAt"> {
  const left = c.targetMs - c.consumedMs;
  // Past due already (e.g. retargeted below the time spent): due now-ish, at the resume moment.
  const dueAt = left <= 0 ? c.resumedAt : add(m, c.business, c.resumedAt, left);
  let warnAt: Date | null = null;
  if (!c.warnedAt && !c.breachedAt) {
    const warnLeft = Math.round(c.targetMs * m.warningShare) - c.consumedMs;
    warnAt = warnLeft <= 0 ? c.resumedAt : add(m, c.business, c.resumedAt, warnLeft);
  }
  return { dueAt, warnAt };
}

export function startClock(m: Measure, at: Date, targetMs: number, business: boolean, running = true): ClockTimes {
  const c: ClockTimes = {
    state: running ? "running" : "paused",
    targetMs,
    business,
    startedAt: at,
    resumedAt: at,
    consumedMs: 0,
    dueAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    metAt: null,
    escalationLevel: 0,
  };
  return running ? { ...c, ...derive(c, m) } : c;
}

/** Stops counting at `at` (status in the pause set). */
export function pauseClock(c: ClockTimes, m: Measure, at: Date): ClockTimes {
  if (c.state !== "running") return c;
  const consumedMs = c.consumedMs + elapsed(m, c.business, c.resumedAt, at);
  return { ...c, state: "paused", consumedMs, resumedAt: at, dueAt: null, warnAt: null };
}

/** Counts again from `at`; a stopped clock (resolved, then reopened) resumes too, no longer met. */
export function resumeClock(c: ClockTimes, m: Measure, at: Date): ClockTimes {
  if (c.state === "running") return c;
  const next: ClockTimes = { ...c, state: "running", resumedAt: at, metAt: null };
  return { ...next, ...derive(next, m) };
}

/** The target was met (or no longer applies) at `at`: the clock stops for good unless resumed. */
export function stopClock(c: ClockTimes, m: Measure, at: Date, met: boolean): ClockTimes {
  if (c.state === "stopped") return c;
  const consumedMs = c.state === "running" ? c.consumedMs + elapsed(m, c.business, c.resumedAt, at) : c.consumedMs;
  // A clock stopping after its due moment that the scheduler has not seen yet is still breached.
  const late = c.state === "running" && c.dueAt !== null && at.getTime() > c.dueAt.getTime();
  return {
    ...c,
    state: "stopped",
    consumedMs,
    resumedAt: at,
    dueAt: null,
    warnAt: null,
    metAt: met ? at : null,
    breachedAt: c.breachedAt ?? (late ? c.dueAt : null),
  };
}

/** A new target (policy or priority changed): time already spent stays spent. */
export function retargetClock(c: ClockTimes, m: Measure, at: Date, targetMs: number, business: boolean): ClockTimes {
  if (c.targetMs === targetMs && c.business === business) return c;
  // Bank the running segment in the old measure, then continue in the new one.
  const banked = c.state === "running" ? pauseClock(c, m, at) : c;
  const next: ClockTimes = { ...banked, targetMs, business, state: c.state, resumedAt: at };
  if (next.state !== "running") return next;
  const breachedAt = next.breachedAt && next.consumedMs < targetMs ? null : next.breachedAt;
  const base = { ...next, breachedAt };
  return { ...base, ...derive(base, m) };
}

/**
 * The next moment the scheduler must look at the clock: its warning, its
 * breach, or (once breached) the next escalation level's threshold.
 */
export function nextCheck(c: ClockTimes, escalationOffsetsMin: readonly number[]): Date | null {
  if (c.state !== "running") return null;
  const candidates: number[] = [];
  if (c.warnAt && !c.warnedAt) candidates.push(c.warnAt.getTime());
  if (c.dueAt && !c.breachedAt) candidates.push(c.dueAt.getTime());
  if (c.breachedAt) {
    const next = escalationOffsetsMin[c.escalationLevel];
    if (next !== undefined) candidates.push(c.breachedAt.getTime() + next * 60_000);
  }
  return candidates.length === 0 ? null : new Date(Math.min(...candidates));
}
