import { eq } from "drizzle-orm";
import { automationRules } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import type { Ctx } from "../kernel/index.js";
import { checkActions, checkCondition } from "./check-rule.js";
import { assertRuleNameFree, ruleNameTaken } from "./create-rule.js";
import { type AutomationRule, parseRuleInput, toRule, updateRuleInput } from "./rule.js";
import { loadRuleRow } from "./rule-store.js";
import { backfillSchedules } from "./schedules.js";

/**
 * Changes a rule (managers and superadmins); only what is given changes and is
 * checked as at creation. A time rule that is enabled or re-timed is
 * rescheduled for the workspace's open tickets (schedules whose anchor did
 * not move keep their firedAt, so nothing fires twice); a rule that becomes an
 * event rule loses its schedules.
 */
export async function updateRule(ctx: Ctx, ref: string, rawInput: unknown): Promise<AutomationRule> {
  authorize(ctx.actor, "automation:manage");
  const input = parseRuleInput(updateRuleInput, rawInput);
  if (input.condition !== undefined) await checkCondition(ctx, input.condition);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = toRule(await loadRuleRow(tx, ctx.workspaceId, ref, { forUpdate: true }));
    if (input.actions) await checkActions(tx, ctx, input.actions);
    if (input.name !== undefined && input.name !== before.name) {
      await assertRuleNameFree(tx, ctx.workspaceId, input.name, before.id);
    }
    const rows = await tx
      .update(automationRules)
      .set({ ...input, updatedAt: now })
      .where(eq(automationRules.id, before.id))
      .returning()
      .catch((err: unknown) => {
        if (input.name && /automation_rules_ws_name/.test(String((err as Error).message)))
          throw ruleNameTaken(input.name);
        throw err;
      });
    const row = rows[0];
    if (!row) throw new Error(`rule ${before.id} vanished during update`);
    const rule = toRule(row);
    const retimed = JSON.stringify(rule.trigger) !== JSON.stringify(before.trigger);
    if (rule.trigger.type !== "time" && before.trigger.type === "time") {
      await backfillSchedules(tx, ctx.workspaceId, rule); // removes them
    } else if (rule.trigger.type === "time" && rule.enabled && (retimed || !before.enabled)) {
      await backfillSchedules(tx, ctx.workspaceId, rule);
    }
    await recordAudit(tx, ctx, {
      action: "automation_rule.updated",
      target: { type: "automation_rule", id: rule.id },
      details: { name: rule.name, fields: Object.keys(input) },
    });
    return rule;
  });
}

/** Turns a rule on or off; an enabled time rule is rescheduled (see updateRule). */
export function setRuleEnabled(ctx: Ctx, ref: string, enabled: boolean): Promise<AutomationRule> {
  return updateRule(ctx, ref, { enabled });
}
