import { describe, expect, it } from "vitest";
import { isDomainError } from "../kernel/index.js";
import { addBusinessTime, businessTimeBetween, isOpen, nextOpenMoment, openIntervals } from "./business-time.js";
import {
  ALWAYS_OPEN,
  type Calendar,
  DEFAULT_CALENDAR,
  type OpenRange,
  parseCalendar,
  type Weekday,
} from "./calendar.js";

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

/** A calendar with the same ranges on the given weekdays. */
function cal(timeZone: string, days: Weekday[], ranges: OpenRange[], holidays: Calendar["holidays"] = []): Calendar {
  const hours = Object.fromEntries(days.map((d) => [d, ranges]));
  return parseCalendar({ timeZone, hours, holidays });
}

const WEEK: Weekday[] = ["mon", "tue", "wed", "thu", "fri"];
const EVERY_DAY: Weekday[] = [...WEEK, "sat", "sun"];
const berlin = cal("Europe/Berlin", WEEK, [{ start: "09:00", end: "18:00" }]);
const newYork = cal("America/New_York", WEEK, [{ start: "09:00", end: "18:00" }]);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isDomainError(err) ? err.code : "not a DomainError";
  }
  return undefined;
}

describe("the issue's example", () => {
  it("is due Monday 09:55 for a ticket created Friday 17:55 with a 1 h target, Mon–Fri 09:00–18:00", () => {
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-15T17:55:00Z"), H))).toBe("2026-05-18T09:55:00.000Z");
    // Same in Berlin local time (CEST, UTC+2): Friday 17:55 → Monday 09:55.
    expect(iso(addBusinessTime(berlin, at("2026-05-15T15:55:00Z"), H))).toBe("2026-05-18T07:55:00.000Z");
  });

  it("takes 168 business hours in whole days, not minute by minute", () => {
    // 168 h = 18 days of 9 h + 6 h: from Mon 18 May 09:00 to Thu 11 June 15:00.
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-18T09:00:00Z"), 168 * H))).toBe(
      "2026-06-11T15:00:00.000Z",
    );
    expect(businessTimeBetween(DEFAULT_CALENDAR, at("2026-05-18T09:00:00Z"), at("2026-06-11T15:00:00Z"))).toBe(168 * H);
  });
});

describe("open and closed moments", () => {
  it("opens at a range's start and is closed at its end", () => {
    expect(isOpen(DEFAULT_CALENDAR, at("2026-05-18T09:00:00Z"))).toBe(true);
    expect(isOpen(DEFAULT_CALENDAR, at("2026-05-18T17:59:59.999Z"))).toBe(true);
    expect(isOpen(DEFAULT_CALENDAR, at("2026-05-18T18:00:00Z"))).toBe(false);
    expect(isOpen(DEFAULT_CALENDAR, at("2026-05-16T12:00:00Z"))).toBe(false);
  });

  it("gives the moment itself as the next open moment when open, else the next opening", () => {
    expect(iso(nextOpenMoment(DEFAULT_CALENDAR, at("2026-05-18T10:15:00Z")))).toBe("2026-05-18T10:15:00.000Z");
    expect(iso(nextOpenMoment(DEFAULT_CALENDAR, at("2026-05-15T18:00:00Z")))).toBe("2026-05-18T09:00:00.000Z");
    expect(iso(nextOpenMoment(DEFAULT_CALENDAR, at("2026-05-18T06:00:00Z")))).toBe("2026-05-18T09:00:00.000Z");
  });

  it("counts from the next opening when starting in closed time", () => {
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-16T10:00:00Z"), 30 * M))).toBe("2026-05-18T09:30:00.000Z");
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-18T07:00:00Z"), H))).toBe("2026-05-18T10:00:00.000Z");
  });

  it("may end exactly at closing time rather than at the next opening", () => {
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-15T17:00:00Z"), H))).toBe("2026-05-15T18:00:00.000Z");
  });
});

