import { describe, expect, it } from "vitest";
import type { DateExpr } from "./ast.js";
import {
  DATE_PHRASES,
  datePhraseLength,
  datePhraseState,
  daysInMonth,
  formatDate,
  formatDuration,
  parseBoolean,
  parseCount,
  parseDate,
  parseDecimal,
  parseDuration,
  parseTicketNumber,
} from "./values.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function date(text: string): DateExpr {
  const result = parseDate(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return result.value;
}
function dateError(text: string): string {
  const result = parseDate(text);
  if (result.ok) throw new Error(`${text} parsed`);
  return result.reason;
}

describe("durations", () => {
  it.each([
    ["2h", 2 * HOUR],
    ["30m", 30 * MIN],
    ["90min", 90 * MIN],
    ["1d", DAY],
    ["1w", 7 * DAY],
    ["1h30m", 90 * MIN],
    ["0", 0],
    ["0h", 0],
    ["-1h", -HOUR],
    ["+2h", 2 * HOUR],
    ["45s", 45_000],
    ["250ms", 250],
    ["2Hours", 2 * HOUR],
    ["1d12h", 36 * HOUR],
  ])("read %s as %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    "",
    "-",
    "h",
    "2",
    "2x",
    "1.5h",
    "2h-",
    "h2",
    "--1h",
    "constructor",
    "1constructor",
    "99999999999999999999w",
  ])("refuse %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it("never returns -0", () => {
    expect(Object.is(parseDuration("-0"), 0)).toBe(true);
  });

  it("spell durations canonically, largest unit first", () => {
    expect(formatDuration(0)).toBe("0");
    expect(formatDuration(90 * MIN)).toBe("1h30m");
    expect(formatDuration(-2 * DAY)).toBe("-2d");
    expect(formatDuration(8 * DAY + 1500)).toBe("1w1d1s500ms");
    expect(() => formatDuration(1.5)).toThrow(RangeError);
    for (const ms of [1, 999, 61_000, 3 * DAY + 7, -HOUR]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});

describe("absolute dates", () => {
  it("keep the text, day-only for plain dates", () => {
    expect(date("2026-01-31")).toEqual({ kind: "absolute", text: "2026-01-31", dayOnly: true });
    expect(date("2026-01-31T10:00")).toEqual({ kind: "absolute", text: "2026-01-31T10:00", dayOnly: false });
    expect(date("2026-01-31t10:00:00z")).toEqual({ kind: "absolute", text: "2026-01-31T10:00:00Z", dayOnly: false });
    expect(date("2026-01-31T10:00:00+02:00")).toMatchObject({ dayOnly: false, text: "2026-01-31T10:00:00+02:00" });
    expect(date("2026-01-31T10:00:00.250-05:30")).toMatchObject({ dayOnly: false });
    expect(date("2024-02-29")).toMatchObject({ dayOnly: true });
  });

  it("refuse days that are not in the calendar and malformed times", () => {
    expect(dateError("2026-02-30")).toBe("2026-02 has 28 days");
    expect(dateError("2025-02-29")).toBe("2025-02 has 28 days");
    expect(dateError("2026-04-31")).toBe("2026-04 has 30 days");
    expect(dateError("2026-13-01")).toBe("the month must be 01 to 12");
    expect(dateError("2026-00-10")).toBe("the month must be 01 to 12");
    expect(dateError("2026-01-31T24:00")).toMatch(/the time must be/);
    expect(dateError("2026-01-31T10:60")).toMatch(/the time must be/);
    expect(dateError("2026-01-31T10:00+24:00")).toMatch(/offset/);
    expect(dateError("2026-1-31")).toMatch(/^expected e\.g\./);
    expect(dateError("31/01/2026")).toMatch(/^expected e\.g\./);
  });

  it("know leap years", () => {
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe("relative dates", () => {
  it("read day words and periods", () => {
    expect(date("today")).toEqual({ kind: "day", offsetDays: 0 });
    expect(date("Yesterday")).toEqual({ kind: "day", offsetDays: -1 });
    expect(date("tomorrow")).toEqual({ kind: "day", offsetDays: 1 });
    expect(date("this week")).toEqual({ kind: "period", unit: "week", offset: 0 });
    expect(date("last  month")).toEqual({ kind: "period", unit: "month", offset: -1 });
    expect(date("NEXT year")).toEqual({ kind: "period", unit: "year", offset: 1 });
  });

  it("read last N … as ago and next N … as ahead, a month being 30 days", () => {
    expect(date("last 7 days")).toEqual({ kind: "ago", ms: 7 * DAY });
    expect(date("last 1 day")).toEqual({ kind: "ago", ms: DAY });
    expect(date("last 15 minutes")).toEqual({ kind: "ago", ms: 15 * MIN });
    expect(date("last 2 weeks")).toEqual({ kind: "ago", ms: 14 * DAY });
    expect(date("last 3 months")).toEqual({ kind: "ago", ms: 90 * DAY });
    expect(date("next 24 hours")).toEqual({ kind: "ahead", ms: 24 * HOUR });
    expect(date("next 3 days")).toEqual({ kind: "ahead", ms: 3 * DAY });
  });

  it("read signed durations: - is ago, + is ahead", () => {
    expect(date("-48h")).toEqual({ kind: "ago", ms: 48 * HOUR });
    expect(date("-30m")).toEqual({ kind: "ago", ms: 30 * MIN });
    expect(date("-7d")).toEqual({ kind: "ago", ms: 7 * DAY });
    expect(date("-2w")).toEqual({ kind: "ago", ms: 14 * DAY });
    expect(date("+2h")).toEqual({ kind: "ahead", ms: 2 * HOUR });
    expect(date("+3d")).toEqual({ kind: "ahead", ms: 3 * DAY });
  });

  it.each([
    "",
    "last",
    "this 7 days",
    "last 0 days",
    "last 7",
    "last 7 years",
    "next week please",
    "-",
    "+x",
    "now",
    "7 days",
  ])("refuse %j", (text) => {
    expect(parseDate(text).ok).toBe(false);
  });

  it("measure phrases for the parser and the completer", () => {
    expect(datePhraseLength(["last", "7", "days", "x"])).toBe(3);
    expect(datePhraseLength(["this", "week"])).toBe(2);
    expect(datePhraseLength(["last", "printer"])).toBe(1);
    expect(datePhraseLength(["today", "week"])).toBe(1);
    expect(datePhraseState(["last"])).toBe("partial");
    expect(datePhraseState(["last", "7"])).toBe("partial");
    expect(datePhraseState(["last", "7", "days"])).toBe("complete");
    expect(datePhraseState(["this", "7"])).toBe("invalid");
    expect(datePhraseState(["today"])).toBe("invalid");
  });

  it("spell every kind so it reads back, and refuse what has no spelling", () => {
    const samples: DateExpr[] = [
      { kind: "absolute", text: "2026-01-31T10:00", dayOnly: false },
      { kind: "day", offsetDays: -1 },
      { kind: "period", unit: "year", offset: 1 },
      { kind: "ago", ms: 0 },
      { kind: "ago", ms: 7 * DAY },
      { kind: "ahead", ms: 90 * MIN },
    ];
    for (const sample of samples) expect(date(formatDate(sample))).toEqual(sample);
    expect(formatDate({ kind: "ago", ms: 7 * DAY })).toBe("-1w");
    expect(() => formatDate({ kind: "day", offsetDays: 5 })).toThrow(RangeError);
    expect(() => formatDate({ kind: "period", unit: "week", offset: -2 })).toThrow(RangeError);
    expect(() => formatDate({ kind: "ahead", ms: -1 })).toThrow(RangeError);
  });

  it("offer only phrases that parse", () => {
    for (const phrase of DATE_PHRASES) expect(parseDate(phrase).ok).toBe(true);
  });
});

describe("numbers", () => {
  it("read ticket numbers with or without a prefix", () => {
    expect(parseTicketNumber("1001")).toBe(1001);
    expect(parseTicketNumber("TKT-1001")).toBe(1001);
    expect(parseTicketNumber("abc-7")).toBe(7);
    for (const bad of ["TKT1001", "-1", "TKT-", "1.5", "99999999999999999999"])
      expect(parseTicketNumber(bad)).toBeUndefined();
  });

  it("read counts, decimals and booleans", () => {
    expect(parseCount("2")).toBe(2);
    expect(parseCount("-2")).toBeUndefined();
    expect(parseCount("2.0")).toBeUndefined();
    expect(parseDecimal("-1.5")).toBe(-1.5);
    expect(parseDecimal("1e+21")).toBe(1e21);
    expect(parseDecimal("0x10")).toBeUndefined();
    expect(parseDecimal("1e999")).toBeUndefined();
    expect(parseDecimal("")).toBeUndefined();
    expect(parseBoolean("Yes")).toBe(true);
    expect(parseBoolean("false")).toBe(false);
    expect(parseBoolean("1")).toBeUndefined();
  });
});
