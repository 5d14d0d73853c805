/** Read-path latencies through the desk's services: the queue, breached tickets, the report. */
import type { QueueInput } from "../../core/tickets/index.js";
import type { Helpdesk } from "../create-helpdesk.js";
import type { BenchCast } from "./seed-people.js";
import { median, percentile, round, timed } from "./stats.js";

type Tick = (done: number, total: number) => void;

export interface QueueMeasurement {
  calls: number;
  p50: number;
  p95: number;
  p95ByFilter: Record<string, number>;
}

const LEVELS = ["critical", "high", "medium", "low"] as const;
const FILTER_KINDS = ["default", "assignee", "priority", "team", "unassigned", "next_page"] as const;
type FilterKind = (typeof FILTER_KINDS)[number];

/** The queue filters a busy desk uses, varied call to call; second pages continue a first page. */
async function queueFilters(desk: Helpdesk, cast: BenchCast, rounds: number) {
  const firstPages: QueueInput[] = [
    {},
    ...LEVELS.map((priority) => ({ priority })),
    ...cast.teams.map((t) => ({ team: t.name })),
    { assignee: null },
  ];
  const cursors: QueueInput[] = [];
  for (const f of firstPages) {
    const page = await desk.tickets.getQueue(f);
    if (page.nextCursor) cursors.push({ ...f, cursor: page.nextCursor });
  }
  const pick = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;
  const calls: { kind: FilterKind; input: QueueInput }[] = [];
  for (let i = 0; i < rounds; i++) {
    calls.push({ kind: "default", input: {} });
    calls.push({ kind: "assignee", input: { assignee: pick(cast.agents, i).email } });
    calls.push({ kind: "priority", input: { priority: pick(LEVELS, i) } });
    calls.push({ kind: "team", input: { team: pick(cast.teams, i).name } });
    calls.push({ kind: "unassigned", input: { assignee: null } });
    calls.push({ kind: "next_page", input: cursors.length > 0 ? pick(cursors, i) : {} });
  }
  return calls;
}

export async function measureQueue(desk: Helpdesk, cast: BenchCast, rounds: number, tick: Tick) {
  const calls = await queueFilters(desk, cast, rounds);
  // One untimed round first: connection, prepared plans and caches are warm, as in a running server.
  for (const c of calls.slice(0, FILTER_KINDS.length)) await desk.tickets.getQueue(c.input);
  const all: number[] = [];
  const byKind = new Map<FilterKind, number[]>();
  tick(0, calls.length);
  for (const [i, c] of calls.entries()) {
    const { ms } = await timed(() => desk.tickets.getQueue(c.input));
    all.push(ms);
    byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), ms]);
    tick(i + 1, calls.length);
  }
  const p95ByFilter: Record<string, number> = {};
  for (const [kind, samples] of byKind) p95ByFilter[kind] = round(percentile(samples, 95));
  return { calls: all.length, p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), p95ByFilter };
}

export async function measureBreached(desk: Helpdesk, calls: number, tick: Tick) {
  for (let i = 0; i < 3; i++) await desk.sla.getBreached({ limit: 50 });
  const samples: number[] = [];
  tick(0, calls);
  for (let i = 0; i < calls; i++) {
    samples.push((await timed(() => desk.sla.getBreached({ limit: 50 }))).ms);
    tick(i + 1, calls);
  }
  return { calls, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

export async function measureReport(desk: Helpdesk, runs: number, tick: Tick) {
  const samples: number[] = [];
  tick(0, runs);
  for (let i = 0; i < runs; i++) {
    samples.push((await timed(() => desk.reports.generate({ days: 7 }))).ms);
    tick(i + 1, runs);
  }
  return { median: round(median(samples)), runs: samples.map((s) => round(s)) };
}
