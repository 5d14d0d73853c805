/**
 * Issue 6's figures on a loaded dataset: the scheduler tick with nothing due,
 * 10,000 SLA clocks and 10,000 time-rule schedules falling due at the same
 * moment, and the assignment decision. Clocks and schedules for the bulk-loaded
 * tickets are written in bulk (the load bypasses the listeners that would
 * create them one by one); everything measured runs the engine's own code.
 */
import { sql } from "drizzle-orm";
import { fixedClock } from "../../core/kernel/index.js";
import { decideRoute } from "../../core/routing/index.js";
import { runDueWork } from "../../jobs/run-due.js";
import type { Helpdesk } from "../create-helpdesk.js";
import { builtInDueWork, detachedEmailEnv } from "../engine-wiring.js";
import type { BenchCast } from "./seed-people.js";
import { percentile, round } from "./stats.js";

type Tick = (done: number, total: number) => void;

export interface EngineMeasurement {
  clocks: number;
  schedules: number;
  idle_tick_p50_ms: number;
  idle_tick_p95_ms: number;
  sla_burst: { due: number; processed: number; seconds: number };
  rules_burst: { due: number; processed: number; seconds: number };
  assign_p50_ms: number;
  assign_p95_ms: number;
}

const IDLE_TICKS = 50;
const BURST = 10_000;
const ASSIGN_CALLS = 200;

async function exec(desk: Helpdesk, text: string, params: unknown[] = []): Promise<number> {
  const r = await desk.database.executeSql(text, params);
  return r.rows.length;
}

/**
 * One running SLA clock and one time-rule schedule for every ticket of the dataset, all due in
 * the future: the "1,000,000 open tickets" for the scheduler, whatever their status.
 */
async function seedDueWork(desk: Helpdesk, now: Date): Promise<{ clocks: number; schedules: number; ruleId: string }> {
  const ws = desk.workspace.id;
  const future = now.toISOString();
  await exec(
    desk,
    `insert into ticket_sla_clocks (ticket_id, metric, workspace_id, policy_id, target_ms, business, calendar_id, state,
        started_at, resumed_at, consumed_ms, due_at, warn_at, next_check_at, updated_at)
     select id, 'resolution', workspace_id, null, sla_hours::bigint * 3600000, false, null, 'running',
        created_at, created_at, 0, $2::timestamptz + ((random() * 30 + 1) * interval '1 day'),
        $2::timestamptz + ((random() * 20 + 1) * interval '1 day'),
        $2::timestamptz + ((random() * 20 + 1) * interval '1 day'), $2::timestamptz
       from tickets where workspace_id = $1
     on conflict do nothing`,
    [ws, future],
  );
  const rule = await desk.database.executeSql(
    `insert into automation_rules (id, workspace_id, name, description, enabled, position, trigger, condition, actions,
        once_per_ticket, created_at, updated_at)
     values (gen_random_uuid(), $1, 'Bench: tag stale tickets', 'bench', true, 999,
        '{"type":"time","since":"created","afterMinutes":43200}', '',
        '[{"type":"add_tag","tags":["bench-stale"]}]', false, $2, $2)
     returning id::text as id`,
    [ws, future],
  );
  const ruleId = String((rule.rows[0] as { id: string }).id);
  await exec(
    desk,
    `insert into rule_schedules (rule_id, ticket_id, workspace_id, anchor_at, due_at, fired_at)
     select $2::uuid, id, workspace_id, created_at, $3::timestamptz + ((random() * 30 + 1) * interval '1 day'), null
       from tickets where workspace_id = $1
     on conflict do nothing`,
    [ws, ruleId, future],
  );
  const counts = await desk.database.executeSql(
    `select (select count(*) from ticket_sla_clocks where workspace_id = $1)::int as clocks,
            (select count(*) from rule_schedules where workspace_id = $1)::int as schedules`,
    [ws],
  );
  const row = counts.rows[0] as { clocks: number; schedules: number };
  await desk.database.executeSql("analyze ticket_sla_clocks");
  await desk.database.executeSql("analyze rule_schedules");
  return { clocks: Number(row.clocks), schedules: Number(row.schedules), ruleId };
}