describe("several ranges a day", () => {
  const split = cal("UTC", WEEK, [
    { start: "09:00", end: "12:00" },
    { start: "13:00", end: "17:00" },
  ]);

  it("skips the lunch break", () => {
    expect(iso(addBusinessTime(split, at("2026-05-18T11:30:00Z"), H))).toBe("2026-05-18T13:30:00.000Z");
    expect(businessTimeBetween(split, at("2026-05-18T11:00:00Z"), at("2026-05-18T14:00:00Z"))).toBe(2 * H);
    expect(isOpen(split, at("2026-05-18T12:30:00Z"))).toBe(false);
    expect(iso(nextOpenMoment(split, at("2026-05-18T12:30:00Z")))).toBe("2026-05-18T13:00:00.000Z");
  });

  it("counts 7 hours a day and a whole day as 7 hours", () => {
    expect(businessTimeBetween(split, at("2026-05-18T00:00:00Z"), at("2026-05-19T00:00:00Z"))).toBe(7 * H);
    expect(iso(addBusinessTime(split, at("2026-05-18T09:00:00Z"), 7 * H))).toBe("2026-05-18T17:00:00.000Z");
    expect(iso(addBusinessTime(split, at("2026-05-18T09:00:00Z"), 7 * H + 1))).toBe("2026-05-19T09:00:00.001Z");
  });

  it("lists the open intervals of a day", () => {
    const intervals = openIntervals(split, at("2026-05-18T10:00:00Z"), at("2026-05-18T16:00:00Z"));
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ["2026-05-18T10:00:00.000Z", "2026-05-18T12:00:00.000Z"],
      ["2026-05-18T13:00:00.000Z", "2026-05-18T16:00:00.000Z"],
    ]);
  });
});

describe("ranges across midnight", () => {
  const night = cal("UTC", WEEK, [{ start: "22:00", end: "06:00" }]);

  it("runs a night shift into the next morning", () => {
    // Mon 23:00: 7 h until Tue 06:00, then 1 h from Tue 22:00.
    expect(iso(addBusinessTime(night, at("2026-05-18T23:00:00Z"), 8 * H))).toBe("2026-05-19T23:00:00.000Z");
    expect(isOpen(night, at("2026-05-23T05:00:00Z"))).toBe(true); // Saturday morning: Friday's shift
    expect(isOpen(night, at("2026-05-23T22:00:00Z"))).toBe(false); // no Saturday shift
    expect(isOpen(night, at("2026-05-18T02:00:00Z"))).toBe(false); // Monday morning: no Sunday shift
  });

  it("joins the after-midnight part with the next day's own ranges", () => {
    const joined = parseCalendar({
      timeZone: "UTC",
      hours: { mon: [{ start: "22:00", end: "06:00" }], tue: [{ start: "05:00", end: "09:00" }] },
    });
    expect(businessTimeBetween(joined, at("2026-05-18T00:00:00Z"), at("2026-05-20T00:00:00Z"))).toBe(11 * H);
    expect(
      openIntervals(joined, at("2026-05-18T00:00:00Z"), at("2026-05-20T00:00:00Z")).map((i) => iso(i.end)),
    ).toEqual(["2026-05-19T09:00:00.000Z"]);
  });

  it("carries Sunday's night into Monday", () => {
    const sunday = parseCalendar({ timeZone: "UTC", hours: { sun: [{ start: "20:00", end: "02:00" }] } });
    expect(isOpen(sunday, at("2026-05-18T01:59:00Z"))).toBe(true);
    expect(iso(addBusinessTime(sunday, at("2026-05-17T21:00:00Z"), 5 * H))).toBe("2026-05-18T02:00:00.000Z");
  });

  it("treats end 00:00 and end 24:00 alike", () => {
    const a = cal("UTC", WEEK, [{ start: "20:00", end: "00:00" }]);
    const b = cal("UTC", WEEK, [{ start: "20:00", end: "24:00" }]);
    const from = at("2026-05-18T00:00:00Z");
    const to = at("2026-05-25T00:00:00Z");
    expect(businessTimeBetween(a, from, to)).toBe(20 * H);
    expect(businessTimeBetween(b, from, to)).toBe(20 * H);
  });
});

