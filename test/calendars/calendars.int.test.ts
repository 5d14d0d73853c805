/**
 * Business-hours calendars through the library: the first one is the default,
 * names are unique case-insensitively, bad definitions are refused naming the
 * field, holidays come from an .ics feed, deleting is refused while an SLA
 * policy or a running clock uses a calendar, and `calendarFor` picks the
 * calendar an SLA target measures time in.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBusinessTime, calendarFor } from "../../src/core/calendars/index.js";
import { fixedClock, type Helpdesk } from "../../src/lib/index.js";
import {
  asNewAgent,
  auditActions,
  domainError,
  engineUnderTest,
  isolatedWorkspace,
  openTestDesk,
  type TestDesk,
} from "../harness.js";

const clock = fixedClock(new Date("2026-05-15T10:00:00.000Z"));
const FEED = readFileSync(new URL("../fixtures/calendars/berlin-2026.ics", import.meta.url), "utf8");
let testDesk: TestDesk;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
});

afterAll(async () => {
  await testDesk?.close();
});

const berlinWeek = {
  mon: [{ start: "09:00", end: "18:00" }],
  tue: [{ start: "09:00", end: "18:00" }],
  wed: [{ start: "09:00", end: "18:00" }],
  thu: [{ start: "09:00", end: "18:00" }],
  fri: [{ start: "09:00", end: "18:00" }],
};

describe(`creating, reading and changing calendars (${engineUnderTest})`, () => {
  let ws: Helpdesk;
  let manager: Helpdesk;
  beforeAll(async () => {
    ws = await isolatedWorkspace(testDesk.desk);
    manager = await asNewAgent(ws, "manager");
    await ws.settings.update({ timeZone: "Europe/Berlin" });
  });

  it("makes the first calendar the default, in the workspace's time zone and Mon–Fri 09:00–17:00 unless told", async () => {
    const first = await manager.calendars.create({ name: "Office hours" });
    expect(first).toMatchObject({ name: "Office hours", isDefault: true, timeZone: "Europe/Berlin", holidays: [] });
    expect(first.hours.mon).toEqual([{ start: "09:00", end: "17:00" }]);
    expect(first.hours.sat).toEqual([]);
    const second = await manager.calendars.create({
      name: "Night shift",
      timeZone: "UTC",
      hours: { mon: [{ start: "22:00", end: "06:00" }] },
    });
    expect(second).toMatchObject({ isDefault: false, timeZone: "UTC" });
    expect(second.hours.mon).toEqual([{ start: "22:00", end: "06:00" }]);
    expect(second.hours.tue).toEqual([]);
  });

  it("lists the default first and finds a calendar by id or by name in any case", async () => {
    const page = await manager.calendars.list();
    expect(page.items.map((c) => [c.name, c.isDefault])).toEqual([
      ["Office hours", true],
      ["Night shift", false],
    ]);
    expect(page.nextCursor).toBeNull();
    const night = page.items[1];
    expect((await manager.calendars.get(night?.id ?? "")).name).toBe("Night shift");
    expect((await manager.calendars.get("NIGHT SHIFT")).id).toBe(night?.id);
    const missing = await domainError(manager.calendars.get("Weekend"));
    expect([missing.kind, missing.code, missing.field]).toEqual(["not_found", "calendar.not_found", "calendar"]);
  });

  it("moves the default with isDefault on create and with setDefault, keeping exactly one", async () => {
    const support = await manager.calendars.create({
      name: "Support DE",
      timeZone: "Europe/Berlin",
      hours: berlinWeek,
      isDefault: true,
    });
    expect(support.isDefault).toBe(true);
    const defaults = async () => (await ws.calendars.list()).items.filter((c) => c.isDefault).map((c) => c.name);
    expect(await defaults()).toEqual(["Support DE"]);
    expect((await manager.calendars.setDefault("office hours")).isDefault).toBe(true);
    expect(await defaults()).toEqual(["Office hours"]);
    expect((await manager.calendars.setDefault("Office hours")).isDefault).toBe(true);
    expect(await defaults()).toEqual(["Office hours"]);
  });

  it("renames and replaces hours, holidays or the time zone; names stay unique in any case", async () => {
    const renamed = await manager.calendars.update("Support DE", {
      name: "Support Germany",
      hours: { ...berlinWeek, sat: [{ start: "10:00", end: "14:00" }] },
      holidays: [{ yearly: "12-25", name: "Christmas" }, { date: "2026-12-31" }],
    });
    expect(renamed).toMatchObject({ name: "Support Germany", timeZone: "Europe/Berlin" });
    expect(renamed.hours.sat).toEqual([{ start: "10:00", end: "14:00" }]);
    expect(renamed.holidays).toEqual([{ yearly: "12-25", name: "Christmas" }, { date: "2026-12-31" }]);
    const zone = await manager.calendars.update("Support Germany", { timeZone: "Europe/Vienna" });
    expect(zone.timeZone).toBe("Europe/Vienna");
    expect(zone.hours.sat).toEqual([{ start: "10:00", end: "14:00" }]);
    const taken = await domainError(manager.calendars.update("Support Germany", { name: "night SHIFT" }));
    expect([taken.kind, taken.code]).toEqual(["conflict", "calendar.name_taken"]);
    const dup = await domainError(manager.calendars.create({ name: "OFFICE HOURS" }));
    expect(dup.code).toBe("calendar.name_taken");
    expect(await auditActions(ws, "calendar.")).toEqual(
      expect.arrayContaining(["calendar.created", "calendar.changed", "calendar.default_changed"]),
    );
  });

  it("refuses overlapping ranges, unknown time zones, empty weeks and bad holidays, naming the field", async () => {
    const overlap = await domainError(
      manager.calendars.create({
        name: "Broken",
        hours: {
          mon: [
            { start: "09:00", end: "13:00" },
            { start: "12:00", end: "17:00" },
          ],
        },
      }),
    );
    expect([overlap.kind, overlap.field]).toEqual(["validation", "hours.mon.1"]);
    expect(overlap.message).toMatch(/overlaps range 0 \(09:00–13:00\)/);
    const zone = await domainError(manager.calendars.create({ name: "Broken", timeZone: "Mars/Olympus" }));
    expect([zone.field, zone.message]).toEqual(["timeZone", expect.stringMatching(/IANA time zone/)]);
    const never = await domainError(manager.calendars.update("Office hours", { hours: {} }));
    expect([never.field, never.message]).toEqual(["hours", expect.stringMatching(/never be open/)]);
    const time = await domainError(
      manager.calendars.update("Office hours", { hours: { tue: [{ start: "9", end: "17:00" }] } }),
    );
    expect(time.field).toBe("hours.tue.0.start");
    const holiday = await domainError(manager.calendars.update("Office hours", { holidays: [{ date: "2026-02-30" }] }));
    expect(holiday.field).toBe("holidays.0.date");
    const extra = await domainError(manager.calendars.create({ name: "X", colour: "red" } as never));
    expect(extra.field).toBe("colour");
    const blank = await domainError(manager.calendars.create({ name: "  " }));
    expect(blank.field).toBe("name");
    expect((await ws.calendars.list()).items.map((c) => c.name)).not.toContain("Broken");
  });

  it("lets every agent read calendars; only managers and superadmins change them; customers see none", async () => {
    const agent = await asNewAgent(ws, "agent");
    expect((await agent.calendars.list()).items.length).toBe(3);
    expect((await agent.calendars.get("Office hours")).isDefault).toBe(true);
    for (const attempt of [
      agent.calendars.create({ name: "Mine" }),
      agent.calendars.update("Office hours", { name: "Mine" }),
      agent.calendars.setDefault("Night shift"),
      agent.calendars.delete("Night shift"),
      agent.calendars.importHolidays("Office hours", FEED),
    ]) {
      expect((await domainError(attempt)).kind).toBe("forbidden");
    }
    const admin = await asNewAgent(ws, "superadmin");
    expect((await admin.calendars.update("Night shift", { name: "Late shift" })).name).toBe("Late shift");
    const c = await ws.people.createCustomer({ email: "cora@mail.test" });
    const customer = ws.as({ type: "customer", id: c.id, role: "customer", companyId: null });
    expect((await domainError(customer.calendars.list())).kind).toBe("forbidden");
    expect((await domainError(customer.calendars.get("Office hours"))).kind).toBe("forbidden");
  });

  it("keeps each workspace's calendars to itself", async () => {
    const other = await isolatedWorkspace(testDesk.desk);
    const mine = await ws.calendars.get("Office hours");
    expect((await domainError(other.calendars.get(mine.id))).code).toBe("calendar.not_found");
    expect((await domainError(other.calendars.update(mine.id, { name: "Taken over" }))).code).toBe(
      "calendar.not_found",
    );
    expect((await domainError(other.calendars.delete(mine.id))).code).toBe("calendar.not_found");
    expect((await other.calendars.create({ name: "Office hours" })).isDefault).toBe(true);
    expect((await ws.calendars.get(mine.id)).name).toBe("Office hours");
  });
});

describe(`importing holidays from an .ics feed (${engineUnderTest})`, () => {
  let ws: Helpdesk;
  beforeAll(async () => {
    ws = await isolatedWorkspace(testDesk.desk);
    await ws.calendars.create({
      name: "Berlin",
      timeZone: "Europe/Berlin",
      holidays: [{ date: "2026-12-25", name: "Xmas" }],
    });
  });

  it("adds the feed's holidays, keeps a date once with its own name, and reports what it skipped", async () => {
    const r = await ws.calendars.importHolidays("berlin", FEED);
    expect([r.added, r.skipped, r.removed]).toEqual([8, 1, 0]);
    expect(r.warnings).toEqual([
      { line: 35, reason: "cancelled event" },
      { line: 41, reason: "VTODO is not an event; only VEVENT becomes a holiday" },
    ]);
    expect(r.calendar.holidays).toEqual([
      { date: "2026-12-25", name: "Xmas" },
      { yearly: "01-01", name: "Neujahr" },
      { date: "2026-03-08", name: "Internationaler Frauentag" },
      { date: "2026-04-03", name: "Ostern (Karfreitag bis Ostermontag)" },
      { date: "2026-04-04", name: "Ostern (Karfreitag bis Ostermontag)" },
      { date: "2026-04-05", name: "Ostern (Karfreitag bis Ostermontag)" },
      { date: "2026-04-06", name: "Ostern (Karfreitag bis Ostermontag)" },
      { date: "2026-05-01", name: "Tag der Arbeit" },
      { date: "2026-12-26", name: "Weihnachten" },
    ]);
    expect(await auditActions(ws, "calendar.")).toContain("calendar.holidays_imported");
  });

  it("adds nothing the second time, and counts a date a yearly holiday covers as already there", async () => {
    const again = await ws.calendars.importHolidays("Berlin", FEED);
    expect([again.added, again.skipped, again.calendar.holidays.length]).toEqual([0, 9, 9]);
    const newYear =
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:New year\nEND:VEVENT\nEND:VCALENDAR\n";
    const covered = await ws.calendars.importHolidays("Berlin", newYear);
    expect([covered.added, covered.skipped]).toEqual([0, 1]);
  });

  it("closes the imported days for business time", async () => {
    const { calendar } = await calendarFor(ws.database.db, ws.workspace.id, null);
    // Thursday 2 April 2026 16:00 Berlin + 4 business hours: Good Friday to Easter Monday are closed.
    const due = addBusinessTime(calendar, new Date("2026-04-02T14:00:00Z"), 4 * 3_600_000);
    expect(due.toISOString()).toBe("2026-04-07T10:00:00.000Z");
  });

  it("replaces the whole list with `replace`, reporting what went", async () => {
    const feed =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const r = await ws.calendars.importHolidays("Berlin", feed, { replace: true });
    expect([r.added, r.skipped, r.removed]).toEqual([0, 1, 8]);
    expect(r.calendar.holidays).toEqual([{ date: "2026-12-25", name: "Christmas" }]);
  });

  it("refuses a feed without a usable holiday and leaves the calendar as it was", async () => {
    for (const ics of [
      "this is not a calendar",
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:no date\nEND:VEVENT\nEND:VCALENDAR",
      "",
    ]) {
      const err = await domainError(ws.calendars.importHolidays("Berlin", ics, { replace: true }));
      expect([err.kind, err.code, err.field], ics).toEqual(["validation", "calendar.ics_no_holidays", "ics"]);
    }
    const bad = await domainError(ws.calendars.importHolidays("Berlin", "hello"));
    expect(bad.message).toMatch(/line 1: not an iCalendar content line/);
    expect((await ws.calendars.get("Berlin")).holidays).toEqual([{ date: "2026-12-25", name: "Christmas" }]);
    expect((await domainError(ws.calendars.importHolidays("Nowhere", FEED))).code).toBe("calendar.not_found");
  });
});

describe(`deleting calendars (${engineUnderTest})`, () => {
  let ws: Helpdesk;
  beforeAll(async () => {
    ws = await isolatedWorkspace(testDesk.desk);
    await ws.calendars.create({ name: "Default" });
    await ws.calendars.create({ name: "Used" });
    await ws.calendars.create({ name: "Clocked" });
  });

  it("refuses while an SLA policy uses the calendar, naming the policy", async () => {
    const used = await ws.calendars.get("Used");
    await ws.database.executeSql(
      `insert into sla_policies (id, workspace_id, name, position, calendar_id, targets, created_at, updated_at)
       values (gen_random_uuid(), $1, 'Enterprise', 0, $2, '{}'::jsonb, now(), now())`,
      [ws.workspace.id, used.id],
    );
    const err = await domainError(ws.calendars.delete("Used"));
    expect([err.kind, err.code]).toEqual(["conflict", "calendar.in_use"]);
    expect(err.message).toMatch(/SLA policy "Enterprise"/);
    expect(err.details).toEqual({ policies: ["Enterprise"] });
    await ws.database.executeSql("update sla_policies set calendar_id = null where workspace_id = $1", [
      ws.workspace.id,
    ]);
    expect((await ws.calendars.delete("Used")).name).toBe("Used");
    expect((await domainError(ws.calendars.get("Used"))).code).toBe("calendar.not_found");
  });

  it("refuses while a running SLA clock measures time in it; a stopped clock forgets it", async () => {
    const cal = await ws.calendars.get("Clocked");
    const t = await ws.tickets.create({ subject: "Printer", requester: "pat@mail.test" });
    const clockRow = (state: string) =>
      ws.database.executeSql(
        `insert into ticket_sla_clocks (ticket_id, metric, workspace_id, target_ms, business, calendar_id, state,
           started_at, resumed_at, updated_at)
         values ($1, 'resolution', $2, 3600000, true, $3, $4, now(), now(), now())
         on conflict (ticket_id, metric) do update set calendar_id = excluded.calendar_id, state = excluded.state`,
        [t.id, ws.workspace.id, cal.id, state],
      );
    await clockRow("running");
    const err = await domainError(ws.calendars.delete("Clocked"));
    expect([err.code, err.details]).toEqual(["calendar.in_use", { clocks: 1 }]);
    await clockRow("stopped");
    expect((await ws.calendars.delete("Clocked")).name).toBe("Clocked");
    const { rows } = await ws.database.executeSql(
      "select calendar_id from ticket_sla_clocks where ticket_id = $1 and metric = 'resolution'",
      [t.id],
    );
    expect(rows[0]?.calendar_id).toBeNull();
  });

  it("deletes the default only when it is the last calendar", async () => {
    // Clocks the SLA engine may have started for the ticket above have no say here.
    await ws.database.executeSql("update ticket_sla_clocks set state = 'stopped' where workspace_id = $1", [
      ws.workspace.id,
    ]);
    await ws.calendars.create({ name: "Spare" });
    const err = await domainError(ws.calendars.delete("Default"));
    expect([err.code, err.message]).toEqual(["calendar.is_default", expect.stringMatching(/"Spare"/)]);
    await ws.calendars.delete("Spare");
    expect((await ws.calendars.delete("Default")).isDefault).toBe(true);
    expect((await ws.calendars.list()).items).toEqual([]);
    expect(await auditActions(ws, "calendar.")).toContain("calendar.deleted");
  });
});

describe(`calendarFor: the calendar an SLA target uses (${engineUnderTest})`, () => {
  let ws: Helpdesk;
  beforeAll(async () => {
    ws = await isolatedWorkspace(testDesk.desk);
  });
  const pick = (id: string | null) => calendarFor(ws.database.db, ws.workspace.id, id);

  it("is a built-in Mon–Fri 09:00–17:00 calendar in the workspace's time zone while there is none", async () => {
    const utc = await pick(null);
    expect(utc.id).toBeNull();
    expect(utc.calendar.timeZone).toBe("UTC");
    expect(utc.calendar.hours.fri).toEqual([{ start: "09:00", end: "17:00" }]);
    expect(utc.calendar.hours.sat).toEqual([]);
    await ws.settings.update({ timeZone: "America/New_York" });
    const ny = await pick(null);
    expect([ny.id, ny.calendar.timeZone]).toEqual([null, "America/New_York"]);
    // Friday 16:30 New York + 1 business hour → Monday 09:30.
    expect(addBusinessTime(ny.calendar, new Date("2026-05-15T20:30:00Z"), 3_600_000).toISOString()).toBe(
      "2026-05-18T13:30:00.000Z",
    );
  });

  it("is the given calendar, else the default (also for an id of another workspace)", async () => {
    const main = await ws.calendars.create({ name: "Main", timeZone: "Europe/Berlin" });
    const late = await ws.calendars.create({
      name: "Late",
      timeZone: "UTC",
      hours: { mon: [{ start: "18:00", end: "23:00" }] },
    });
    expect(await pick(null)).toMatchObject({ id: main.id, name: "Main", calendar: { timeZone: "Europe/Berlin" } });
    expect(await pick(late.id)).toMatchObject({ id: late.id, name: "Late" });
    const foreign = await (await isolatedWorkspace(testDesk.desk)).calendars.create({ name: "Theirs" });
    expect((await pick(foreign.id)).id).toBe(main.id);
    expect((await pick("not-a-uuid")).id).toBe(main.id);
  });

  it("hands out the same calendar object until the calendar changes, then the new definition", async () => {
    const a = await pick(null);
    const b = await pick(null);
    expect(b.calendar).toBe(a.calendar);
    await ws.calendars.update("Main", { hours: { tue: [{ start: "10:00", end: "12:00" }] } });
    const c = await pick(null);
    expect(c.calendar).not.toBe(a.calendar);
    expect(c.calendar.hours.mon).toEqual([]);
    expect(c.calendar.hours.tue).toEqual([{ start: "10:00", end: "12:00" }]);
    await ws.calendars.update("Main", { name: "Main office" });
    expect((await pick(null)).name).toBe("Main office");
    await ws.calendars.setDefault("Late");
    expect((await pick(null)).name).toBe("Late");
  });
});
