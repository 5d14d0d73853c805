import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { automationRules } from "../../db/schema/index.js";
import { isUuid, notFound } from "../kernel/index.js";
import { type AutomationRule, type RuleRow, toRule } from "./rule.js";

export type StoredRule = AutomationRule & { workspaceId: string };

const stored = (row: RuleRow): StoredRule => ({ ...toRule(row), workspaceId: row.workspaceId });

/** The workspace's enabled rules in firing order (position, then name). */
export async function enabledRules(tx: Tx, workspaceId: string): Promise<StoredRule[]> {
  const rows = await tx
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.workspaceId, workspaceId), eq(automationRules.enabled, true)))
    .orderBy(asc(automationRules.position), asc(automationRules.name));
  return rows.map(stored);
}

/** A rule of the workspace by id or name (case-insensitive); undefined when there is none. */
export async function findRuleRow(
  tx: Tx,
  workspaceId: string,
  ref: string,
  opts: { forUpdate?: boolean } = {},
): Promise<RuleRow | undefined> {
  const key = ref.trim();
  const query = tx
    .select()
    .from(automationRules)
    .where(
      and(
        eq(automationRules.workspaceId, workspaceId),
        isUuid(key)
          ? eq(automationRules.id, key.toLowerCase())
          : sql`lower(${automationRules.name}) = ${key.toLowerCase()}`,
      ),
    );
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row;
}

export async function loadRuleRow(
  tx: Tx,
  workspaceId: string,
  ref: string,
  opts: { forUpdate?: boolean; field?: string } = {},
): Promise<RuleRow> {
  const row = await findRuleRow(tx, workspaceId, ref, opts);
  if (!row)
    throw notFound("automation.rule_not_found", `No automation rule "${ref}" in this workspace.`, opts.field ?? "rule");
  return row;
}

export { stored as storedRule };
