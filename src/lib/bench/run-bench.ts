/**
 * `runBench`: opens a throwaway desk, bulk-loads a realistic dataset, then
 * measures the read paths, /health during a slow query, and create throughput.
 * It prints nothing; progress goes to `onProgress`, the numbers come back.
 */
import { availableParallelism, loadavg } from "node:os";
import { invalid } from "../../core/kernel/index.js";
import { createHelpdesk, type Helpdesk } from "../create-helpdesk.js";
import { VERSION } from "../version.js";
import { createBenchDatabase } from "./bench-database.js";
import { runHttpBench } from "./http/run-http.js";
import { datasetStats, loadTickets, vacuumAnalyze } from "./load-tickets.js";
import { measureCreate } from "./measure-create.js";
import { measureEmail } from "./measure-email.js";
import { measureEngine } from "./measure-engine.js";
import { measureHealthDuringSlowQuery, SLOW_QUERY } from "./measure-health.js";
import { measureNotify } from "./measure-notify.js";
import { measureAutocomplete, measureSearch, measureStructuredQueries, withStatementLimit } from "./measure-query.js";
import { measureBreached, measureQueue, measureReport } from "./measure-reads.js";
import { startRssSampler } from "./rss-sampler.js";
import { seedPeople } from "./seed-people.js";
import { round, sleep } from "./stats.js";
import { evaluateTargets } from "./targets.js";
import {
  BENCH_PHASES,
  type BenchHttpServerFactory,
  type BenchOptions,
  type BenchPhase,
  type BenchResult,
} from "./types.js";

const QUEUE_ROUNDS = 40; // × 6 filter kinds = 240 calls
const BREACHED_CALLS = 120;
const REPORT_RUNS = 5;
const QUERY_ROUNDS = 25; // × 8 structured queries, 9 searches, 7 autocomplete requests
const IDLE_WAIT_MS = 2000;

function positiveInt(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalid("bench.invalid_option", `--${field} must be a whole number from 1 to ${max}.`, field);
  }
  return value;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const tickets = positiveInt(options.tickets, "tickets", 50_000_000);
  const writers = positiveInt(options.writers ?? 4, "writers", 64);
  const create = positiveInt(options.create ?? Math.min(tickets, 5000), "create", 10_000_000);
  const chunkSize = positiveInt(options.chunkSize ?? 50_000, "chunk-size", 1_000_000);
  const queryRounds = positiveInt(options.queryRounds ?? QUERY_ROUNDS, "query-rounds", 10_000);
  const httpSeconds = positiveInt(options.httpSeconds ?? 15, "http-seconds", 3600);
  const httpConnections = positiveInt(options.httpConnections ?? 10, "http-connections", 1000);
  const httpWarmupSeconds = options.httpWarmupSeconds ?? 3;
  if (!(httpWarmupSeconds >= 0 && httpWarmupSeconds <= 600)) {
    throw invalid("bench.invalid_option", "The HTTP warm-up must be 0 to 600 seconds.", "httpWarmupSeconds");
  }
  const signal = options.signal;
  const note = options.onNote ?? (() => undefined);
  const progress = (phase: string) => (done: number, total: number) => options.onProgress?.({ phase, done, total });

  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const rss = startRssSampler(100);
  const bench = await createBenchDatabase(options.databaseUrl, writers + 4);
  try {
    note(`bench database: ${bench.description}`);
    const desk = await createHelpdesk({ database: bench.choice, migrate: true, processName: "helpline bench" });
    try {
      await sleep(options.idleWaitMs ?? IDLE_WAIT_MS);
      const rssIdle = rss.now();
      signal?.throwIfAborted();
      return await measure(desk, {
        tickets,
        writers,
        create,
        chunkSize,
        queryRounds,
        only: options.only ?? BENCH_PHASES,
        databaseUrl: "url" in bench.choice ? bench.choice.url : undefined,
        signal,
        progress,
        rssIdle,
        started,
        loadAtStart,
        rss,
        note,
        http: options.http
          ? {
              factory: options.http,
              databaseUrl: "url" in bench.choice ? bench.choice.url : undefined,
              seconds: httpSeconds,
              warmupSeconds: httpWarmupSeconds,
              connections: httpConnections,
            }
          : undefined,
      });
    } finally {
      await desk.close();
    }
  } finally {
    rss.stop();
    await bench.dispose();
  }
}

interface Run {
  tickets: number;
  writers: number;
  create: number;
  chunkSize: number;
  queryRounds: number;
  only: readonly BenchPhase[];
  /** The bench database's URL; undefined for the embedded engine. */
  databaseUrl: string | undefined;
  signal: AbortSignal | undefined;
  progress: (phase: string) => (done: number, total: number) => void;
  rssIdle: number;
  started: number;
  loadAtStart: number;
  rss: { peak(): number };
  note: (line: string) => void;
  http:
    | {
        factory: BenchHttpServerFactory;
        databaseUrl: string | undefined;
        seconds: number;
        warmupSeconds: number;
        connections: number;
      }
    | undefined;
}

