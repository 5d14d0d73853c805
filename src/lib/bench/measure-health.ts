/**
 * `desk.health()` latency while a deliberately slow query runs. On PGlite the
 * database answers one query at a time on its worker thread; health must not
 * queue behind the slow query (see `ping()` in src/db/connection.ts).
 */
import type { Helpdesk } from "../create-helpdesk.js";
import { percentile, round, sleep, timed } from "./stats.js";

export const SLOW_QUERY = "select pg_sleep(1)";
const EVERY_MS = 20;

export async function measureHealthDuringSlowQuery(desk: Helpdesk, tick: (done: number, total: number) => void) {
  await desk.health();
  const samples: number[] = [];
  let failures = 0;
  let finished = false;
  tick(0, 1);
  const slow = timed(() => desk.database.executeSql(SLOW_QUERY)).finally(() => {
    finished = true;
  });
  // Let the slow query reach the database before the first probe.
  await sleep(5);
  while (!finished) {
    const started = performance.now();
    const { value, ms } = await timed(() => desk.health());
    if (finished) break; // a probe that overlapped the end of the slow query proves nothing
    samples.push(ms);
    if (value.status !== "ok") failures++;
    await sleep(Math.max(0, EVERY_MS - (performance.now() - started)));
  }
  const { ms: slowMs } = await slow;
  tick(1, 1);
  return { p99: round(percentile(samples, 99)), samples: samples.length, failures, slowMs: round(slowMs, 0) };
}
