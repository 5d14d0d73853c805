import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zoneOffsetMs } from "../kernel/index.js";
import { addBusinessTime, businessTimeBetween, isOpen, nextOpenMoment } from "./business-time.js";
import { ALWAYS_OPEN, type Calendar, type Holiday, type OpenRange, WEEKDAYS } from "./calendar.js";

const H = 3_600_000;
const DAY = 86_400_000;
const RUNS = { numRuns: 150 };

/** UTC, zones with DST in either hemisphere, a 30-minute DST, DST at midnight, odd offsets. */
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "America/Santiago",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Chatham",
];

/** Days near DST changes in those zones in 2026–2027. */
const DST_DAYS = [
  "2026-03-08",
  "2026-03-29",
  "2026-04-05",
  "2026-04-04",
  "2026-09-06",
  "2026-09-27",
  "2026-10-04",
  "2026-10-25",
  "2026-11-01",
  "2027-03-14",
  "2027-03-28",
  "2027-04-04",
  "2027-09-05",
  "2027-10-31",
  "2027-11-07",
].map((d) => Date.parse(`${d}T00:00:00Z`));

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A range of 30 minutes to almost a day, any minute, possibly across midnight. */
const range: fc.Arbitrary<OpenRange> = fc
  .record({ start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 30, max: 1439 }) })
  .chain(({ start, length }) => {
    const end = (start + length) % 1440;
    return fc
      .constantFrom(...(end === 0 ? ["00:00", "24:00"] : [hhmm(end)]))
      .map((e) => ({ start: hhmm(start), end: e }));
  });

/** A week of ranges, weekday i (0 = Monday) from `f(i)`. */
const weekOf = (f: (i: number) => readonly OpenRange[]): Calendar["hours"] => ({
  mon: f(0),
  tue: f(1),
  wed: f(2),
  thu: f(3),
  fri: f(4),
  sat: f(5),
  sun: f(6),
});

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const holiday: fc.Arbitrary<Holiday> = fc.oneof(
  fc.integer({ min: FROM, max: TO - 1 }).map((t) => ({ date: isoDay(t) })),
  fc.integer({ min: 0, max: 365 }).map((d) => ({ yearly: isoDay(Date.UTC(2024, 0, 1) + d * DAY).slice(5) })),
);

/** Random calendars, built directly (ranges on one day may overlap: the arithmetic unions them). */
const calendar: fc.Arbitrary<Calendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.array(fc.array(range, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
    holidays: fc.array(holiday, { maxLength: 6 }),
  })
  .map(({ timeZone, days, holidays }) => {
    if (days.every((d) => d.length === 0)) days[0] = [{ start: "09:00", end: "17:00" }];
    return { timeZone, hours: weekOf((i) => days[i] ?? []), holidays };
  });

/** Instants over 2026–2027, often within three days of a DST change; whole minutes or any millisecond. */
const instant: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => m * 60_000),
  fc
    .record({ day: fc.constantFrom(...DST_DAYS), offset: fc.integer({ min: -3 * DAY, max: 3 * DAY }) })
    .map(({ day, offset }) => day + offset),
);

const duration = fc.oneof(
  fc.integer({ min: -40 * H, max: 40 * H }),
  fc.integer({ min: -2400, max: 2400 }).map((m) => m * 60_000),
);

const between = (cal: Calendar, a: number, b: number) => businessTimeBetween(cal, new Date(a), new Date(b));
const add = (cal: Calendar, s: number, d: number) => addBusinessTime(cal, new Date(s), d).getTime();

