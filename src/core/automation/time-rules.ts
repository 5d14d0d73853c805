/**
 * `automation.time-rules`: the due work that fires time rules. It reads only
 * the partial index of unfired schedules (never the tickets) and handles each
 * due schedule: re-check that the rule is still an enabled time rule and that
 * its condition holds now, fire or skip, and set fired_at. The firing and
 * fired_at commit together, so a restart neither repeats nor loses a firing.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";
import { ruleSchedules, tickets } from "../../db/schema/index.js";
import { type Clock, type DueWork, type DueWorkOptions, isDomainError } from "../kernel/index.js";
import type { PreparedQuery } from "../query/index.js";
import { automationCtx, conditionHolds, prepareCondition } from "./condition.js";
import { addRuleStats, conditionHoldsFor, fireRule, hasFired } from "./fire-rule.js";
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

/**
 * One batch in one transaction: the due rows are claimed `for update skip locked` (so several
 * workers share a burst), each rule is loaded and its condition prepared once per batch (bound
 * at this tick's moment), and each schedule fires in a savepoint of its own, so one that fails
 * with an unexpected error is retried a minute later without holding back the rest.
 */
async function runDue(db: Db, clock: Clock, opts: DueWorkOptions): Promise<number> {
  const log = opts.log ?? (() => undefined);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const due = await queryRows<DueSchedule>(
      tx,
      sql`select s.rule_id::text as rule_id, s.ticket_id::text as ticket_id, s.workspace_id::text as workspace_id
            from rule_schedules s
           where s.fired_at is null and s.due_at <= ${now.toISOString()}::timestamptz
             ${opts.workspaceId ? sql`and s.workspace_id = ${opts.workspaceId}` : sql``}
           order by s.due_at
           limit ${opts.limit}
           for update of s skip locked`,
    );
    if (due.length === 0) return 0;
    const rules = new Map<string, Promise<LoadedRule>>();
    const fired: DueSchedule[] = [];
    const firings = new Map<string, number>();
    for (const item of due) {
      let loaded = rules.get(item.rule_id);
      if (!loaded) {
        loaded = loadRule(tx, clock, item);
        rules.set(item.rule_id, loaded);
      }
      const rule = await loaded;
      try {
        if (await tx.transaction((sp) => handleOne(sp, clock, rule, item))) {
          firings.set(item.rule_id, (firings.get(item.rule_id) ?? 0) + 1);
        }
        fired.push(item);
      } catch (err) {
        log("time rule failed; retried in a minute", {
          rule: item.rule_id,
          ticket: item.ticket_id,
          error: (err as Error).message,
        });
        await tx
          .update(ruleSchedules)
          .set({ dueAt: new Date(now.getTime() + 60_000) })
          .where(and(eq(ruleSchedules.ruleId, item.rule_id), eq(ruleSchedules.ticketId, item.ticket_id)));
      }
    }
    // Counters last and in rule order: held briefly, and never in two orders by two lanes.
    for (const [ruleId, count] of [...firings].sort(([a], [b]) => a.localeCompare(b))) {
      await addRuleStats(tx, ruleId, count, now);
    }
    for (let i = 0; i < fired.length; i += 1000) {
      const keys = fired.slice(i, i + 1000).map((f) => sql`(${f.rule_id}::uuid, ${f.ticket_id}::uuid)`);
      await tx.execute(sql`update rule_schedules set fired_at = ${now.toISOString()}::timestamptz
         where (rule_id, ticket_id) in (${sql.join(keys, sql`, `)})`);
    }
    return due.length;
  });
}

interface LoadedRule {
  rule: ReturnType<typeof storedRule> | undefined;
  /** Null: no condition, or it no longer prepares (logged once as a failed firing per ticket below). */
  prepared: PreparedQuery | null;
  broken: boolean;
}

async function loadRule(tx: Tx, clock: Clock, item: DueSchedule): Promise<LoadedRule> {
  const row = await findRuleRow(tx, item.workspace_id, item.rule_id);
  const rule = row ? storedRule(row) : undefined;
  if (!rule?.enabled || rule.trigger.type !== "time" || !rule.condition.trim()) {
    return { rule, prepared: null, broken: false };
  }
  try {
    return {
      rule,
      prepared: await prepareCondition(automationCtx(tx, item.workspace_id, clock), rule.condition),
      broken: false,
    };
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return { rule, prepared: null, broken: true };
  }
}

/** Fires the rule on the schedule's ticket if it still applies; true when it fired. */
async function handleOne(tx: Tx, clock: Clock, loaded: LoadedRule, item: DueSchedule): Promise<boolean> {
  const { rule } = loaded;
  if (!rule?.enabled || rule.trigger.type !== "time") return false;
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, item.ticket_id));
  if (!ticket) return false;
  if (rule.oncePerTicket && (await hasFired(tx, rule.id, ticket.id))) return false;
  if (loaded.broken) {
    // Prepared again to log why, exactly as an event rule's broken condition is logged.
    await conditionHoldsFor(tx, automationCtx(tx, item.workspace_id, clock), rule, ticket, { depth: 1 });
    return false;
  }
  if (loaded.prepared && !conditionHolds(loaded.prepared, ticket)) return false;
  await fireRule(tx, clock, rule, ticket.id, { depth: 1, deferStats: true, ticket });
  return true;
}
