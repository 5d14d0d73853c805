/**
 * `automation.time-rules`: the due work that fires time rules. It reads only
 * the partial index of unfired schedules (never the tickets) and handles each
 * due schedule in its own transaction: lock the row (skipping rows another
 * worker holds), re-check that the rule is still an enabled time rule and that
 * its condition holds now, fire or skip, and set fired_at. The firing and
 * fired_at commit together, so a restart neither repeats nor loses a firing.
 */
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";
import { ruleSchedules, tickets } from "../../db/schema/index.js";
import type { Clock, DueWork } from "../kernel/index.js";
import { automationCtx } from "./condition.js";
import { conditionHoldsFor, fireRule, hasFired } from "./fire-rule.js";
import { findRuleRow, storedRule } from "./rule-store.js";

export const TIME_RULES_WORK = "automation.time-rules";

interface DueSchedule {
  rule_id: string;
  ticket_id: string;
  workspace_id: string;
}

export function timeRulesWork(): DueWork {
  return { name: TIME_RULES_WORK, runDue };
}

async function runDue(db: Db, clock: Clock, opts: { limit: number; workspaceId?: string }): Promise<number> {
  const now = clock.now();
  const due = await queryRows<DueSchedule>(
    db,
    sql`select s.rule_id::text as rule_id, s.ticket_id::text as ticket_id, s.workspace_id::text as workspace_id
          from rule_schedules s
          join automation_rules r on r.id = s.rule_id and r.enabled
         where s.fired_at is null and s.due_at <= ${now.toISOString()}::timestamptz
           ${opts.workspaceId ? sql`and s.workspace_id = ${opts.workspaceId}` : sql``}
         order by s.due_at
         limit ${opts.limit}`,
  );
  let handled = 0;
  for (const item of due) {
    if (await handleOne(db, clock, item, now)) handled++;
  }
  return handled;
}

async function handleOne(db: Db, clock: Clock, item: DueSchedule, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const key = and(eq(ruleSchedules.ruleId, item.rule_id), eq(ruleSchedules.ticketId, item.ticket_id));
    const [locked] = await tx
      .select()
      .from(ruleSchedules)
      .where(and(key, isNull(ruleSchedules.firedAt), lte(ruleSchedules.dueAt, now)))
      .for("update", { skipLocked: true });
    if (!locked) return false; // fired meanwhile, re-anchored, or another worker has it
    const ruleRow = await findRuleRow(tx, item.workspace_id, item.rule_id);
    const rule = ruleRow ? storedRule(ruleRow) : undefined;
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, item.ticket_id));
    if (rule?.enabled && rule.trigger.type === "time" && ticket) {
      const ctx = automationCtx(tx, item.workspace_id, clock);
      const once = rule.oncePerTicket && (await hasFired(tx, rule.id, ticket.id));
      if (!once && (await conditionHoldsFor(tx, ctx, rule, ticket, { depth: 1 }))) {
        await fireRule(tx, clock, rule, ticket.id, { depth: 1 });
      }
    }
    await tx.update(ruleSchedules).set({ firedAt: now }).where(key);
    return true;
  });
}