async function drain(desk: Helpdesk, name: string, at: Date): Promise<{ processed: number; seconds: number }> {
  const work = builtInDueWork(detachedEmailEnv()).find((w) => w.name === name);
  if (!work) return { processed: 0, seconds: 0 };
  const started = performance.now();
  // The scheduler tick's own loop (lanes on PostgreSQL), until nothing of this kind is due.
  const counts = await runDueWork(
    {
      database: desk.database,
      listeners: () => [],
      dueWork: () => [work],
      log: () => undefined,
      clock: fixedClock(at),
    },
    { budgetMs: 30 * 60_000 },
  );
  return { processed: counts[name] ?? 0, seconds: round((performance.now() - started) / 1000, 2) };
}

export async function measureEngine(desk: Helpdesk, cast: BenchCast, tick: Tick): Promise<EngineMeasurement> {
  const total = 4;
  tick(0, total);
  const now = new Date();
  const seeded = await seedDueWork(desk, now);
  tick(1, total);

  // A tick with nothing due: every kind of due work looks once.
  const idle: number[] = [];
  const clock = fixedClock(now);
  const work = builtInDueWork(detachedEmailEnv());
  for (let i = 0; i < IDLE_TICKS; i++) {
    const started = performance.now();
    for (const w of work) await w.runDue(desk.database.db, clock, { limit: 500 });
    idle.push(performance.now() - started);
  }
  tick(2, total);

  // 10,000 of each falling due at the same moment.
  const burstAt = new Date(now.getTime() + 60_000);
  const due = burstAt.toISOString();
  const slaDue = await exec(
    desk,
    `update ticket_sla_clocks set due_at = $2::timestamptz - interval '1 second', warn_at = $2::timestamptz - interval '2 seconds',
        next_check_at = $2::timestamptz - interval '2 seconds'
      where (ticket_id, metric) in (select ticket_id, metric from ticket_sla_clocks where workspace_id = $1 limit ${BURST})
      returning 1`,
    [desk.workspace.id, due],
  );
  const slaBurst = await drain(desk, "sla.clocks", burstAt);
  const rulesDue = await exec(
    desk,
    `update rule_schedules set due_at = $3::timestamptz - interval '1 second'
      where rule_id = $2 and ticket_id in (select ticket_id from rule_schedules where workspace_id = $1 and rule_id = $2 limit ${BURST})
      returning 1`,
    [desk.workspace.id, seeded.ruleId, due],
  );
  const rulesBurst = await drain(desk, "automation.time-rules", burstAt);
  tick(3, total);

  // The assignment decision, as ticket creation makes it (inside a transaction).
  const assign: number[] = [];
  const ctx = {
    actor: { type: "system" as const, name: "bench" },
    workspaceId: desk.workspace.id,
    db: desk.database.db,
    clock,
  };
  const levels = ["critical", "high", "medium", "low"] as const;
  for (let i = 0; i < ASSIGN_CALLS; i++) {
    const team = cast.teams[i % cast.teams.length];
    const started = performance.now();
    await desk.database.db.transaction(async (tx) => {
      await decideRoute(tx, ctx, { category: team?.name.toLowerCase() ?? "general", level: levels[i % 4] ?? "low" });
      await tx.execute(sql`select 1`);
    });
    assign.push(performance.now() - started);
  }
  tick(4, total);
  return {
    clocks: seeded.clocks,
    schedules: seeded.schedules,
    idle_tick_p50_ms: round(percentile(idle, 50)),
    idle_tick_p95_ms: round(percentile(idle, 95)),
    sla_burst: { due: slaDue, ...slaBurst },
    rules_burst: { due: rulesDue, ...rulesBurst },
    assign_p50_ms: round(percentile(assign, 50)),
    assign_p95_ms: round(percentile(assign, 95)),
  };
}
