/**
 * The HTTP API under load: `GET /api/v1/tickets?limit=50` (varied filters and
 * second pages by cursor) and `POST /api/v1/tickets` (realistic bodies), each
 * over `connections` keep-alive connections, after a warm-up, as an agent
 * with a personal API token. The server is whatever `BenchHttpServer` points at.
 */

import { createInput } from "../measure-create.js";
import type { BenchCast } from "../seed-people.js";
import { percentile, round } from "../stats.js";
import type { BenchHttpServer, HttpBenchDetails, HttpLoadDetails } from "../types.js";
import { type BenchClient, benchClient } from "./client.js";
import { type LoadResult, runLoad } from "./load.js";

type Tick = (phase: string) => (done: number, total: number) => void;

export interface HttpBenchOptions {
  token: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  progress: Tick;
  signal: AbortSignal | undefined;
}

const PAGE = "/api/v1/tickets?limit=50";
const LEVELS = ["critical", "high", "medium", "low"] as const;
const KINDS = ["default", "assignee", "priority", "team", "unassigned", "next_page"] as const;
/** Request numbers of HTTP creates start here, so their subjects and new customers differ from the engine's. */
const CREATE_OFFSET = 1_000_000_000;

const q = (name: string, value: string) => `&${name}=${encodeURIComponent(value)}`;

/** The first pages a busy desk asks for, by kind; second pages continue each of them by cursor. */
async function listPaths(client: BenchClient, cast: BenchCast): Promise<Record<string, string[]>> {
  const paths: Record<string, string[]> = {
    default: [PAGE],
    assignee: cast.agents.map((a) => PAGE + q("assignee", a.email)),
    priority: LEVELS.map((l) => PAGE + q("priority", l)),
    team: cast.teams.map((t) => PAGE + q("team", t.name)),
    unassigned: [PAGE + q("assignee", "none")],
    next_page: [],
  };
  for (const kind of ["default", "priority", "team", "unassigned"]) {
    for (const path of paths[kind] ?? []) {
      const reply = await client.get(path);
      if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
      const cursor = (JSON.parse(reply.body) as { nextCursor?: string | null }).nextCursor;
      if (cursor) paths.next_page?.push(path + q("cursor", cursor));
    }
  }
  if (paths.next_page?.length === 0) paths.next_page = [PAGE];
  return paths;
}

function listSender(client: BenchClient, paths: Record<string, string[]>) {
  const kindOf = (i: number) => KINDS[i % KINDS.length] ?? "default";
  const send = (i: number) => {
    const options = paths[kindOf(i)] ?? [PAGE];
    return client.get(options[Math.floor(i / KINDS.length) % options.length] ?? PAGE);
  };
  return { kindOf, send };
}

interface CpuSpent {
  /** The server's CPU seconds, when it can tell. */
  server: number | undefined;
  /** This process's (the load generator's, and the server's too when in-process). */
  client: number;
}

function summarize(r: LoadResult, cpu: CpuSpent): HttpLoadDetails {
  const ok = r.latencies.length;
  const cpuSeconds = cpu.server;
  return {
    requests: r.requests,
    seconds: round(r.seconds),
    req_per_s: round(ok / Math.max(r.seconds, 0.001), 1),
    p50_ms: round(percentile(r.latencies, 50)),
    p95_ms: round(percentile(r.latencies, 95)),
    p99_ms: round(percentile(r.latencies, 99)),
    max_ms: round(percentile(r.latencies, 100)),
    failures: r.failures,
    ...(cpuSeconds === undefined
      ? {}
      : {
          server_cpu_ms_per_request: round((cpuSeconds * 1000) / Math.max(ok, 1), 3),
          server_cpu_cores: round(cpuSeconds / Math.max(r.seconds, 0.001)),
        }),
    client_cpu_cores: round(cpu.client / Math.max(r.seconds, 0.001)),
  };
}

/** Runs `fn` and the CPU seconds it cost the server (when it can tell) and this process. */
async function withCpu<T>(server: BenchHttpServer, fn: () => Promise<T>): Promise<[T, CpuSpent]> {
  const before = server.cpuSeconds?.();
  const mine = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(mine);
  const after = server.cpuSeconds?.();
  return [
    value,
    {
      server: before === undefined || after === undefined ? undefined : after - before,
      client: (used.user + used.system) / 1e6,
    },
  ];
}

function failIfAllFailed(what: string, r: LoadResult): void {
  if (r.requests > 0 && r.latencies.length === 0) {
    throw new Error(`every ${what} request failed; first answer: ${r.firstFailure ?? "none"}`);
  }
}

export async function measureHttp(
  server: BenchHttpServer,
  cast: BenchCast,
  o: HttpBenchOptions,
  note: (line: string) => void,
): Promise<HttpBenchDetails> {
  const client = benchClient(server.baseUrl, o.token, o.connections);
  try {
    const common = { signal: o.signal, warmupMs: o.warmupSeconds * 1000, durationMs: o.seconds * 1000 };
    const paths = await listPaths(client, cast);
    const lists = listSender(client, paths);
    const [list, listCpu] = await withCpu(server, () =>
      runLoad({ ...common, connections: o.connections, ...lists, tick: o.progress("http list") }),
    );
    failIfAllFailed("list", list);
    const [single, singleCpu] = await withCpu(server, () =>
      runLoad({
        ...common,
        connections: 1,
        warmupMs: 0,
        durationMs: Math.min(5, o.seconds) * 1000,
        ...lists,
        tick: o.progress("http list, 1 connection"),
      }),
    );
    const [create, createCpu] = await withCpu(server, () =>
      runLoad({
        ...common,
        connections: o.connections,
        send: (i) => client.post("/api/v1/tickets", createInput(cast, CREATE_OFFSET + i)),
        tick: o.progress("http create"),
      }),
    );
    failIfAllFailed("create", create);
    for (const [what, r] of [
      ["list", list],
      ["create", create],
    ] as const) {
      if (r.firstFailure) note(`HTTP ${what}: ${r.requests - r.latencies.length} failed, first: ${r.firstFailure}`);
    }
    const p95ByFilter: Record<string, number> = {};
    for (const [kind, samples] of list.byKind) p95ByFilter[kind] = round(percentile(samples, 95));
    return {
      server: server.description,
      connections: o.connections,
      warmup_s: o.warmupSeconds,
      sockets_opened: client.socketsOpened(),
      list: { ...summarize(list, listCpu), p95_by_filter_ms: p95ByFilter },
      list_one_connection: summarize(single, singleCpu),
      create: summarize(create, createCpu),
    };
  } finally {
    client.close();
  }
}
