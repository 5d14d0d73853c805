import { and, eq, sql } from "drizzle-orm";
import { slaPolicies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, newId, parseInput } from "../kernel/index.js";
import { prepareQuery } from "../query/index.js";
import type { SlaPolicy } from "./policy.js";
import { type CreatePolicyInput, createPolicyInput } from "./policy-input.js";
import { toPolicy } from "./policy-store.js";
import { reevaluateOpenTickets } from "./reevaluate.js";
import { calendarIdOf } from "./resolve-calendar.js";

export const policyNameTaken = (name: string) =>
  conflict("sla_policy.name_taken", `name: an SLA policy named "${name}" already exists in this workspace.`, {
    field: "name",
  });

/**
 * Adds an SLA policy (managers). Its condition is prepared like any query, so
 * a policy always parses; open tickets are re-evaluated against the new order.
 */
export async function createPolicy(ctx: Ctx, rawInput: CreatePolicyInput | unknown): Promise<SlaPolicy> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(createPolicyInput, rawInput);
  if (input.condition.trim()) await prepareQuery(ctx, input.condition);
  const now = ctx.clock.now();
  const policy = await ctx.db.transaction(async (tx) => {
    const calendarId = await calendarIdOf(tx, ctx, input.calendar);
    const [last] = await tx
      .select({ max: sql<number | null>`max(${slaPolicies.position})` })
      .from(slaPolicies)
      .where(eq(slaPolicies.workspaceId, ctx.workspaceId));
    const end = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
    const position = input.position ?? end;
    if (input.position !== undefined) {
      await tx
        .update(slaPolicies)
        .set({ position: sql`${slaPolicies.position} + 1` })
        .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), sql`${slaPolicies.position} >= ${position}`));
    }
    const [row] = await tx
      .insert(slaPolicies)
      .values({
        id: newId(now),
        workspaceId: ctx.workspaceId,
        name: input.name,
        position,
        enabled: input.enabled,
        condition: input.condition,
        calendarId,
        targets: input.targets,
        pauseStatuses: input.pauseStatuses,
        warningShare: input.warningShare,
        escalations: input.escalations,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw policyNameTaken(input.name);
    return toPolicy(row);
  });
  await reevaluateOpenTickets(ctx);
  return policy;
}
