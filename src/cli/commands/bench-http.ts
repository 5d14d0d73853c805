/**
 * The HTTP server a bench measures. On PostgreSQL: a separate `helpline start`
 * process against the bench database, so the load generator does not share the
 * server's event loop, and the server is exactly what production runs (worker
 * included). On the embedded engine the bench holds the data directory, so the
 * server runs in this process and the result says so.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { childProcessEnv } from "../../config/child-env.js";
import type { BenchHttpServer, BenchHttpServerFactory } from "../../lib/index.js";
import type { ServeHttp } from "./serve.js";

const HOST = "127.0.0.1";
/** High enough that the rate limiter (still on, as in production) never answers 429 in a bench. */
const RATE_LIMIT_PER_MINUTE = 1_000_000;
const BOOT_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** Linux reports process times in clock ticks; 100 per second on every mainstream kernel. */
const CLOCK_TICKS = 100;

export interface BenchHttpOptions {
  serve: ServeHttp;
  /** Write a V8 CPU profile of the server process here (PostgreSQL only). */
  profileDir?: string | undefined;
  note: (line: string) => void;
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** User + system CPU seconds of a process, from /proc (Linux); undefined elsewhere. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the bench server exited (${child.exitCode ?? child.signalCode}) before serving:\n${stderr()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the bench server did not answer /health within ${BOOT_TIMEOUT_MS / 1000} s:\n${stderr()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The server's settings: the bench database, a free port, silent, no migrations, no 429s. */
function serverEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return childProcessEnv(
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST,
      LOG_LEVEL: "silent",
      HELPLINE_MIGRATE_ON_START: "false",
      HELPLINE_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
      HELPLINE_SECRET_KEY: randomBytes(32).toString("hex"),
    },
    ["HELPLINE_ADMIN_EMAIL", "HELPLINE_ADMIN_PASSWORD", "HELPLINE_WORKSPACE"],
  );
}

async function separateProcess(databaseUrl: string, o: BenchHttpOptions): Promise<BenchHttpServer> {
  const port = await freePort();
  const script = process.argv[1];
  if (!script) throw new Error("cannot tell which script runs this process, to start the bench server");
  const profile = o.profileDir ? ["--cpu-prof", "--cpu-prof-dir", o.profileDir] : [];
  const child = spawn(process.execPath, [...process.execArgv, ...profile, script, "start"], {
    env: serverEnv(databaseUrl, port),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString("utf8")).slice(-4000);
  });
  const baseUrl = `http://${HOST}:${port}`;
  try {
    await waitUntilHealthy(baseUrl, child, () => errors);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  const pid = child.pid ?? 0;
  return {
    baseUrl,
    sameProcess: false,
    description: `helpline start (separate process, pid ${pid}, web + worker)`,
    cpuSeconds: () => processCpuSeconds(pid),
    async close() {
      await stopChild(child);
      if (o.profileDir) o.note(`server CPU profile written to ${o.profileDir}`);
    },
  };
}

/** The factory `runBench` calls once the dataset is loaded. */
export function benchHttpServer(o: BenchHttpOptions): BenchHttpServerFactory {
  return async ({ desk, databaseUrl }) => {
    if (databaseUrl) return separateProcess(databaseUrl, o);
    if (o.profileDir) o.note("--http-profile needs PostgreSQL (a separate server process); ignored");
    const port = await freePort();
    const app = await o.serve(desk, {
      port,
      host: HOST,
      logLevel: "silent",
      corsOrigins: [],
      trustProxy: false,
      rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
      bodyLimit: 1024 * 1024,
      webRoot: null,
    });
    return {
      baseUrl: `http://${HOST}:${port}`,
      sameProcess: true,
      description: "in the bench process (the embedded database allows one process)",
      close: () => app.close(),
    };
  };
}
