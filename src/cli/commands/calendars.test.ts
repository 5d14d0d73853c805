import { describe, expect, it } from "vitest";
import { isDomainError } from "../../lib/index.js";
import { formatHours, parseHours } from "./calendars.js";

const nine = [{ start: "09:00", end: "17:00" }];

function fieldOf(fn: () => unknown): [string | undefined, string | undefined] {
  try {
    fn();
  } catch (err) {
    return isDomainError(err) ? [err.code, err.field] : ["not a DomainError", undefined];
  }
  return [undefined, undefined];
}

describe("--hours", () => {
  it("reads day ranges, day lists and several time ranges; unnamed days are closed", () => {
    const week = parseHours(["mon-thu 09:00-12:00,13:00-17:00", "fri 9:00-13:00"]);
    expect(week.mon).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]);
    expect(week.thu).toEqual(week.mon);
    expect(week.fri).toEqual([{ start: "09:00", end: "13:00" }]);
    expect([week.sat, week.sun]).toEqual([[], []]);
    expect(parseHours(["sat,Sunday 10:00-14:00"]).sun).toEqual([{ start: "10:00", end: "14:00" }]);
  });

  it("takes several specs in one flag, wraps day ranges past Sunday and lets a later spec win", () => {
    const week = parseHours(["weekdays 09:00-17:00; fri-mon 22:00-06:00; sat closed"]);
    expect(week.tue).toEqual(nine);
    expect(week.fri).toEqual([{ start: "22:00", end: "06:00" }]);
    expect(week.sun).toEqual([{ start: "22:00", end: "06:00" }]);
    expect(week.mon).toEqual([{ start: "22:00", end: "06:00" }]);
    expect(week.sat).toEqual([]);
    expect(Object.values(parseHours(["daily 00:00-24:00"])).every((d) => d.length === 1)).toBe(true);
  });

  it("refuses what it cannot read, naming the hours", () => {
    expect(fieldOf(() => parseHours(["mon-fri"]))).toEqual(["cli.bad_hours", "hours"]);
    expect(fieldOf(() => parseHours(["mo 09:00-17:00"]))).toEqual(["cli.bad_hours", "hours"]);
    expect(fieldOf(() => parseHours(["funday 09:00-17:00"]))).toEqual(["cli.bad_hours", "hours"]);
    expect(fieldOf(() => parseHours(["mon 9-17"]))).toEqual(["cli.bad_hours", "hours"]);
    expect(fieldOf(() => parseHours(["mon-tue-wed 09:00-17:00"]))).toEqual(["cli.bad_hours", "hours"]);
  });
});

describe("the hours as --hours writes them", () => {
  it("groups consecutive days with the same ranges and leaves closed days out", () => {
    const week = parseHours(["mon-fri 09:00-17:00; sat 10:00-12:00,13:00-14:00"]);
    expect(formatHours(week)).toBe("mon-fri 09:00-17:00; sat 10:00-12:00,13:00-14:00");
    expect(formatHours(parseHours(["mon,wed 09:00-17:00"]))).toBe("mon 09:00-17:00; wed 09:00-17:00");
    expect(formatHours(parseHours([]))).toBe("never open");
  });

  it("reads back what it writes", () => {
    const week = parseHours(["mon-tue 08:00-16:00; thu-sun 22:00-06:00"]);
    expect(parseHours([formatHours(week)])).toEqual(week);
  });
});
