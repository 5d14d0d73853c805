/**
 * Which calendar an SLA target measures business time in. One query reads the workspace's time
 * zone and the calendar (the given one, else the default); parsed calendars are kept in a small
 * in-process cache keyed by the calendar and a digest of its name and definition, so an entry is
 * never stale (whoever changed the row, whenever), and handing out the same object lets
 * business-time.ts reuse the open hours it computed for earlier days.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";
import { isTimeZone, isUuid, notFound } from "../kernel/index.js";
import { type Calendar, parseCalendar } from "./calendar.js";
import { STANDARD_HOURS } from "./stored-calendar.js";

export interface CalendarChoice {
  /** null: the built-in calendar (the workspace has no calendar that applies). */
  id: string | null;
  name: string;
  calendar: Calendar;
}

export const BUILT_IN_CALENDAR_NAME = "Built-in (Mon–Fri 09:00–17:00)";

const CACHE_LIMIT = 500;
const cache = new Map<string, { version: string; choice: CalendarChoice }>();
const builtIns = new Map<string, CalendarChoice>();

function remember(key: string, version: string, choice: CalendarChoice): CalendarChoice {
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, { version, choice });
  return choice;
}

/** Monday to Friday, 09:00–17:00 in `timeZone`, no holidays (one object per zone). */
export function builtInCalendar(timeZone: string): CalendarChoice {
  let choice = builtIns.get(timeZone);
  if (!choice) {
    const calendar = Object.freeze(parseCalendar({ timeZone, hours: STANDARD_HOURS, holidays: [] }));
    choice = Object.freeze({ id: null, name: BUILT_IN_CALENDAR_NAME, calendar });
    builtIns.set(timeZone, choice);
  }
  return choice;
}

interface Row {
  tz: string | null;
  id: string | null;
  name: string | null;
  time_zone: string | null;
  hours: unknown;
  holidays: unknown;
  version: string | null;
}

/**
 * The calendar an SLA target uses: the given one, else the workspace default, else a built-in
 * Mon–Fri 09:00–17:00 calendar in the workspace time zone (settings.timeZone, default UTC).
 * A `calendarId` that is not a calendar of this workspace counts as none given.
 */
export async function calendarFor(
  db: Db | Tx,
  workspaceId: string,
  calendarId: string | null,
): Promise<{ id: string | null; name: string; calendar: Calendar }> {
  const id = calendarId !== null && isUuid(calendarId) ? calendarId.toLowerCase() : null;
  const [row] = await queryRows<Row>(
    db,
    sql`select w.settings ->> 'timeZone' as tz, c.id, c.name, c.time_zone, c.hours, c.holidays,
        md5(c.name || ' ' || c.time_zone || ' ' || c.hours::text || ' ' || c.holidays::text) as version
      from workspaces w
      left join lateral (
        select * from calendars k
        where k.workspace_id = w.id and (k.id = ${id}::uuid or k.is_default)
        order by (k.id = ${id}::uuid) is true desc
        limit 1
      ) c on true
      where w.id = ${workspaceId}`,
  );
  if (!row) throw notFound("workspace.not_found", `No workspace with id ${workspaceId}.`);
  if (row.id === null) return builtInCalendar(row.tz && isTimeZone(row.tz) ? row.tz : "UTC");
  const key = `${workspaceId}:${row.id}`;
  const version = row.version ?? "";
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.choice;
  const calendar = Object.freeze(parseCalendar({ timeZone: row.time_zone, hours: row.hours, holidays: row.holidays }));
  return remember(key, version, Object.freeze({ id: row.id, name: row.name ?? "", calendar }));
}
