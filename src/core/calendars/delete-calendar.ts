import { and, asc, eq, ne, sql } from "drizzle-orm";
import { calendars, slaPolicies, ticketSlaClocks } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, conflict } from "../kernel/index.js";
import { findCalendarRow, lockWorkspaceCalendars, type StoredCalendar, toStoredCalendar } from "./stored-calendar.js";

const listed = (names: string[], more: number) =>
  names.map((n) => `"${n}"`).join(", ") + (more > 0 ? ` and ${more} more` : "");

/**
 * Deletes a calendar (managers and superadmins; audited) and answers it. Refused with
 * `calendar.in_use` while an SLA policy or a running or paused SLA clock measures time in it
 * (point them at another calendar first); finished clocks forget it. The default calendar can
 * only go last: while others exist, make one of them the default first (`calendar.is_default`).
 */
export async function deleteCalendar(ctx: Ctx, ref: string): Promise<StoredCalendar> {
  authorize(ctx.actor, "automation:manage");
  return ctx.db.transaction(async (tx) => {
    await lockWorkspaceCalendars(tx, ctx);
    const row = await findCalendarRow(tx, ctx, ref);
    const ws = eq(calendars.workspaceId, ctx.workspaceId);
    const policies = await tx
      .select({ name: slaPolicies.name })
      .from(slaPolicies)
      .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), eq(slaPolicies.calendarId, row.id)))
      .orderBy(asc(slaPolicies.position), asc(slaPolicies.name));
    if (policies.length > 0) {
      const names = policies.map((p) => p.name);
      throw conflict(
        "calendar.in_use",
        `The calendar "${row.name}" is used by the SLA ${names.length === 1 ? "policy" : "policies"} ${listed(names.slice(0, 5), names.length - 5)}; give ${names.length === 1 ? "it" : "them"} another calendar first.`,
        { policies: names },
      );
    }
    const clockScope = and(eq(ticketSlaClocks.workspaceId, ctx.workspaceId), eq(ticketSlaClocks.calendarId, row.id));
    const [live] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(ticketSlaClocks)
      .where(and(clockScope, ne(ticketSlaClocks.state, "stopped")));
    const clocks = Number(live?.n ?? 0);
    if (clocks > 0) {
      throw conflict(
        "calendar.in_use",
        `The calendar "${row.name}" still measures ${clocks} running or paused SLA ${clocks === 1 ? "clock" : "clocks"}; delete it once they have stopped.`,
        { clocks },
      );
    }
    if (row.isDefault) {
      const [other] = await tx
        .select({ name: calendars.name })
        .from(calendars)
        .where(and(ws, ne(calendars.id, row.id)))
        .limit(1);
      if (other) {
        throw conflict(
          "calendar.is_default",
          `The calendar "${row.name}" is the workspace's default; make another one (e.g. "${other.name}") the default first.`,
        );
      }
    }
    await tx.update(ticketSlaClocks).set({ calendarId: null }).where(clockScope);
    await tx.delete(calendars).where(and(ws, eq(calendars.id, row.id)));
    await recordAudit(tx, ctx, {
      action: "calendar.deleted",
      target: { type: "calendar", id: row.id },
      details: { name: row.name, wasDefault: row.isDefault },
    });
    return toStoredCalendar(row);
  });
}
