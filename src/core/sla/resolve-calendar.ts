import { and, eq, or, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { calendars } from "../../db/schema/index.js";
import { type Ctx, notFound } from "../kernel/index.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar id from an id or a name (case-insensitive); null stays null (the workspace default). */
export async function calendarIdOf(tx: Tx, ctx: Ctx, ref: string | null | undefined): Promise<string | null> {
  if (ref === null || ref === undefined) return null;
  const byName = sql`lower(${calendars.name}) = lower(${ref})`;
  const [row] = await tx
    .select({ id: calendars.id })
    .from(calendars)
    .where(
      and(eq(calendars.workspaceId, ctx.workspaceId), UUID.test(ref) ? or(eq(calendars.id, ref), byName) : byName),
    );
  if (!row) throw notFound("calendar.not_found", `No calendar "${ref}" in this workspace.`, "calendar");
  return row.id;
}