describe("business-time properties", () => {
  it("measures back exactly the time it added, and lands on the nearest such instant", () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, s, d) => {
        const r = add(cal, s, d);
        expect(between(cal, s, r)).toBe(d);
        if (d > 0) expect(between(cal, s, r - 1)).toBe(d - 1);
        if (d < 0) expect(between(cal, s, r + 1)).toBe(d + 1);
      }),
      RUNS,
    );
  });

  it("is monotonic in the duration", () => {
    fc.assert(
      fc.property(calendar, instant, duration, duration, (cal, s, d1, d2) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(add(cal, s, lo)).toBeLessThanOrEqual(add(cal, s, hi));
      }),
      RUNS,
    );
  });

  it("opens at the next open moment, with no open time before it", () => {
    fc.assert(
      fc.property(calendar, instant, (cal, x) => {
        const next = nextOpenMoment(cal, new Date(x));
        expect(isOpen(cal, next)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(x);
        expect(between(cal, x, next.getTime())).toBe(0);
        expect(next.getTime() === x).toBe(isOpen(cal, new Date(x)));
      }),
      RUNS,
    );
  });

  it("adds up over consecutive intervals, in any order", () => {
    const near = fc.integer({ min: -20 * DAY, max: 20 * DAY });
    fc.assert(
      fc.property(calendar, instant, near, near, (cal, a, x, y) => {
        const b = a + x;
        const c = a + y;
        expect(between(cal, a, b) + between(cal, b, c)).toBe(between(cal, a, c));
        expect(between(cal, b, a) + between(cal, a, b)).toBe(0);
      }),
      RUNS,
    );
  });

  it("never counts more than the wall-clock difference", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 30 * DAY }), (cal, a, x) => {
        const open = between(cal, a, a + x);
        expect(open).toBeGreaterThanOrEqual(0);
        expect(open).toBeLessThanOrEqual(x);
      }),
      RUNS,
    );
  });

  it("is plain arithmetic for ALWAYS_OPEN in UTC", () => {
    fc.assert(
      fc.property(instant, instant, duration, (a, b, d) => {
        expect(add(ALWAYS_OPEN, a, d)).toBe(a + d);
        expect(between(ALWAYS_OPEN, a, b)).toBe(b - a);
        expect(isOpen(ALWAYS_OPEN, new Date(a))).toBe(true);
      }),
      RUNS,
    );
  });

  it("is plain arithmetic for a 24×7 calendar in any zone, DST days included", () => {
    const allDay = [{ start: "00:00", end: "24:00" }];
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, duration, (timeZone, s, d) => {
        const cal: Calendar = {
          timeZone,
          hours: weekOf(() => allDay),
          holidays: [],
        };
        expect(add(cal, s, d)).toBe(s + d);
        expect(between(cal, s, s + Math.abs(d))).toBe(Math.abs(d));
      }),
      RUNS,
    );
  });
});

/** The local wall-clock reading of `t`: date, weekday (0 = Monday) and minute of the day. */
function wall(t: number, timeZone: string, offset = zoneOffsetMs(new Date(t), timeZone)) {
  const local = new Date(t + offset);
  return {
    date: local.toISOString().slice(0, 10),
    weekday: (local.getUTCDay() + 6) % 7,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The calendar's definition read literally, away from DST changes: own ranges plus yesterday's overnight tails. */
function openByDefinition(cal: Calendar, t: number, offset?: number): boolean {
  const { date, weekday, minute } = wall(t, cal.timeZone, offset);
  if (cal.holidays.some((h) => ("date" in h ? h.date === date : h.yearly === date.slice(5)))) return false;
  const toMinutes = (v: string) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3));
  const today = cal.hours[WEEKDAYS[weekday] ?? "mon"];
  const yesterday = cal.hours[WEEKDAYS[(weekday + 6) % 7] ?? "mon"];
  const own = today.some((r) => {
    const [s, e] = [toMinutes(r.start), toMinutes(r.end)];
    return minute >= s && (e > s ? minute < e : true);
  });
  const tail = yesterday.some((r) => {
    const [s, e] = [toMinutes(r.start), toMinutes(r.end)];
    return e < s && minute < e;
  });
  return own || tail;
}

describe("business-time against the calendar's literal meaning", () => {
  it("is open exactly when the local wall clock is inside a range of a non-holiday date", () => {
    fc.assert(
      fc.property(calendar, instant, (cal, t) => {
        // Away from DST changes the wall clock is unambiguous, so the definition reads directly.
        fc.pre(zoneOffsetMs(new Date(t - 2 * DAY), cal.timeZone) === zoneOffsetMs(new Date(t + 2 * DAY), cal.timeZone));
        expect(isOpen(cal, new Date(t))).toBe(openByDefinition(cal, t));
      }),
      { numRuns: 300 },
    );
  });

  it("is closed all through a holiday's local date, DST days included", () => {
    fc.assert(
      fc.property(calendar, instant, fc.boolean(), (cal, t, yearly) => {
        const { date } = wall(t, cal.timeZone);
        const h: Holiday = yearly ? { yearly: date.slice(5) } : { date };
        expect(isOpen({ ...cal, holidays: [...cal.holidays, h] }, new Date(t))).toBe(false);
      }),
      RUNS,
    );
  });

  it("counts an open day's business time as the sum of its ranges away from DST changes", () => {
    fc.assert(
      fc.property(calendar, fc.integer({ min: 0, max: 729 }), (cal, n) => {
        const noon = FROM + n * DAY + 12 * H;
        fc.pre(
          zoneOffsetMs(new Date(noon - 3 * DAY), cal.timeZone) === zoneOffsetMs(new Date(noon + 3 * DAY), cal.timeZone),
        );
        // Sample one local day minute by minute against the definition.
        const offset = zoneOffsetMs(new Date(noon), cal.timeZone);
        const start = FROM + n * DAY - offset;
        let minutes = 0;
        for (let m = 0; m < 1440; m++) if (openByDefinition(cal, start + m * 60_000, offset)) minutes++;
        expect(between(cal, start, start + DAY)).toBe(minutes * 60_000);
      }),
      { numRuns: 60 },
    );
  });
});
