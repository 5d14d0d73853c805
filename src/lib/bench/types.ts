import type { Engine } from "../../db/connection.js";
import type { Helpdesk } from "../create-helpdesk.js";
import type { EmailMeasurement } from "./measure-email.js";
import type { EngineMeasurement } from "./measure-engine.js";
import type { NotifyMeasurement } from "./measure-notify.js";

/** What a bench run reports while it works; the caller draws it (the library prints nothing). */
export interface BenchProgress {
  /**
   * A stable label: "people", "load", "vacuum", "queue", "breached", "report", "query", "search",
   * "autocomplete", "health", "create".
   */
  phase: string;
  done: number;
  total: number;
}

export const BENCH_PHASES = [
  "queue",
  "breached",
  "report",
  "query",
  "health",
  "engine",
  "email",
  "notify",
  "create",
] as const;
export type BenchPhase = (typeof BENCH_PHASES)[number];

export interface BenchOptions {
  /** Tickets in the measured dataset (bulk-loaded with set-based SQL). */
  tickets: number;
  /** Concurrent writers for the create measurement. Default 4. */
  writers?: number;
  /** Tickets created through `desk.tickets.create` for the create rate. Default min(tickets, 5000). */
  create?: number;
  /**
   * A PostgreSQL server to bench: a fresh `helpline_bench_<random>` database is
   * created on it and dropped at the end. Without it, a temporary embedded data dir is used.
   */
  databaseUrl?: string;
  /** Rows per bulk-load statement. Default 50,000. */
  chunkSize?: number;
  /**
   * Rounds of each query-language measurement: every round runs 8 structured queries,
   * 9 searches and 7 autocomplete requests. Default 25.
   */
  queryRounds?: number;
  /** How long the empty desk idles before `rss_mb_idle` is read. Default 2,000 ms. */
  idleWaitMs?: number;
  /**
   * Measure only these phases after the load (default all): queue, breached, report, query
   * (structured queries, search and autocomplete), health, engine (SLA, rules, assignment), email
   * (threading at one Message-ID per ticket, SMTP ingest into tickets), notify (1,000 events fanned
   * out, reminders for 500 agents as Slack DMs to a local Slack-compatible server), create.
   * Figures of skipped phases are absent from the result.
   */
  only?: readonly BenchPhase[];
  onProgress?: (progress: BenchProgress) => void;
  /** One-line notes for people (which database, what is happening). */
  onNote?: (line: string) => void;
  /** Abort between steps; the temporary database is still removed. */
  signal?: AbortSignal;
  /**
   * Also measure the HTTP API: called once the dataset is loaded, it starts a
   * server for the bench database and says where it listens. The library does
   * not import the HTTP adapter, so the caller (the CLI) provides it.
   */
  http?: BenchHttpServerFactory;
  /** Measured seconds of each HTTP load (list, create). Default 15. */
  httpSeconds?: number;
  /** Concurrent keep-alive HTTP connections. Default 10. */
  httpConnections?: number;
  /** Unmeasured seconds of load before each measured HTTP window. Default 3. */
  httpWarmupSeconds?: number;
}

export type BenchHttpServerFactory = (target: {
  desk: Helpdesk;
  /** The bench database's URL; undefined for the embedded engine. */
  databaseUrl: string | undefined;
}) => Promise<BenchHttpServer>;

export interface BenchHttpServer {
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  /** True when the server shares this process (and its event loop) with the load generator. */
  sameProcess: boolean;
  /** What serves, for the notes and the JSON: "helpline start (pid 1234)". */
  description: string;
  /** CPU seconds (user + system) the server has used so far, when it can tell. */
  cpuSeconds?(): number | undefined;
  close(): Promise<void>;
}

export interface TargetCheck {
  /** `max`: the value must not exceed it; `min`: it must reach it. */
  max?: number;
  min?: number;
  value: number;
  met: boolean;
}

export interface BenchTargets {
  /** Which of the target sets applies to this engine. */
  profile: string;
  /** Whether the dataset is as large as the target assumes (smaller runs flatter the numbers). */
  at_target_scale: boolean;
  checks: Record<string, TargetCheck>;
  all_met: boolean;
}

