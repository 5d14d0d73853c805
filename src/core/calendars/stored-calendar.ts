/**
 * Calendars stored per workspace (table `calendars`): a name, the definition of calendar.ts
 * (time zone, weekly hours, holidays) and whether it is the workspace's default. What the
 * calendar commands share: the record type, lookups by id or name, the input schemas and the
 * workspace lock that keeps "at most one default" and "the first one is the default" true under
 * concurrent changes.
 *
 * Names are unique per workspace, case-insensitively, so a name finds at most one calendar.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/connection.js";
import { calendars } from "../../db/schema/index.js";
import { type Ctx, conflict, isUuid, notFound } from "../kernel/index.js";
import {
  type Calendar,
  calendarSchema,
  type Holiday,
  type OpenRange,
  parseCalendar,
  type Weekday,
} from "./calendar.js";

export interface StoredCalendar {
  id: string;
  name: string;
  /** The workspace's default: SLA policies without a calendar of their own use it. */
  isDefault: boolean;
  timeZone: string;
  hours: Readonly<Record<Weekday, readonly OpenRange[]>>;
  holidays: readonly Holiday[];
  createdAt: Date;
  updatedAt: Date;
}

export type CalendarRow = typeof calendars.$inferSelect;

export const MAX_CALENDAR_NAME = 100;

/** A stored row as the engine hands it out; the definition is re-validated (it was on the way in). */
export function toStoredCalendar(row: CalendarRow): StoredCalendar {
  const def = parseCalendar({ timeZone: row.timeZone, hours: row.hours, holidays: row.holidays });
  return {
    id: row.id,
    name: row.name,
    isDefault: row.isDefault,
    timeZone: def.timeZone,
    hours: def.hours,
    holidays: def.holidays,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The business-hours definition of a stored calendar (what business-time.ts computes with). */
export function definitionOf(c: Pick<StoredCalendar, "timeZone" | "hours" | "holidays">): Calendar {
  return { timeZone: c.timeZone, hours: c.hours, holidays: c.holidays };
}

const name = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_CALENDAR_NAME, `must be at most ${MAX_CALENDAR_NAME} characters`)
  .describe("unique in the workspace, case-insensitively");

const fields = calendarSchema.shape;

/** Monday to Friday, 09:00–17:00: the hours of a calendar created without any (and of the built-in one). */
export const STANDARD_HOURS: Readonly<Record<Weekday, readonly OpenRange[]>> = Object.freeze({
  mon: [{ start: "09:00", end: "17:00" }],
  tue: [{ start: "09:00", end: "17:00" }],
  wed: [{ start: "09:00", end: "17:00" }],
  thu: [{ start: "09:00", end: "17:00" }],
  fri: [{ start: "09:00", end: "17:00" }],
  sat: [],
  sun: [],
});

export const createCalendarInput = z
  .object({
    name,
    timeZone: fields.timeZone.optional().describe("IANA time zone (default: the workspace's time zone)"),
    hours: fields.hours
      .optional()
      .describe(
        'open ranges per weekday, e.g. { "mon": [{ "start": "09:00", "end": "17:00" }] } (default Mon–Fri 09:00–17:00)',
      ),
    holidays: fields.holidays.optional().describe('closed dates: { "date": "2026-12-25" } or { "yearly": "12-25" }'),
    isDefault: z.boolean().optional().describe("make it the workspace's default (the first calendar always is)"),
  })
  .strict();

export const updateCalendarInput = z
  .object({
    name: name.optional(),
    timeZone: fields.timeZone.optional(),
    /** The whole week: weekdays left out are closed. */
    hours: fields.hours.optional().describe("the whole week: weekdays left out are closed"),
    /** The complete holiday list (to add from a feed, import an .ics instead). */
    holidays: fields.holidays.optional().describe("the complete list of holidays"),
  })
  .strict();

export const importHolidaysInput = z
  .object({
    ics: z
      .string()
      .max(1_000_000, "must be at most 1,000,000 characters")
      .describe("the iCalendar (.ics) text of a holiday feed"),
    replace: z.boolean().default(false).describe("replace the calendar's holidays instead of adding to them"),
  })
  .strict();

export type CreateCalendarInput = z.input<typeof createCalendarInput>;
export type UpdateCalendarInput = z.input<typeof updateCalendarInput>;
export type ImportHolidaysInput = z.input<typeof importHolidaysInput>;

/**
 * Serialises calendar changes of one workspace (held until the transaction ends): the default
 * flag moves between rows in two statements, and "no calendar yet" must not be true for two
 * creates at once.
 */
export async function lockWorkspaceCalendars(tx: Tx, ctx: Ctx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`helpline:calendars:${ctx.workspaceId}`}))`);
}

/** The workspace's calendar with this id or name (case-insensitive); `calendar.not_found` otherwise. */
export async function findCalendarRow(tx: Tx, ctx: Ctx, ref: string, field = "calendar"): Promise<CalendarRow> {
  const key = ref.trim();
  const [row] = await tx
    .select()
    .from(calendars)
    .where(
      and(
        eq(calendars.workspaceId, ctx.workspaceId),
        isUuid(key) ? eq(calendars.id, key.toLowerCase()) : sql`lower(${calendars.name}) = lower(${key})`,
      ),
    );
  if (!row) throw notFound("calendar.not_found", `No calendar "${ref}" in this workspace.`, field);
  return row;
}

/** Refuses a name another calendar of the workspace has (case-insensitively); `except` is the one being renamed. */
export async function assertCalendarNameFree(tx: Tx, ctx: Ctx, value: string, except?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: calendars.id, name: calendars.name })
    .from(calendars)
    .where(and(eq(calendars.workspaceId, ctx.workspaceId), sql`lower(${calendars.name}) = lower(${value})`));
  if (taken && taken.id !== except) {
    throw conflict("calendar.name_taken", `name: a calendar named "${taken.name}" already exists.`, {
      field: "name",
    });
  }
}
