import { describe, expect, it } from "vitest";
import { cronProblem, nextRun, parseCron } from "./cron.js";
import { DomainError } from "./errors.js";

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
/** The successive runs after `from`. */
function runs(expr: string, from: string, tz: string, n: number): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < n; i++) {
    at = nextRun(expr, at, tz);
    out.push(iso(at));
  }
  return out;
}

describe("parseCron", () => {
  it("reads lists, ranges, steps, stars and names", () => {
    const s = parseCron("0,30 9-17/4 1,15 jan-mar,DEC mon-fri");
    expect(s.minutes).toEqual([0, 30]);
    expect(s.hours).toEqual([9, 13, 17]);
    expect([...s.daysOfMonth].sort((a, b) => a - b)).toEqual([1, 15]);
    expect([...s.months].sort((a, b) => a - b)).toEqual([1, 2, 3, 12]);
    expect([...s.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(s.domRestricted && s.dowRestricted).toBe(true);
    expect(parseCron("*/20 * * * *").minutes).toEqual([0, 20, 40]);
    expect(parseCron("10/20 * * * *").minutes).toEqual([10, 30, 50]);
    expect(parseCron("@daily").minutes).toEqual([0]);
  });

  it("treats 0 and 7 as Sunday, and Sunday at the end of a range as 7", () => {
    expect([...parseCron("0 9 * * 7").daysOfWeek]).toEqual([0]);
    expect([...parseCron("0 9 * * 0").daysOfWeek]).toEqual([0]);
    expect([...parseCron("0 9 * * fri-sun").daysOfWeek].sort()).toEqual([0, 5, 6]);
    expect([...parseCron("0 9 * * 5-7").daysOfWeek].sort()).toEqual([0, 5, 6]);
  });

  it("names the field and the reason when an expression cannot be read", () => {
    const cases: [string, RegExp][] = [
      ["0 9 * *", /expected 5 fields .* got 4/],
      ["60 9 * * *", /^minute: 60 is out of range \(allowed: 0-59\)/],
      ["0 24 * * *", /^hour: 24 is out of range/],
      ["0 9 0 * *", /^day-of-month: 0 is out of range/],
      ["0 9 * 13 *", /^month: 13 is out of range \(allowed: 1-12 or jan-dec\)/],
      ["0 9 * * 8", /^day-of-week: 8 is out of range \(allowed: 0-7 or sun-sat, 0 and 7 are Sunday\)/],
      ["0 9 * * funday", /^day-of-week: "funday" is not a number/],
      ["*/0 9 * * *", /^minute: step "0" in "\*\/0" must be a whole number of at least 1/],
      ["0 17-9 * * *", /^hour: range 17-9 runs backwards/],
      ["0 9 1,,2 * *", /^day-of-month: empty item/],
      ["0 9 30 feb *", /^day-of-month: never happens in the months given \(February has at most 29 days\)/],
      ["@sometimes", /not a known shorthand/],
    ];
    for (const [expr, message] of cases) {
      let err: unknown;
      try {
        parseCron(expr, "remindersCron");
      } catch (e) {
        err = e;
      }
      expect(err, expr).toBeInstanceOf(DomainError);
      expect((err as DomainError).message, expr).toMatch(message);
      expect((err as DomainError).field, expr).toBe("remindersCron");
      expect((err as DomainError).code).toBe("cron.invalid");
    }
    expect(cronProblem("0 9 * * 1-5")).toBeNull();
    expect(cronProblem("0 9 * * 9")).toMatch(/day-of-week/);
  });
});

describe("nextRun", () => {
  it("runs weekdays at 09:00 local and skips the weekend (Europe/Berlin)", () => {
    // Friday 2025-03-07 10:00 CET: next is Monday 09:00 CET.
    expect(iso(nextRun("0 9 * * 1-5", new Date("2025-03-07T09:00:00Z"), "Europe/Berlin"))).toBe("2025-03-10T08:00:00Z");
    // Friday 08:59 CET: the same morning.
    expect(iso(nextRun("0 9 * * 1-5", new Date("2025-03-07T07:59:00Z"), "Europe/Berlin"))).toBe("2025-03-07T08:00:00Z");
    // Exactly at a run: the next one, strictly after.
    expect(iso(nextRun("0 9 * * 1-5", new Date("2025-03-07T08:00:00Z"), "Europe/Berlin"))).toBe("2025-03-10T08:00:00Z");
  });

  it("matches either day field when both are restricted", () => {
    // Friday the 13th rule: every Friday or every 13th. 2025-06-13 is a Friday; 2025-06-06 a Friday.
    expect(runs("0 0 13 * fri", "2025-06-01T00:00:00Z", "UTC", 4)).toEqual([
      "2025-06-06T00:00:00Z",
      "2025-06-13T00:00:00Z",
      "2025-06-20T00:00:00Z",
      "2025-06-27T00:00:00Z",
    ]);
    // Only the day-of-month restricted: just the 13th.
    expect(runs("0 0 13 * *", "2025-06-01T00:00:00Z", "UTC", 2)).toEqual([
      "2025-06-13T00:00:00Z",
      "2025-07-13T00:00:00Z",
    ]);
  });

  it("finds February 29th years ahead", () => {
    expect(iso(nextRun("0 0 29 2 *", new Date("2025-01-01T00:00:00Z"), "UTC"))).toBe("2028-02-29T00:00:00Z");
  });

  it("runs a time skipped by spring-forward at the first valid minute after it (Europe/Berlin)", () => {
    // 2025-03-30: 02:00 CET jumps to 03:00 CEST (01:00Z). 02:30 does not exist: run at 03:00 CEST.
    expect(runs("30 2 * * *", "2025-03-29T12:00:00Z", "Europe/Berlin", 2)).toEqual([
      "2025-03-30T01:00:00Z",
      "2025-03-31T00:30:00Z",
    ]);
    // Every quarter hour of 02:xx is skipped: one run at 03:00, then 02:00 CEST the next day.
    expect(runs("*/15 2 * * *", "2025-03-29T23:00:00Z", "Europe/Berlin", 2)).toEqual([
      "2025-03-30T01:00:00Z",
      "2025-03-31T00:00:00Z",
    ]);
  });

  it("runs a repeated fall-back time once, at its first occurrence (Europe/Berlin)", () => {
    // 2025-10-26: 03:00 CEST falls back to 02:00 CET (01:00Z); 02:30 happens at 00:30Z and 01:30Z.
    expect(runs("30 2 * * *", "2025-10-25T12:00:00Z", "Europe/Berlin", 2)).toEqual([
      "2025-10-26T00:30:00Z",
      "2025-10-27T01:30:00Z",
    ]);
    // Half-hourly through the night: the repeated 02:00 and 02:30 are not run again.
    expect(runs("*/30 * * * *", "2025-10-25T23:45:00Z", "Europe/Berlin", 4)).toEqual([
      "2025-10-26T00:00:00Z",
      "2025-10-26T00:30:00Z",
      "2025-10-26T02:00:00Z",
      "2025-10-26T02:30:00Z",
    ]);
    // Started during the repeated hour (the second 02:10): the next run is 03:00 CET.
    expect(iso(nextRun("*/15 * * * *", new Date("2025-10-26T01:10:00Z"), "Europe/Berlin"))).toBe(
      "2025-10-26T02:00:00Z",
    );
  });

  it("handles America/New_York's changes", () => {
    // 2025-03-09: 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(runs("0 2 * * *", "2025-03-08T12:00:00Z", "America/New_York", 2)).toEqual([
      "2025-03-09T07:00:00Z",
      "2025-03-10T06:00:00Z",
    ]);
    // 2025-11-02: 02:00 EDT falls back to 01:00 EST; 01:30 happens at 05:30Z and 06:30Z: once.
    expect(runs("30 1 * * *", "2025-11-01T12:00:00Z", "America/New_York", 2)).toEqual([
      "2025-11-02T05:30:00Z",
      "2025-11-03T06:30:00Z",
    ]);
    // Weekday mornings stay at 09:00 local after the change (13:00Z in EDT).
    expect(runs("0 9 * * 1-5", "2025-03-07T15:00:00Z", "America/New_York", 2)).toEqual([
      "2025-03-10T13:00:00Z",
      "2025-03-11T13:00:00Z",
    ]);
  });

  it("handles Australia/Sydney's southern-hemisphere changes", () => {
    // DST ends 2025-04-06 03:00 AEDT → 02:00 AEST: 09:00 local moves from 22:00Z to 23:00Z.
    expect(runs("0 9 * * 1-5", "2025-04-03T21:00:00Z", "Australia/Sydney", 3)).toEqual([
      "2025-04-03T22:00:00Z",
      "2025-04-06T23:00:00Z",
      "2025-04-07T23:00:00Z",
    ]);
    // DST starts 2025-10-05 02:00 AEST → 03:00 AEDT (16:00Z): 02:30 runs at 03:00 AEDT.
    expect(iso(nextRun("30 2 * * *", new Date("2025-10-04T06:00:00Z"), "Australia/Sydney"))).toBe(
      "2025-10-04T16:00:00Z",
    );
    // 2025-04-06: 02:30 happens twice (15:30Z AEDT, 16:30Z AEST): once.
    expect(runs("30 2 * * *", "2025-04-05T06:00:00Z", "Australia/Sydney", 2)).toEqual([
      "2025-04-05T15:30:00Z",
      "2025-04-06T16:30:00Z",
    ]);
  });
});
