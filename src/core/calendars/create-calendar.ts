import { and, eq } from "drizzle-orm";
import { calendars } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, newId, parseInput } from "../kernel/index.js";
import { readWorkspaceSettings } from "../people/index.js";
import { parseCalendar } from "./calendar.js";
import {
  assertCalendarNameFree,
  createCalendarInput,
  lockWorkspaceCalendars,
  STANDARD_HOURS,
  type StoredCalendar,
  toStoredCalendar,
} from "./stored-calendar.js";

/**
 * Adds a business-hours calendar to the workspace (managers and superadmins; audited). Without
 * a time zone it takes the workspace's, without hours Monday to Friday 09:00–17:00. The
 * workspace's first calendar becomes its default; `isDefault: true` makes a later one the default.
 */
export async function createCalendar(ctx: Ctx, rawInput: unknown): Promise<StoredCalendar> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(createCalendarInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const timeZone = input.timeZone ?? (await readWorkspaceSettings(tx, ctx.workspaceId)).timeZone;
    const def = parseCalendar({ timeZone, hours: input.hours ?? STANDARD_HOURS, holidays: input.holidays ?? [] });
    await lockWorkspaceCalendars(tx, ctx);
    await assertCalendarNameFree(tx, ctx, input.name);
    const [current] = await tx
      .select({ id: calendars.id })
      .from(calendars)
      .where(and(eq(calendars.workspaceId, ctx.workspaceId), eq(calendars.isDefault, true)));
    const isDefault = input.isDefault === true || !current;
    if (isDefault && current) {
      await tx
        .update(calendars)
        .set({ isDefault: false, updatedAt: now })
        .where(and(eq(calendars.workspaceId, ctx.workspaceId), eq(calendars.id, current.id)));
    }
    const [row] = await tx
      .insert(calendars)
      .values({
        id: newId(now),
        workspaceId: ctx.workspaceId,
        name: input.name,
        timeZone: def.timeZone,
        hours: def.hours,
        holidays: def.holidays,
        isDefault,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("calendar insert returned nothing");
    await recordAudit(tx, ctx, {
      action: "calendar.created",
      target: { type: "calendar", id: row.id },
      details: { name: row.name, timeZone: row.timeZone, isDefault, holidays: def.holidays.length },
    });
    return toStoredCalendar(row);
  });
}
