import type { JobDeps } from "./deps.js";

const BATCH = 500;
/**
 * Batches of one kind processed side by side on PostgreSQL: each lane claims its own rows
 * (`for update skip locked`), so they never take the same item. Due work is bound by round
 * trips, not CPU, so lanes multiply throughput until the pool or the server's cores run out.
 * PGlite has one connection: one lane.
 */
const POSTGRES_LANES = 4;

/**
 * One scheduler tick: every kind of due work, batch after batch, until none
 * is due or `budgetMs` is spent (the next tick goes on). Returns counts per kind.
 */
export async function runDueWork(
  deps: JobDeps,
  opts: { workspaceId?: string; budgetMs?: number; lanes?: number; only?: readonly string[] } = {},
): Promise<Record<string, number>> {
  const started = performance.now();
  const budget = opts.budgetMs ?? 50_000;
  const lanes = opts.lanes ?? (deps.database.engine === "postgres" ? POSTGRES_LANES : 1);
  const counts: Record<string, number> = {};
  for (const work of deps.dueWork()) {
    if (opts.only && !opts.only.includes(work.name)) continue;
    const lane = async (): Promise<number> => {
      let total = 0;
      for (;;) {
        const n = await work.runDue(deps.database.db, deps.clock, {
          limit: BATCH,
          log: deps.log,
          ...(opts.workspaceId ? { workspaceId: opts.workspaceId } : {}),
        });
        total += n;
        if (n < BATCH || performance.now() - started > budget) return total;
      }
    };
    const done = await Promise.all(Array.from({ length: lanes }, lane));
    counts[work.name] = done.reduce((a, b) => a + b, 0);
  }
  return counts;
}
