import { and, eq } from "drizzle-orm";
import { calendars } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { parseCalendar } from "./calendar.js";
import {
  assertCalendarNameFree,
  findCalendarRow,
  lockWorkspaceCalendars,
  type StoredCalendar,
  toStoredCalendar,
  updateCalendarInput,
} from "./stored-calendar.js";

/**
 * Renames a calendar or replaces its time zone, its week of hours or its holiday list
 * (managers and superadmins; audited). `hours` is the whole week: weekdays left out are closed.
 * SLA clocks measured in it see the change the next time they are computed.
 */
export async function updateCalendar(ctx: Ctx, ref: string, rawInput: unknown): Promise<StoredCalendar> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(updateCalendarInput, rawInput);
  return ctx.db.transaction(async (tx) => {
    await lockWorkspaceCalendars(tx, ctx);
    const current = await findCalendarRow(tx, ctx, ref);
    if (input.name !== undefined) await assertCalendarNameFree(tx, ctx, input.name, current.id);
    const def = parseCalendar({
      timeZone: input.timeZone ?? current.timeZone,
      hours: input.hours ?? current.hours,
      holidays: input.holidays ?? current.holidays,
    });
    const changed = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
    if (changed.length === 0) return toStoredCalendar(current);
    const [row] = await tx
      .update(calendars)
      .set({
        name: input.name ?? current.name,
        timeZone: def.timeZone,
        hours: def.hours,
        holidays: def.holidays,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(calendars.workspaceId, ctx.workspaceId), eq(calendars.id, current.id)))
      .returning();
    if (!row) throw new Error("calendar update returned nothing");
    await recordAudit(tx, ctx, {
      action: "calendar.changed",
      target: { type: "calendar", id: row.id },
      details: { name: row.name, changed },
    });
    return toStoredCalendar(row);
  });
}
