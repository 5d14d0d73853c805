import { describe, expect, it } from "vitest";
import { parseCalendar } from "./calendar.js";
import { parseIcsHolidays } from "./ics.js";

/** A national holidays feed as served: CRLF line ends, folded long lines, escaped commas. */
const GERMAN_HOLIDAYS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Example//Feiertage//DE",
  "CALSCALE:GREGORIAN",
  "X-WR-CALNAME:Feiertage Deutschland",
  "BEGIN:VEVENT",
  "UID:neujahr@example.org",
  "DTSTAMP:20250101T000000Z",
  "DTSTART;VALUE=DATE:20260101",
  "DTEND;VALUE=DATE:20260102",
  "SUMMARY:Neujahr",
  "RRULE:FREQ=YEARLY",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:karfreitag-2026@example.org",
  "DTSTART;VALUE=DATE:20260403",
  "DTEND;VALUE=DATE:20260404",
  "SUMMARY:Karfreitag",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:weihnachten-2026@example.org",
  "DTSTART;VALUE=DATE:20261224",
  "DTEND;VALUE=DATE:20261227",
  "SUMMARY:Weihnachten (Heiligabend\\, 1. und 2. Weihnachts",
  " feiertag)",
  "DESCRIPTION:Eine lange Beschreibung\\, die über zwei Zeilen",
  "\t gefaltet ist",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:einheit@example.org",
  "DTSTART;VALUE=DATE:20261003",
  "SUMMARY:Tag der Deutschen Einheit",
  "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=10;BYMONTHDAY=3",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:neujahr-copy@example.org",
  "DTSTART;VALUE=DATE:20260101",
  "SUMMARY:Neujahr (Kopie)",
  "RRULE:FREQ=YEARLY",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

/** A calendar-app export: LF line ends, a time zone, alarms, date-times and things to skip. */
const OFFICE_EXPORT = `BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:STANDARD
DTSTART:19701101T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART:20261225T000000Z
DTEND:20261226T000000Z
SUMMARY:Christmas Day
BEGIN:VALARM
ACTION:DISPLAY
TRIGGER:-PT15M
SUMMARY:Alarm text is not a name
END:VALARM
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20261127T090000
DTEND;TZID=America/New_York:20261127T130000
SUMMARY:Day after Thanksgiving (half day)
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261126
SUMMARY:Thanksgiving
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20260704
DURATION:P1D
SUMMARY:Independence Day
RRULE:FREQ=YEARLY;COUNT=3
EXDATE;VALUE=DATE:20270704
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20260907
SUMMARY:Labor Day
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
SUMMARY:No start
END:VEVENT
BEGIN:VEVENT
DTSTART:2026-05-25
SUMMARY:Memorial Day
END:VEVENT
BEGIN:VTODO
SUMMARY:Buy a turkey
END:VTODO
this line is not iCalendar
BEGIN:VEVENT
DTSTART;VALUE=DATE:20260229
SUMMARY:No such day
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20270101
SUMMARY:Never closed
END:VCALENDAR
`;

/** 1-based line number of the first line of `text` equal to `line`, after the `after` line. */
function lineOf(text: string, line: string, after = ""): number {
  const lines = text.split(/\r?\n/);
  const from = after ? lines.indexOf(after) : 0;
  const i = lines.indexOf(line, from);
  if (i < 0) throw new Error(`fixture has no line ${line}`);
  return i + 1;
}

describe("parseIcsHolidays: a national holidays feed", () => {
  const result = parseIcsHolidays(GERMAN_HOLIDAYS);

  it("reads all-day events, yearly rules, multi-day events and folded names", () => {
    const name = "Weihnachten (Heiligabend, 1. und 2. Weihnachtsfeiertag)";
    expect(result.holidays).toEqual([
      { yearly: "01-01", name: "Neujahr" },
      { date: "2026-04-03", name: "Karfreitag" },
      { date: "2026-12-24", name },
      { date: "2026-12-25", name },
      { date: "2026-12-26", name },
      { yearly: "10-03", name: "Tag der Deutschen Einheit" },
    ]);
  });

  it("skips nothing and gives holidays a calendar accepts", () => {
    expect(result.skipped).toEqual([]);
    const cal = parseCalendar({
      timeZone: "Europe/Berlin",
      hours: { mon: [{ start: "09:00", end: "17:00" }] },
      holidays: result.holidays,
    });
    expect(cal.holidays).toHaveLength(6);
  });
});