describe("holidays", () => {
  it("closes a single date", () => {
    const c = cal("UTC", WEEK, [{ start: "09:00", end: "18:00" }], [{ date: "2026-05-18", name: "Whit Monday" }]);
    expect(iso(addBusinessTime(c, at("2026-05-15T17:55:00Z"), H))).toBe("2026-05-19T09:55:00.000Z");
    expect(isOpen(c, at("2026-05-18T12:00:00Z"))).toBe(false);
  });

  it("closes a yearly date every year", () => {
    const c = cal("UTC", WEEK, [{ start: "09:00", end: "18:00" }], [{ yearly: "12-25" }]);
    // 2026-12-25 is a Friday, 2027-12-25 a Saturday, 2030-12-25 a Wednesday.
    expect(iso(addBusinessTime(c, at("2026-12-24T17:30:00Z"), H))).toBe("2026-12-28T09:30:00.000Z");
    expect(iso(addBusinessTime(c, at("2027-12-24T17:30:00Z"), H))).toBe("2027-12-27T09:30:00.000Z");
    expect(iso(addBusinessTime(c, at("2030-12-24T17:30:00Z"), H))).toBe("2030-12-26T09:30:00.000Z");
  });

  it("closes the holiday's local date, not the UTC one", () => {
    const c = cal("Europe/Berlin", EVERY_DAY, [{ start: "00:00", end: "24:00" }], [{ date: "2026-12-25" }]);
    // Berlin's 25 December is 2026-12-24T23:00Z to 2026-12-25T23:00Z.
    expect(isOpen(c, at("2026-12-24T22:59:59Z"))).toBe(true);
    expect(isOpen(c, at("2026-12-24T23:00:00Z"))).toBe(false);
    expect(isOpen(c, at("2026-12-25T23:00:00Z"))).toBe(true);
    expect(businessTimeBetween(c, at("2026-12-24T00:00:00Z"), at("2026-12-27T00:00:00Z"))).toBe(48 * H);
  });

  it("closes the after-midnight part of a night shift on the holiday, but not the part after it", () => {
    const c = cal("UTC", WEEK, [{ start: "22:00", end: "06:00" }], [{ date: "2026-05-19" }]);
    expect(isOpen(c, at("2026-05-18T23:00:00Z"))).toBe(true); // Monday evening
    expect(isOpen(c, at("2026-05-19T03:00:00Z"))).toBe(false); // the holiday's morning
    expect(isOpen(c, at("2026-05-19T23:00:00Z"))).toBe(false); // the holiday's evening
    expect(isOpen(c, at("2026-05-20T03:00:00Z"))).toBe(true); // Wednesday morning, Tuesday's shift
    expect(businessTimeBetween(c, at("2026-05-18T20:00:00Z"), at("2026-05-20T08:00:00Z"))).toBe(8 * H);
  });
});

