import { describe, expect, it } from "vitest";
import { DomainError } from "../kernel/index.js";
import {
  ALWAYS_OPEN,
  calendarSchema,
  DEFAULT_CALENDAR,
  isIsoDate,
  isMonthDay,
  parseCalendar,
  parseClock,
  WEEKDAYS,
} from "./calendar.js";

const nineToSix = { mon: [{ start: "09:00", end: "18:00" }] };

/** The validation error parseCalendar throws for `input`: its field and message. */
function refusal(input: unknown): { field: string | undefined; message: string } {
  try {
    parseCalendar(input);
  } catch (err) {
    if (err instanceof DomainError && err.kind === "validation") return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error("expected the calendar to be refused");
}

describe("parseCalendar", () => {
  it("fills missing weekdays and holidays with nothing", () => {
    const cal = parseCalendar({ timeZone: "Europe/Berlin", hours: nineToSix });
    expect(cal.hours.tue).toEqual([]);
    expect(cal.hours.mon).toEqual([{ start: "09:00", end: "18:00" }]);
    expect(cal.holidays).toEqual([]);
  });

  it("accepts several ranges a day, touching ranges, 24:00 and ranges across midnight", () => {
    const cal = parseCalendar({
      timeZone: "UTC",
      hours: {
        mon: [
          { start: "00:00", end: "08:00" },
          { start: "08:00", end: "12:00" },
          { start: "13:00", end: "24:00" },
        ],
        fri: [{ start: "22:00", end: "06:00" }],
        // Friday's night overlaps Saturday's morning: allowed, the two are joined.
        sat: [{ start: "04:00", end: "10:00" }],
      },
    });
    expect(cal.hours.mon).toHaveLength(3);
    expect(cal.hours.sat).toHaveLength(1);
  });

  it("names a holiday's date or yearly day and keeps its name", () => {
    const cal = parseCalendar({
      timeZone: "UTC",
      hours: nineToSix,
      holidays: [{ date: "2026-12-24", name: "  Christmas Eve " }, { yearly: "02-29" }],
    });
    expect(cal.holidays).toEqual([{ date: "2026-12-24", name: "Christmas Eve" }, { yearly: "02-29" }]);
  });

  it("refuses an unknown time zone", () => {
    expect(refusal({ timeZone: "Europe/Atlantis", hours: nineToSix })).toEqual({
      field: "timeZone",
      message: "timeZone: must be an IANA time zone such as Europe/Berlin or UTC",
    });
  });

  it("refuses malformed times, naming the range and the end", () => {
    expect(refusal({ timeZone: "UTC", hours: { mon: [{ start: "9:00", end: "18:00" }] } })).toMatchObject({
      field: "hours.mon.0.start",
      message: expect.stringContaining('"HH:MM" from 00:00 to 23:59'),
    });
    expect(refusal({ timeZone: "UTC", hours: { tue: [{ start: "09:00", end: "24:30" }] } }).field).toBe(
      "hours.tue.0.end",
    );
    expect(refusal({ timeZone: "UTC", hours: { wed: [{ start: "24:00", end: "06:00" }] } }).field).toBe(
      "hours.wed.0.start",
    );
  });

  it("refuses an empty range", () => {
    expect(refusal({ timeZone: "UTC", hours: { mon: [{ start: "09:00", end: "09:00" }] } })).toMatchObject({
      field: "hours.mon.0.end",
      message: expect.stringContaining("empty"),
    });
  });

  it("refuses overlapping ranges on the same day, naming both", () => {
    const overlap = refusal({
      timeZone: "UTC",
      hours: {
        thu: [
          { start: "09:00", end: "12:00" },
          { start: "11:30", end: "18:00" },
        ],
      },
    });
    expect(overlap.field).toBe("hours.thu.1");
    expect(overlap.message).toContain("overlaps range 0 (09:00–12:00)");
    // An overnight range overlaps an early range listed on the same day only when their extents meet.
    expect(
      refusal({
        timeZone: "UTC",
        hours: {
          sun: [
            { start: "20:00", end: "02:00" },
            { start: "21:00", end: "23:00" },
          ],
        },
      }).field,
    ).toBe("hours.sun.1");
  });

  it("refuses unknown weekdays and keys", () => {
    expect(refusal({ timeZone: "UTC", hours: { monday: [{ start: "09:00", end: "18:00" }] } }).field).toBe(
      "hours.monday",
    );
    expect(refusal({ timeZone: "UTC", hours: nineToSix, open: true }).field).toBe("open");
  });

  it("refuses a calendar that is never open", () => {
    expect(refusal({ timeZone: "UTC", hours: {} })).toMatchObject({
      field: "hours",
      message: expect.stringContaining("never be open"),
    });
  });

  it("refuses holidays that are not real dates or name both kinds", () => {
    const bad = (holiday: unknown) => refusal({ timeZone: "UTC", hours: nineToSix, holidays: [holiday] });
    expect(bad({ date: "2026-02-29" })).toMatchObject({ field: "holidays.0.date" });
    expect(bad({ date: "25.12.2026" }).message).toContain("YYYY-MM-DD");
    expect(bad({ yearly: "02-30" })).toMatchObject({ field: "holidays.0.yearly" });
    expect(bad({ date: "2026-12-25", yearly: "12-25" }).message).toContain("exactly one");
    expect(bad({ name: "Nameless" }).message).toContain("exactly one");
    expect(bad({ yearly: "12-25", name: "x".repeat(201) }).field).toBe("holidays.0.name");
  });

  it("accepts its own defaults unchanged", () => {
    expect(calendarSchema.parse(DEFAULT_CALENDAR)).toEqual(DEFAULT_CALENDAR);
    expect(calendarSchema.parse(ALWAYS_OPEN)).toEqual(ALWAYS_OPEN);
    expect(WEEKDAYS.filter((d) => DEFAULT_CALENDAR.hours[d].length > 0)).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(WEEKDAYS.every((d) => ALWAYS_OPEN.hours[d][0]?.end === "24:00")).toBe(true);
    expect(Object.isFrozen(DEFAULT_CALENDAR.hours.mon)).toBe(true);
  });
});

describe("clock and date helpers", () => {
  it("reads HH:MM into minutes", () => {
    expect(parseClock("00:00")).toBe(0);
    expect(parseClock("09:30")).toBe(570);
    expect(parseClock("24:00")).toBe(1440);
    expect(parseClock("24:01")).toBeUndefined();
    expect(parseClock("9:30")).toBeUndefined();
  });

  it("knows real dates and month-days", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isMonthDay("02-29")).toBe(true);
    expect(isMonthDay("13-01")).toBe(false);
  });
});
