import { and, eq, ne } from "drizzle-orm";
import { calendars } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import type { Ctx } from "../kernel/index.js";
import { findCalendarRow, lockWorkspaceCalendars, type StoredCalendar, toStoredCalendar } from "./stored-calendar.js";

/**
 * Makes a calendar the workspace's default (managers and superadmins; audited): SLA policies
 * without a calendar of their own measure business time in it from now on.
 */
export async function setDefaultCalendar(ctx: Ctx, ref: string): Promise<StoredCalendar> {
  authorize(ctx.actor, "automation:manage");
  return ctx.db.transaction(async (tx) => {
    await lockWorkspaceCalendars(tx, ctx);
    const row = await findCalendarRow(tx, ctx, ref);
    if (row.isDefault) return toStoredCalendar(row);
    const now = ctx.clock.now();
    const ws = eq(calendars.workspaceId, ctx.workspaceId);
    const previous = await tx
      .update(calendars)
      .set({ isDefault: false, updatedAt: now })
      .where(and(ws, eq(calendars.isDefault, true), ne(calendars.id, row.id)))
      .returning({ name: calendars.name });
    const [updated] = await tx
      .update(calendars)
      .set({ isDefault: true, updatedAt: now })
      .where(and(ws, eq(calendars.id, row.id)))
      .returning();
    if (!updated) throw new Error("calendar update returned nothing");
    await recordAudit(tx, ctx, {
      action: "calendar.default_changed",
      target: { type: "calendar", id: row.id },
      details: { name: row.name, previous: previous[0]?.name ?? null },
    });
    return toStoredCalendar(updated);
  });
}