describe("DST in Europe/Berlin (2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00)", () => {
  const sunday = (start: string, end: string) => cal("Europe/Berlin", ["sun"], [{ start, end }]);

  it("has 23 and 25 business hours on the DST Sundays of a 24-hour calendar", () => {
    const c = sunday("00:00", "24:00");
    expect(businessTimeBetween(c, at("2026-03-28T00:00:00Z"), at("2026-03-31T00:00:00Z"))).toBe(23 * H);
    expect(businessTimeBetween(c, at("2026-10-24T00:00:00Z"), at("2026-10-27T00:00:00Z"))).toBe(25 * H);
  });

  it("counts real hours in ranges around the jump", () => {
    // 01:00 CET (00:00Z) to 05:00 CEST (03:00Z) is 3 h; 01:00 CEST (23:00Z) to 05:00 CET (04:00Z) is 5 h.
    expect(businessTimeBetween(sunday("01:00", "05:00"), at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"))).toBe(
      3 * H,
    );
    expect(businessTimeBetween(sunday("01:00", "05:00"), at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z"))).toBe(
      5 * H,
    );
  });

  it("opens a range starting in the skipped hour at the jump", () => {
    const c = sunday("02:30", "04:00");
    expect(iso(nextOpenMoment(c, at("2026-03-29T00:00:00Z")))).toBe("2026-03-29T01:00:00.000Z"); // 03:00 CEST
    expect(isOpen(c, at("2026-03-29T00:59:59Z"))).toBe(false);
    expect(businessTimeBetween(c, at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"))).toBe(H);
  });

  it("starts a range in the repeated hour at its first occurrence", () => {
    // 02:30 CEST (00:30Z) to 04:00 CET (03:00Z).
    const c = sunday("02:30", "04:00");
    expect(iso(nextOpenMoment(c, at("2026-10-24T12:00:00Z")))).toBe("2026-10-25T00:30:00.000Z");
    expect(businessTimeBetween(c, at("2026-10-24T12:00:00Z"), at("2026-10-26T00:00:00Z"))).toBe(2.5 * H);
  });

  it("keeps 09:00–18:00 local on the weekdays around the change", () => {
    // Fri 27 March 17:00 CET (16:00Z) + 2 h → Mon 30 March 10:00 CEST (08:00Z).
    expect(iso(addBusinessTime(berlin, at("2026-03-27T16:00:00Z"), 2 * H))).toBe("2026-03-30T08:00:00.000Z");
    // Fri 23 October 17:00 CEST (15:00Z) + 2 h → Mon 26 October 10:00 CET (09:00Z).
    expect(iso(addBusinessTime(berlin, at("2026-10-23T15:00:00Z"), 2 * H))).toBe("2026-10-26T09:00:00.000Z");
  });
});

describe("DST in America/New_York (2026-03-08 02:00 → 03:00, 2026-11-01 02:00 → 01:00)", () => {
  const sunday = (start: string, end: string) => cal("America/New_York", ["sun"], [{ start, end }]);

  it("has 23 and 25 hours on the DST Sundays", () => {
    const c = sunday("00:00", "24:00");
    expect(businessTimeBetween(c, at("2026-03-07T00:00:00Z"), at("2026-03-10T00:00:00Z"))).toBe(23 * H);
    expect(businessTimeBetween(c, at("2026-10-31T00:00:00Z"), at("2026-11-03T00:00:00Z"))).toBe(25 * H);
  });

  it("counts real hours around the jumps", () => {
    // 01:00 EST (06:00Z) to 03:00 EDT (07:00Z): 1 h.
    expect(businessTimeBetween(sunday("01:00", "03:00"), at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"))).toBe(
      H,
    );
    // 00:00 EDT (04:00Z) to 02:00 EST (07:00Z): 3 h; 01:30–01:45 only in its first occurrence (EDT).
    expect(businessTimeBetween(sunday("00:00", "02:00"), at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"))).toBe(
      3 * H,
    );
    const quarter = sunday("01:30", "01:45");
    expect(iso(nextOpenMoment(quarter, at("2026-11-01T00:00:00Z")))).toBe("2026-11-01T05:30:00.000Z");
    expect(businessTimeBetween(quarter, at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"))).toBe(15 * M);
  });

  it("keeps 09:00–18:00 local across the spring weekend", () => {
    // Fri 6 March 17:00 EST (22:00Z) + 2 h → Mon 9 March 10:00 EDT (14:00Z).
    expect(iso(addBusinessTime(newYork, at("2026-03-06T22:00:00Z"), 2 * H))).toBe("2026-03-09T14:00:00.000Z");
    expect(businessTimeBetween(newYork, at("2026-03-06T22:00:00Z"), at("2026-03-09T14:00:00Z"))).toBe(2 * H);
  });

  it("is plain elapsed time for a 24×7 calendar across the jump", () => {
    const c = cal("America/New_York", EVERY_DAY, [{ start: "00:00", end: "24:00" }]);
    expect(iso(addBusinessTime(c, at("2026-03-07T17:00:00Z"), 24 * H))).toBe("2026-03-08T17:00:00.000Z");
    expect(iso(addBusinessTime(c, at("2026-11-01T03:00:00Z"), 5 * H))).toBe("2026-11-01T08:00:00.000Z");
  });
});

describe("DST at midnight (America/Santiago) and by half an hour (Australia/Lord_Howe)", () => {
  const santiago = parseCalendar({
    timeZone: "America/Santiago",
    hours: { sat: [{ start: "22:00", end: "24:00" }], sun: [{ start: "00:00", end: "02:00" }] },
  });

  it("opens Sunday at the jump when midnight is skipped (2026-09-06 00:00 → 01:00)", () => {
    // Sat 22:00–24:00 (-04, 02:00Z–04:00Z) and Sun 01:00–02:00 (-03, 04:00Z–05:00Z).
    expect(businessTimeBetween(santiago, at("2026-09-05T00:00:00Z"), at("2026-09-07T00:00:00Z"))).toBe(3 * H);
    expect(isOpen(santiago, at("2026-09-06T04:30:00Z"))).toBe(true);
    expect(isOpen(santiago, at("2026-09-06T05:00:00Z"))).toBe(false);
  });

  it("keeps Saturday open through the repeated hour when midnight falls back (2026-04-05 00:00 → 04-04 23:00)", () => {
    // Sat 22:00 (-03, 01:00Z) to Sun 00:00 (-04, 04:00Z) is 3 h; then Sun 00:00–02:00 (-04) is 2 h.
    expect(businessTimeBetween(santiago, at("2026-04-04T00:00:00Z"), at("2026-04-06T00:00:00Z"))).toBe(5 * H);
  });

  it("has 24.5 and 23.5 hour days where clocks move by 30 minutes", () => {
    const c = parseCalendar({ timeZone: "Australia/Lord_Howe", hours: { sun: [{ start: "00:00", end: "24:00" }] } });
    expect(businessTimeBetween(c, at("2026-04-03T00:00:00Z"), at("2026-04-07T00:00:00Z"))).toBe(24.5 * H);
    expect(businessTimeBetween(c, at("2026-10-02T00:00:00Z"), at("2026-10-06T00:00:00Z"))).toBe(23.5 * H);
  });
});

describe("zero and negative durations", () => {
  it("returns the start itself for zero, even in closed time", () => {
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-16T12:00:00Z"), 0))).toBe("2026-05-16T12:00:00.000Z");
    expect(businessTimeBetween(DEFAULT_CALENDAR, at("2026-05-18T10:00:00Z"), at("2026-05-18T10:00:00Z"))).toBe(0);
  });

  it("goes back in business time, to the latest instant when there is a choice", () => {
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-18T09:30:00Z"), -H))).toBe("2026-05-15T17:30:00.000Z");
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-18T09:30:00Z"), -30 * M))).toBe(
      "2026-05-18T09:00:00.000Z",
    );
    expect(iso(addBusinessTime(DEFAULT_CALENDAR, at("2026-05-16T12:00:00Z"), -H))).toBe("2026-05-15T17:00:00.000Z");
  });

  it("is negative between a later and an earlier instant", () => {
    expect(businessTimeBetween(DEFAULT_CALENDAR, at("2026-05-18T09:55:00Z"), at("2026-05-15T17:55:00Z"))).toBe(-H);
  });
});

describe("bad calendars and inputs", () => {
  const never: Calendar = {
    timeZone: "UTC",
    hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    holidays: [],
  };

  it("reports a calendar with no open time instead of looping", () => {
    expect(codeOf(() => addBusinessTime(never, at("2026-05-18T00:00:00Z"), H))).toBe("calendar.no_open_time");
    expect(codeOf(() => nextOpenMoment(never, at("2026-05-18T00:00:00Z")))).toBe("calendar.no_open_time");
    expect(isOpen(never, at("2026-05-18T10:00:00Z"))).toBe(false);
    expect(businessTimeBetween(never, at("2026-05-18T00:00:00Z"), at("2026-06-18T00:00:00Z"))).toBe(0);
  });

  it("gives up when holidays close every day of the year", () => {
    const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(5, 10));
    const closed: Calendar = { ...DEFAULT_CALENDAR, holidays: days.map((d) => ({ yearly: d })) };
    expect(codeOf(() => addBusinessTime(closed, at("2026-05-18T00:00:00Z"), H))).toBe("calendar.no_open_time");
    expect(codeOf(() => addBusinessTime(closed, at("2026-05-18T00:00:00Z"), -H))).toBe("calendar.no_open_time");
  });

  it("refuses invalid dates, durations and malformed calendars", () => {
    expect(codeOf(() => addBusinessTime(DEFAULT_CALENDAR, new Date(Number.NaN), H))).toBe("calendar.invalid_instant");
    expect(codeOf(() => addBusinessTime(DEFAULT_CALENDAR, at("2026-05-18T00:00:00Z"), Number.POSITIVE_INFINITY))).toBe(
      "calendar.invalid_duration",
    );
    const broken = { ...never, hours: { ...never.hours, mon: [{ start: "9", end: "17:00" }] } };
    expect(codeOf(() => isOpen(broken, at("2026-05-18T10:00:00Z")))).toBe("calendar.invalid");
    expect(codeOf(() => isOpen({ ...never, timeZone: "Mars/Olympus" }, at("2026-05-18T10:00:00Z")))).toBe(
      "calendar.invalid",
    );
  });

  it("refuses walks beyond a century", () => {
    expect(
      codeOf(() => businessTimeBetween(DEFAULT_CALENDAR, at("1900-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"))),
    ).toBe("calendar.out_of_range");
  });
});

describe("ALWAYS_OPEN", () => {
  it("is plain arithmetic", () => {
    expect(iso(addBusinessTime(ALWAYS_OPEN, at("2026-05-16T12:00:00Z"), 36 * H))).toBe("2026-05-18T00:00:00.000Z");
    expect(businessTimeBetween(ALWAYS_OPEN, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).toBe(365 * 24 * H);
    expect(openIntervals(ALWAYS_OPEN, at("2026-05-16T12:00:00Z"), at("2026-05-20T00:00:00Z"))).toHaveLength(1);
  });
});

describe("business time in a zone more than 12 hours ahead of UTC", () => {
  it("adds and measures back across Chatham's fall-back weekend (a property-test counterexample)", () => {
    const cal = parseCalendar({
      timeZone: "Pacific/Chatham",
      hours: { sat: [{ start: "02:05", end: "22:52" }], sun: [{ start: "02:00", end: "02:30" }] },
    });
    const start = new Date(1774742400000);
    const end = addBusinessTime(cal, start, 3_360_000);
    expect(end.toISOString()).toBe("2026-04-03T13:16:00.000Z");
    expect(businessTimeBetween(cal, start, end)).toBe(3_360_000);
    // Sunday 02:00–02:30 local, before the 03:45 change: still +13:45.
    expect(openIntervals(cal, new Date("2026-04-04T10:00:00Z"), new Date("2026-04-04T14:00:00Z"))).toEqual([
      { start: new Date("2026-04-04T12:15:00Z"), end: new Date("2026-04-04T12:45:00Z") },
    ]);
  });
});
