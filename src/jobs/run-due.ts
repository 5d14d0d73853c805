import type { JobDeps } from "./deps.js";

const BATCH = 500;

/**
 * One scheduler tick: every kind of due work, batch after batch, until none
 * is due or `budgetMs` is spent (the next tick goes on). Returns counts per kind.
 */
export async function runDueWork(
  deps: JobDeps,
  opts: { workspaceId?: string; budgetMs?: number } = {},
): Promise<Record<string, number>> {
  const started = performance.now();
  const budget = opts.budgetMs ?? 50_000;
  const counts: Record<string, number> = {};
  for (const work of deps.dueWork()) {
    counts[work.name] = 0;
    for (;;) {
      const n = await work.runDue(deps.database.db, deps.clock, {
        limit: BATCH,
        log: deps.log,
        ...(opts.workspaceId ? { workspaceId: opts.workspaceId } : {}),
      });
      counts[work.name] = (counts[work.name] ?? 0) + n;
      if (n < BATCH || performance.now() - started > budget) break;
    }
  }
  return counts;
}
