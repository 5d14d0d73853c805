import { resolve } from "node:path";
import { BENCH_PHASES, type BenchPhase, type BenchProgress, DomainError, runBench } from "../../lib/index.js";
import { type Progress, progressBar } from "../progress.js";
import { benchHttpServer } from "./bench-http.js";
import type { ServeHttp } from "./serve.js";

export interface BenchCommandOptions {
  tickets?: string;
  writers?: string;
  create?: string;
  databaseUrl?: string;
  json?: boolean;
  http?: boolean;
  httpSeconds?: string;
  httpConnections?: string;
  httpProfile?: string;
  only?: string;
}

/** `--only queue,engine` → the phases, refusing names that are not phases. */
function phasesOf(value: string | undefined): BenchPhase[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = names.filter((p) => !(BENCH_PHASES as readonly string[]).includes(p));
  if (unknown.length > 0 || names.length === 0) {
    throw new DomainError(
      "validation",
      "bench.invalid_option",
      `--only: ${unknown.length ? `unknown phase ${unknown.map((u) => `"${u}"`).join(", ")}` : "name at least one phase"}; phases are ${BENCH_PHASES.join(", ")}.`,
      "only",
    );
  }
  return names as BenchPhase[];
}

const LABELS: Record<string, string> = {
  people: "agents, teams, customers",
  load: "bulk-load tickets",
  vacuum: "vacuum (analyze)",
  queue: "queue reads",
  breached: "breached reads",
  report: "report (7 days)",
  health: "health during slow query",
  create: "create tickets",
  "http list": "HTTP list (s)",
  "http list, 1 connection": "HTTP list, 1 connection (s)",
  "http create": "HTTP create (s)",
  engine: "SLA, rules, assignment",
  email: "threading, SMTP ingest",
  notify: "fan-out, reminders",
};

/** One progress bar per phase on stderr, fed by the library's progress events. */
function progressBars(): (p: BenchProgress) => void {
  const bars = new Map<string, { bar: Progress; done: number; finished: boolean }>();
  return (p) => {
    let entry = bars.get(p.phase);
    if (!entry) {
      entry = { bar: progressBar((LABELS[p.phase] ?? p.phase).padEnd(26), p.total), done: 0, finished: false };
      bars.set(p.phase, entry);
    }
    if (entry.finished) return;
    if (p.done > entry.done) {
      entry.bar.tick(p.done - entry.done);
      entry.done = p.done;
    }
    if (p.done >= p.total) {
      entry.finished = true;
      entry.bar.done();
    }
  };
}

const optionalNumber = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/**
 * `helpline bench`: bulk-loads a realistic dataset into a throwaway database and
 * prints one JSON object of measurements on stdout (progress on stderr).
 */
export async function benchCommand(o: BenchCommandOptions, serve: ServeHttp): Promise<void> {
  const note = (line: string) => process.stderr.write(`${line}\n`);
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write("\nstopping: removing the bench database (Ctrl-C again to quit at once)\n");
    abort.abort(new Error("bench interrupted"));
  };
  process.on("SIGINT", onSigint);
  try {
    const result = await runBench({
      tickets: optionalNumber(o.tickets) ?? 10_000,
      writers: optionalNumber(o.writers),
      create: optionalNumber(o.create),
      databaseUrl: o.databaseUrl,
      ...(o.only ? { only: phasesOf(o.only) } : {}),
      onProgress: progressBars(),
      onNote: note,
      signal: abort.signal,
      ...(o.http || o.httpProfile
        ? {
            http: benchHttpServer({ serve, note, profileDir: o.httpProfile ? resolve(o.httpProfile) : undefined }),
            httpSeconds: optionalNumber(o.httpSeconds),
            httpConnections: optionalNumber(o.httpConnections),
          }
        : {}),
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    process.off("SIGINT", onSigint);
  }
}
