import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { automationRules } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, invalid, parseInput } from "../kernel/index.js";
import { type AutomationRule, toRule } from "./rule.js";
import { loadRuleRow } from "./rule-store.js";

export const reorderRulesInput = z
  .object({
    /** Rules (ids or names) in the order they should run; the others follow in their current order. */
    order: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
  })
  .strict();
export type ReorderRulesInput = z.input<typeof reorderRulesInput>;

/** Sets the order rules run in when several fire on one event (managers and superadmins). */
export async function reorderRules(ctx: Ctx, rawInput: unknown): Promise<AutomationRule[]> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(reorderRulesInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const first: string[] = [];
    for (const [i, ref] of input.order.entries()) {
      const row = await loadRuleRow(tx, ctx.workspaceId, ref, { forUpdate: true, field: `order.${i}` });
      if (first.includes(row.id)) {
        throw invalid("automation.duplicate_rule", `order.${i}: "${ref}" is listed twice.`, `order.${i}`);
      }
      first.push(row.id);
    }
    const all = await tx
      .select({ id: automationRules.id })
      .from(automationRules)
      .where(eq(automationRules.workspaceId, ctx.workspaceId))
      .orderBy(asc(automationRules.position), asc(automationRules.name));
    const ordered = [...first, ...all.map((r) => r.id).filter((id) => !first.includes(id))];
    const out: AutomationRule[] = [];
    for (const [position, id] of ordered.entries()) {
      const [row] = await tx
        .update(automationRules)
        .set({ position, updatedAt: now })
        .where(eq(automationRules.id, id))
        .returning();
      if (row) out.push(toRule(row));
    }
    await recordAudit(tx, ctx, { action: "automation_rule.reordered", details: { order: ordered } });
    return out;
  });
}