async function measure(desk: Helpdesk, r: Run): Promise<BenchResult> {
  const cast = await seedPeople(desk, r.tickets, r.progress("people"));
  const loadStarted = performance.now();
  await loadTickets(desk, cast, {
    tickets: r.tickets,
    chunkSize: r.chunkSize,
    tick: r.progress("load"),
    signal: r.signal,
  });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const vacuumStarted = performance.now();
  r.progress("vacuum")(0, 1);
  await vacuumAnalyze(desk);
  r.progress("vacuum")(1, 1);
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  const dataset = await datasetStats(desk);

  const want = (phase: BenchPhase) => r.only.includes(phase);
  const step = async <T>(phase: BenchPhase, fn: () => Promise<T>): Promise<T | undefined> => {
    r.signal?.throwIfAborted();
    return want(phase) ? fn() : undefined;
  };
  const queue = await step("queue", () => measureQueue(desk, cast, QUEUE_ROUNDS, r.progress("queue")));
  const breached = await step("breached", () => measureBreached(desk, BREACHED_CALLS, r.progress("breached")));
  const report = await step("report", () => measureReport(desk, REPORT_RUNS, r.progress("report")));
  const queries = await step("query", () =>
    withStatementLimit(r.databaseUrl, async () => {
      const query = await measureStructuredQueries(desk, cast, r.queryRounds, r.progress("query"));
      r.signal?.throwIfAborted();
      const search = await measureSearch(desk, cast, r.tickets, r.queryRounds, r.progress("search"));
      r.signal?.throwIfAborted();
      const autocomplete = await measureAutocomplete(desk, cast, r.queryRounds, r.progress("autocomplete"));
      return { query, search, autocomplete };
    }),
  );
  const health = await step("health", () => measureHealthDuringSlowQuery(desk, r.progress("health")));
  const engine = await step("engine", () => measureEngine(desk, cast, r.progress("engine")));
  const email = await step("email", () => measureEmail(desk, r.progress("email")));
  const notify = await step("notify", () => measureNotify(desk, cast, r.progress("notify")));
  // Last, so the reads above see exactly the loaded dataset.
  const created = await step("create", () =>
    measureCreate(desk, cast, {
      total: r.create,
      writers: r.writers,
      tick: r.progress("create"),
      signal: r.signal,
    }),
  );
  r.signal?.throwIfAborted();
  // After the engine's creates: the HTTP creates add many tickets, the list reads see ~the loaded dataset.
  const http = r.http
    ? await runHttpBench(desk, cast, { ...r.http, progress: r.progress, signal: r.signal, note: r.note })
    : undefined;

  const headline = {
    tickets: r.tickets,
    create_tickets_per_s: created?.perSecond,
    queue_p95_ms: queue?.p95,
    breached_p95_ms: breached?.p95,
    report_7d_ms: report?.median,
    rss_mb_idle: round(r.rssIdle, 1),
    health_p99_ms_during_slow_query: health?.p99,
    query_p95_ms: queries?.query.p95,
    search_p95_ms: queries?.search.p95,
    autocomplete_p95_ms: queries?.autocomplete.p95,
    scheduler_idle_tick_p95_ms: engine?.idle_tick_p95_ms,
    sla_burst_10k_s: engine?.sla_burst.seconds,
    rules_burst_10k_s: engine?.rules_burst.seconds,
    assign_p95_ms: engine?.assign_p95_ms,
    email_thread_p95_ms: email?.thread_p95_ms,
    email_ingest_per_s: email?.ingest.per_s,
    notify_fanout_1k_s: notify?.fanout.seconds,
    reminders_500_s: notify?.reminders.seconds,
    ...(http
      ? {
          http_list_p95_ms: http.list.p95_ms,
          http_list_req_per_s: http.list.req_per_s,
          http_create_req_per_s: http.create.req_per_s,
          http_create_p95_ms: http.create.p95_ms,
          http_same_process: http.sameProcess,
        }
      : {}),
  };
  return {
    engine: desk.engine,
    ...headline,
    rss_mb_peak: round(r.rss.peak(), 1),
    create_sample: r.create,
    writers: r.writers,
    elapsed_s: round((performance.now() - r.started) / 1000, 1),
    node: process.version,
    version: VERSION,
    targets: evaluateTargets(desk.engine, headline),
    details: {
      dataset,
      load_s: round(loadSeconds, 1),
      load_rows_per_s: Math.round(r.tickets / Math.max(loadSeconds, 0.001)),
      vacuum_analyze_s: round(vacuumSeconds, 1),
      queue_calls: queue?.calls,
      queue_p50_ms: queue?.p50,
      queue_p95_by_filter_ms: queue?.p95ByFilter,
      breached_calls: breached?.calls,
      breached_p50_ms: breached?.p50,
      report_7d_runs_ms: report?.runs,
      query: queries?.query.details,
      search: queries?.search.details,
      autocomplete: queries?.autocomplete.details,
      engine,
      email,
      notify,
      create_p50_ms: created?.p50,
      create_p95_ms: created?.p95,
      slow_query: SLOW_QUERY,
      slow_query_ms: health?.slowMs,
      health_samples: health?.samples,
      health_failures: health?.failures,
      cpus: availableParallelism(),
      load_average_1m: [round(r.loadAtStart), round(loadavg()[0] ?? 0)],
      ...(http ? { http: withoutSameProcess(http) } : {}),
    },
  };
}

function withoutSameProcess<T extends { sameProcess: boolean }>(value: T): Omit<T, "sameProcess"> {
  const { sameProcess: _, ...rest } = value;
  return rest;
}
