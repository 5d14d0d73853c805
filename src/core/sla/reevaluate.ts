import { and, asc, eq, gt, sql } from "drizzle-orm";
import { ACTIVE_STATUS_SQL, tickets } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import { workspaceInfo } from "../people/index.js";
import { loadPolicies } from "./policy-store.js";
import { syncTicketClocks } from "./sync-clocks.js";

const BATCH = 200;

/**
 * After a policy or calendar change: every active ticket of the workspace gets
 * the policy that now applies, its clocks re-targeted (time already spent stays
 * spent). Batches of tickets, one transaction each; returns how many were looked at.
 */
export async function reevaluateOpenTickets(ctx: Ctx): Promise<number> {
  const info = await workspaceInfo(ctx.db, ctx.db, ctx.workspaceId);
  let after = "00000000-0000-0000-0000-000000000000";
  let total = 0;
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(tickets)
        .where(
          and(
            eq(tickets.workspaceId, ctx.workspaceId),
            sql`${tickets.status} in ${ACTIVE_STATUS_SQL}`,
            gt(tickets.id, after),
          ),
        )
        .orderBy(asc(tickets.id))
        .limit(BATCH)
        .for("update");
      const now = ctx.clock.now();
      const policies = await loadPolicies(tx, ctx.workspaceId);
      for (const row of rows) await syncTicketClocks(tx, ctx.clock, row, info.ticketPrefix, "changed", now, policies);
      const last = rows[rows.length - 1];
      if (last) after = last.id;
      return rows.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
