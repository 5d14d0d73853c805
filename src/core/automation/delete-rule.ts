import { eq } from "drizzle-orm";
import { automationRules } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import type { Ctx } from "../kernel/index.js";
import { type AutomationRule, toRule } from "./rule.js";
import { loadRuleRow } from "./rule-store.js";

/**
 * Deletes a rule (managers and superadmins). Its schedules and counters go
 * with it; its firings stay in the log under the rule's name.
 */
export async function deleteRule(ctx: Ctx, ref: string): Promise<AutomationRule> {
  authorize(ctx.actor, "automation:manage");
  return ctx.db.transaction(async (tx) => {
    const rule = toRule(await loadRuleRow(tx, ctx.workspaceId, ref, { forUpdate: true }));
    await tx.delete(automationRules).where(eq(automationRules.id, rule.id));
    await recordAudit(tx, ctx, {
      action: "automation_rule.deleted",
      target: { type: "automation_rule", id: rule.id },
      details: { name: rule.name },
    });
    return rule;
  });
}