export interface BenchResult {
  engine: Engine;
  tickets: number;
  create_tickets_per_s?: number;
  queue_p95_ms?: number;
  breached_p95_ms?: number;
  report_7d_ms?: number;
  rss_mb_idle: number;
  rss_mb_peak: number;
  health_p99_ms_during_slow_query?: number;
  /** p95 of structured queries (three terms, sorted, first page of 50). */
  query_p95_ms?: number;
  /** p95 of full-text searches (first page of 50 with snippets). */
  search_p95_ms?: number;
  /** p95 of autocomplete requests. */
  autocomplete_p95_ms?: number;
  /** p95 of one scheduler tick (SLA clocks and time rules) with nothing due, every open ticket having a clock. */
  scheduler_idle_tick_p95_ms?: number;
  /** Seconds to process 10,000 SLA clocks due at the same moment (a warning and a breach each). */
  sla_burst_10k_s?: number;
  /** Seconds to fire a time rule (add a tag) on 10,000 tickets due at the same moment. */
  rules_burst_10k_s?: number;
  /** p95 of the routing decision (team and agent, workloads included) inside a transaction. */
  assign_p95_ms?: number;
  create_sample: number;
  writers: number;
  elapsed_s: number;
  node: string;
  version: string;
  /** With `http`: p95 of `GET /api/v1/tickets?limit=50` (filters and second pages) over the connections. */
  http_list_p95_ms?: number;
  http_list_req_per_s?: number;
  /** With `http`: `POST /api/v1/tickets` answered 201 per second over the connections. */
  http_create_req_per_s?: number;
  http_create_p95_ms?: number;
  /** With `http`: whether the load generator ran in the server's process (it then competes for its event loop). */
  http_same_process?: boolean;
  targets: BenchTargets;
  /** Numbers behind the headline ones, for diagnosis. */
  details: BenchDetails;
}

export interface HttpLoadDetails {
  requests: number;
  seconds: number;
  req_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Non-2xx answers by status (0: transport error); empty when all succeeded. */
  failures: Record<string, number>;
  /** Server CPU per successful request, when the server's CPU time is known. */
  server_cpu_ms_per_request?: number;
  /** Server CPU over the window as a share of one core (1 = one core busy all the time). */
  server_cpu_cores?: number;
  /** CPU of the bench process (the load generator) over the window, in cores; includes the server when in-process. */
  client_cpu_cores: number;
}

export interface HttpBenchDetails {
  server: string;
  connections: number;
  warmup_s: number;
  /** Sockets the client opened in all: equal to `connections` when keep-alive held. */
  sockets_opened: number;
  list: HttpLoadDetails & { p95_by_filter_ms: Record<string, number> };
  /** The same list requests one at a time: latency without queueing behind other connections. */
  list_one_connection: HttpLoadDetails;
  create: HttpLoadDetails;
}

/** Latencies of one kind of query-language call (structured, full-text, autocomplete). */
export interface QueryKindDetails {
  calls: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  /** p95 per variety of call (`mine`, `rare_word`, `agent`, …). */
  p95_by_kind_ms: Record<string, number>;
  /** The slowest distinct queries by median, with the rows the first page returned. */
  worst: { q: string; kind: string; median_ms: number; max_ms: number; calls: number; hits?: number }[];
  /**
   * Kinds that failed or took longer than 5 s, with that time: they were not called again and
   * every later call of theirs counts at that time. Empty when all ran.
   */
  given_up_ms: Record<string, number>;
  /** The first few errors (a query cut off after 30 s, say). */
  failures: { q: string; kind: string; error: string }[];
}

export interface BenchDetails {
  dataset: DatasetStats;
  /** Issue 6: scheduler, SLA and rule bursts, assignment. */
  engine?: EngineMeasurement;
  email?: EmailMeasurement;
  notify?: NotifyMeasurement;
  load_s: number;
  load_rows_per_s: number;
  vacuum_analyze_s: number;
  queue_calls?: number;
  queue_p50_ms?: number;
  queue_p95_by_filter_ms?: Record<string, number>;
  breached_calls?: number;
  breached_p50_ms?: number;
  report_7d_runs_ms?: number[];
  /** `desk.tickets.list` with three-term sorted queries, first page of 50. */
  query?: QueryKindDetails;
  /** `desk.search.tickets`, free text at several frequencies, first page of 50 with snippets. */
  search?: QueryKindDetails;
  /** `desk.query.complete` at field names, values, people, companies and tags. */
  autocomplete?: QueryKindDetails;
  create_p50_ms?: number;
  create_p95_ms?: number;
  slow_query?: string;
  slow_query_ms?: number;
  health_samples?: number;
  health_failures?: number;
  /** CPUs and the 1-minute load average at start and end: other work on the machine skews latencies. */
  cpus: number;
  load_average_1m: [number, number];
  http?: HttpBenchDetails;
}

export interface DatasetStats {
  tickets: number;
  active: number;
  breached: number;
  unassigned_active: number;
  timeline_entries: number;
  /** Entries of kind `message` (customers' and agents') and `note`. */
  messages: number;
  notes: number;
  /** Rows whose full-text vector the schema's triggers filled (all tickets, every message and note). */
  searchable_tickets: number;
  searchable_entries: number;
  ticket_transitions: number;
  customers: number;
  agents: number;
  teams: number;
  companies: number;
}
