import { eq } from "drizzle-orm";
import { slaPolicies, ticketSlaClocks } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import type { Ctx } from "../kernel/index.js";
import { findPolicyRow } from "./get-policy.js";
import { reevaluateOpenTickets } from "./reevaluate.js";

/** Deletes a policy (managers); its tickets move to the next policy that matches (or the default). */
export async function deletePolicy(ctx: Ctx, ref: string): Promise<{ deleted: string; reevaluated: number }> {
  authorize(ctx.actor, "automation:manage");
  const name = await ctx.db.transaction(async (tx) => {
    const row = await findPolicyRow(tx, ctx, ref);
    await tx.update(ticketSlaClocks).set({ policyId: null }).where(eq(ticketSlaClocks.policyId, row.id));
    await tx.delete(slaPolicies).where(eq(slaPolicies.id, row.id));
    return row.name;
  });
  return { deleted: name, reevaluated: await reevaluateOpenTickets(ctx) };
}
