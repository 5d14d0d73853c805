import { and, eq, sql } from "drizzle-orm";
import { slaPolicies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { prepareQuery } from "../query/index.js";
import { assertPolicyNameFree, checkEscalations } from "./create-policy.js";
import { findPolicyRow } from "./get-policy.js";
import type { SlaPolicy } from "./policy.js";
import { type UpdatePolicyInput, updatePolicyInput } from "./policy-input.js";
import { toPolicy } from "./policy-store.js";
import { reevaluateOpenTickets } from "./reevaluate.js";
import { calendarIdOf } from "./resolve-calendar.js";

/** Changes a policy (managers); open tickets are re-evaluated, time already spent stays spent. */
export async function updatePolicy(ctx: Ctx, ref: string, rawInput: UpdatePolicyInput | unknown): Promise<SlaPolicy> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(updatePolicyInput, rawInput);
  if (input.condition?.trim()) await prepareQuery(ctx, input.condition);
  const now = ctx.clock.now();
  const policy = await ctx.db.transaction(async (tx) => {
    const row = await findPolicyRow(tx, ctx, ref);
    if (input.name !== undefined && input.name !== row.name) await assertPolicyNameFree(tx, ctx, input.name, row.id);
    const patch: Partial<typeof slaPolicies.$inferInsert> = { updatedAt: now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.condition !== undefined) patch.condition = input.condition;
    if (input.calendar !== undefined) patch.calendarId = await calendarIdOf(tx, ctx, input.calendar);
    if (input.targets !== undefined) patch.targets = input.targets;
    if (input.pauseStatuses !== undefined) patch.pauseStatuses = input.pauseStatuses;
    if (input.warningShare !== undefined) patch.warningShare = input.warningShare;
    if (input.escalations !== undefined) {
      await checkEscalations(tx, ctx, input.escalations);
      patch.escalations = input.escalations;
    }
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    if (input.position !== undefined && input.position !== row.position) {
      // Move: close the gap it leaves, open one where it lands.
      await tx
        .update(slaPolicies)
        .set({ position: sql`${slaPolicies.position} - 1` })
        .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), sql`${slaPolicies.position} > ${row.position}`));
      await tx
        .update(slaPolicies)
        .set({ position: sql`${slaPolicies.position} + 1` })
        .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), sql`${slaPolicies.position} >= ${input.position}`));
      patch.position = input.position;
    }
    const [updated] = await tx.update(slaPolicies).set(patch).where(eq(slaPolicies.id, row.id)).returning();
    if (!updated) throw new Error(`SLA policy ${row.id} vanished during update`);
    return toPolicy(updated);
  });
  await reevaluateOpenTickets(ctx);
  return policy;
}
