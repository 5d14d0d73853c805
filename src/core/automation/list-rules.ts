import { and, asc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { automationRules, ruleStats } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, type Page, parseInput } from "../kernel/index.js";
import { type RuleListItem, toRule } from "./rule.js";
import { loadRuleRow } from "./rule-store.js";

export const listRulesInput = z
  .object({
    trigger: z.enum(["event", "time"]).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type ListRulesInput = z.input<typeof listRulesInput>;

/**
 * The workspace's automation rules in firing order, each with how often it
 * fired and when it last did (every agent may read them: they explain what
 * the desk does). Rules are few, so this is one page.
 */
export async function listRules(ctx: Ctx, rawInput: unknown = {}): Promise<Page<RuleListItem>> {
  authorize(ctx.actor, "automation:read");
  const input = parseInput(listRulesInput, rawInput);
  const where: SQL[] = [eq(automationRules.workspaceId, ctx.workspaceId)];
  if (input.enabled !== undefined) where.push(eq(automationRules.enabled, input.enabled));
  const rows = await ctx.db
    .select({ rule: automationRules, fireCount: ruleStats.fireCount, lastFiredAt: ruleStats.lastFiredAt })
    .from(automationRules)
    .leftJoin(ruleStats, eq(ruleStats.ruleId, automationRules.id))
    .where(and(...where))
    .orderBy(asc(automationRules.position), asc(automationRules.name));
  const items = rows
    .map((r) => ({ ...toRule(r.rule), fireCount: r.fireCount ?? 0, lastFiredAt: r.lastFiredAt ?? null }))
    .filter((r) => input.trigger === undefined || r.trigger.type === input.trigger);
  return { items, nextCursor: null };
}

/** One rule by id or name, with its counters. */
export async function getRule(ctx: Ctx, ref: string): Promise<RuleListItem> {
  authorize(ctx.actor, "automation:read");
  const row = await loadRuleRow(ctx.db, ctx.workspaceId, ref);
  const [stats] = await ctx.db.select().from(ruleStats).where(eq(ruleStats.ruleId, row.id));
  return { ...toRule(row), fireCount: stats?.fireCount ?? 0, lastFiredAt: stats?.lastFiredAt ?? null };
}