describe("parseIcsHolidays: a calendar-app export", () => {
  const result = parseIcsHolidays(OFFICE_EXPORT);

  it("takes the date of date-times and treats a midnight end as exclusive", () => {
    expect(result.holidays).toEqual([
      { date: "2026-12-25", name: "Christmas Day" },
      { date: "2026-11-27", name: "Day after Thanksgiving (half day)" },
      { date: "2026-11-26", name: "Thanksgiving" },
      { date: "2026-07-04", name: "Independence Day" },
      { date: "2027-07-04", name: "Independence Day" },
      { date: "2028-07-04", name: "Independence Day" },
    ]);
  });

  it("reports each thing it could not use, with its line and a reason", () => {
    const at = (line: string, after?: string) => lineOf(OFFICE_EXPORT, line, after);
    expect(result.skipped).toEqual([
      {
        line: at("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"),
        reason: 'RRULE "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH" is not a plain yearly repeat; imported only 2026-11-26',
      },
      { line: at("EXDATE;VALUE=DATE:20270704"), reason: "EXDATE is not supported; ignored" },
      { line: at("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260704"), reason: "cancelled event" },
      { line: at("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260907"), reason: "VEVENT without DTSTART" },
      {
        line: at("DTSTART:2026-05-25"),
        reason: 'DTSTART "2026-05-25" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS)',
      },
      { line: at("BEGIN:VTODO"), reason: "VTODO is not an event; only VEVENT becomes a holiday" },
      { line: at("this line is not iCalendar"), reason: "not an iCalendar content line (NAME:value)" },
      {
        line: at("DTSTART;VALUE=DATE:20260229"),
        reason: 'DTSTART "20260229" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS)',
      },
      { line: at("END:VCALENDAR"), reason: "END:VCALENDAR does not close VEVENT" },
      { line: at("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260229"), reason: "VEVENT is not closed by END:VEVENT" },
    ]);
  });
});

describe("parseIcsHolidays: edge cases", () => {
  const wrap = (...lines: string[]) =>
    ["BEGIN:VCALENDAR", "BEGIN:VEVENT", ...lines, "END:VEVENT", "END:VCALENDAR"].join("\n");

  it("ignores a byte-order mark and lone CR line ends", () => {
    const text = `\uFEFF${wrap("DTSTART;VALUE=DATE:20260501", "SUMMARY:Tag der Arbeit").replace(/\n/g, "\r")}`;
    expect(parseIcsHolidays(text)).toEqual({ holidays: [{ date: "2026-05-01", name: "Tag der Arbeit" }], skipped: [] });
  });

  it("reads an event without a summary as a nameless holiday", () => {
    expect(parseIcsHolidays(wrap("DTSTART:20260501")).holidays).toEqual([{ date: "2026-05-01" }]);
  });

  it("expands a yearly rule with UNTIL, and 29 February only in leap years", () => {
    expect(parseIcsHolidays(wrap("DTSTART;VALUE=DATE:20261231", "RRULE:FREQ=YEARLY;UNTIL=20281231")).holidays).toEqual([
      { date: "2026-12-31" },
      { date: "2027-12-31" },
      { date: "2028-12-31" },
    ]);
    expect(parseIcsHolidays(wrap("DTSTART;VALUE=DATE:20240229", "RRULE:FREQ=YEARLY;COUNT=2")).holidays).toEqual([
      { date: "2024-02-29" },
      { date: "2028-02-29" },
    ]);
  });

  it("makes a multi-day yearly event several yearly holidays", () => {
    const text = wrap("DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270102", "RRULE:FREQ=YEARLY");
    expect(parseIcsHolidays(text).holidays).toEqual([{ yearly: "12-31" }, { yearly: "01-01" }]);
  });

  it("treats an end not after the start as one day and refuses events longer than a year", () => {
    expect(parseIcsHolidays(wrap("DTSTART;VALUE=DATE:20260501", "DTEND;VALUE=DATE:20260501")).holidays).toEqual([
      { date: "2026-05-01" },
    ]);
    expect(parseIcsHolidays(wrap("DTSTART;VALUE=DATE:20260101", "DTEND;VALUE=DATE:20280101")).skipped).toEqual([
      { line: 2, reason: "event spans 730 days; more than 366 is not a holiday" },
    ]);
  });

  it("reports unreadable ends and durations", () => {
    expect(parseIcsHolidays(wrap("DTSTART;VALUE=DATE:20260501", "DTEND:soon")).skipped).toEqual([
      { line: 4, reason: 'DTEND "soon" is not a date' },
    ]);
    expect(parseIcsHolidays(wrap("DTSTART;VALUE=DATE:20260501", "DURATION:P")).skipped).toEqual([
      { line: 4, reason: 'DURATION "P" is not a duration' },
    ]);
    expect(parseIcsHolidays(wrap("DTSTART;VALUE=DATE:20260501", "DURATION:P1W")).holidays).toHaveLength(7);
  });

  it("says when there is nothing to import", () => {
    expect(parseIcsHolidays("")).toEqual({ holidays: [], skipped: [] });
    expect(parseIcsHolidays("BEGIN:VCALENDAR\nEND:VCALENDAR\n").skipped).toEqual([
      { line: 1, reason: "no VEVENT found" },
    ]);
  });

  it("keeps colons inside quoted parameters out of the value", () => {
    const text = wrap('DTSTART;X-NOTE="a:b";VALUE=DATE:20260501', "SUMMARY:Labour Day: closed");
    expect(parseIcsHolidays(text).holidays).toEqual([{ date: "2026-05-01", name: "Labour Day: closed" }]);
  });
});
