import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { automationRules } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, conflict, newId } from "../kernel/index.js";
import { checkActions, checkCondition } from "./check-rule.js";
import { type AutomationRule, createRuleInput, parseRuleInput, toRule } from "./rule.js";
import { findRuleRow } from "./rule-store.js";
import { backfillSchedules } from "./schedules.js";

export const ruleNameTaken = (name: string) =>
  conflict("automation.rule_exists", `An automation rule named "${name}" already exists.`, { field: "name" });

/** Refuses a name another rule of the workspace has (names are unique ignoring case). */
export async function assertRuleNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const other = await findRuleRow(tx, workspaceId, name);
  if (other && other.id !== exceptId && other.name.toLowerCase() === name.toLowerCase()) throw ruleNameTaken(name);
}

/**
 * Saves an automation rule (managers and superadmins). The condition is
 * prepared as a ticket list would prepare it (bad ones are refused with
 * positioned issues); every agent and team an action names must exist and
 * templates may use only known placeholders. A time rule that starts enabled
 * is scheduled at once for the workspace's open tickets.
 */
export async function createRule(ctx: Ctx, rawInput: unknown): Promise<AutomationRule> {
  authorize(ctx.actor, "automation:manage");
  const input = parseRuleInput(createRuleInput, rawInput);
  await checkCondition(ctx, input.condition);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await checkActions(tx, ctx, input.actions);
    await assertRuleNameFree(tx, ctx.workspaceId, input.name);
    const [last] = await tx
      .select({ max: sql<number | null>`max(${automationRules.position})` })
      .from(automationRules)
      .where(eq(automationRules.workspaceId, ctx.workspaceId));
    const position = input.position ?? (last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1);
    const [row] = await tx
      .insert(automationRules)
      .values({ id: newId(now), workspaceId: ctx.workspaceId, ...input, position, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw ruleNameTaken(input.name);
    const rule = toRule(row);
    if (rule.enabled && rule.trigger.type === "time") await backfillSchedules(tx, ctx.workspaceId, rule);
    await recordAudit(tx, ctx, {
      action: "automation_rule.created",
      target: { type: "automation_rule", id: rule.id },
      details: { name: rule.name },
    });
    return rule;
  });
}
