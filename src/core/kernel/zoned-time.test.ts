import { describe, expect, it } from "vitest";
import { addLocal, isTimeZone, localDate, weekStart, zonedInstant, zoneOffsetMs } from "./zoned-time.js";

describe("zoned time", () => {
  it("finds local midnight in a zone ahead of and behind UTC", () => {
    expect(zonedInstant({ year: 2026, month: 1, day: 15 }, "Europe/Berlin").toISOString()).toBe(
      "2026-01-14T23:00:00.000Z",
    );
    expect(zonedInstant({ year: 2026, month: 7, day: 15 }, "America/New_York").toISOString()).toBe(
      "2026-07-15T04:00:00.000Z",
    );
  });

  it("is right on the days DST starts and ends", () => {
    // Berlin springs forward on 2026-03-29 at 02:00 and falls back on 2026-10-25 at 03:00.
    const spring = zonedInstant({ year: 2026, month: 3, day: 29 }, "Europe/Berlin");
    const next = zonedInstant({ year: 2026, month: 3, day: 30 }, "Europe/Berlin");
    expect((next.getTime() - spring.getTime()) / 3_600_000).toBe(23);
    const autumn = zonedInstant({ year: 2026, month: 10, day: 25 }, "Europe/Berlin");
    const after = zonedInstant({ year: 2026, month: 10, day: 26 }, "Europe/Berlin");
    expect((after.getTime() - autumn.getTime()) / 3_600_000).toBe(25);
    // 02:30 does not exist that spring day: it resolves after the jump.
    expect(zonedInstant({ year: 2026, month: 3, day: 29 }, "Europe/Berlin", 150).toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });

  it("reads local dates and offsets", () => {
    const instant = new Date("2026-01-01T02:00:00Z");
    expect(localDate(instant, "America/Los_Angeles")).toEqual({ year: 2025, month: 12, day: 31 });
    expect(zoneOffsetMs(instant, "Asia/Kolkata")).toBe(5.5 * 3_600_000);
  });

  it("moves on the calendar and finds Mondays", () => {
    expect(addLocal({ year: 2026, month: 1, day: 31 }, 1, "month")).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addLocal({ year: 2026, month: 12, day: 31 }, 1, "day")).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addLocal({ year: 2026, month: 1, day: 15 }, -13, "month")).toEqual({ year: 2024, month: 12, day: 15 });
    expect(weekStart({ year: 2026, month: 11, day: 22 })).toEqual({ year: 2026, month: 11, day: 16 });
    expect(weekStart({ year: 2026, month: 11, day: 16 })).toEqual({ year: 2026, month: 11, day: 16 });
  });

  it("knows real zones from typos", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Europe/Berlim")).toBe(false);
  });
});

describe("zonedInstant in zones more than 12 hours ahead of UTC", () => {
  it("resolves a time on Chatham's fall-back day before the change with the offset then in force", () => {
    // Pacific/Chatham leaves +13:45 for +12:45 at 03:45 local on Sunday 5 April 2026.
    expect(zonedInstant({ year: 2026, month: 4, day: 5 }, "Pacific/Chatham", 120).toISOString()).toBe(
      "2026-04-04T12:15:00.000Z",
    );
    expect(zonedInstant({ year: 2026, month: 4, day: 5 }, "Pacific/Chatham", 300).toISOString()).toBe(
      "2026-04-04T16:15:00.000Z",
    );
  });
});
