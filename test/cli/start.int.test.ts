/**
 * `helpline start` as a real process: it boots on an empty store and answers GET /health,
 * stops cleanly on SIGTERM, and behaves as documented when a second process starts on the
 * same store: refused on the embedded database (one process per data directory), welcome on
 * PostgreSQL (many processes is the point). The engine is PGlite in a temporary data
 * directory, or a fresh PostgreSQL database when TEST_DATABASE_URL is set.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";

const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Proc {
  child: ChildProcess;
  pid: number;
  output(): { stdout: string; stderr: string };
  exited: Promise<Exit>;
  /** Set once the process has exited. */
  exit: Exit | undefined;
}

interface HealthBody {
  status: string;
  database: string;
  migrations: { applied: number; pending: number; latest: string | null } | null;
}

/** The environment minus every Helpline setting, so the developer's own configuration cannot leak in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(loadConfig({ DATABASE_URL: "postgres://unused" }, {}))) {
    delete env[key];
    delete env[`${key}_FILE`];
  }
  return env;
}

const running: Proc[] = [];

function launch(args: string[]): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
    cwd: repoRoot,
    env: { ...baseEnv(), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr?.on("data", (b: Buffer) => {
    stderr += b.toString();
  });
  const proc: Proc = {
    child,
    pid: child.pid ?? -1,
    output: () => ({ stdout, stderr }),
    exit: undefined,
    exited: new Promise<Exit>((resolve) => {
      child.on("close", (code, signal) => {
        proc.exit = { code, signal };
        resolve(proc.exit);
      });
    }),
  };
  running.push(proc);
  return proc;
}

/** Runs a one-off CLI command to completion. */
async function cli(args: string[]): Promise<Exit & { stdout: string; stderr: string }> {
  const proc = launch(args);
  const exit = await proc.exited;
  return { ...exit, ...proc.output() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Boot budget on an empty store: 15 s on an idle machine. A cold boot is CPU-bound (initdb,
 * migrations, the job schema), so on a machine busy with other work it is stretched by the load
 * average per CPU (up to 50 s) rather than failing for reasons that are not Helpline's.
 */
const bootBudgetMs = () =>
  Math.min(50_000, Math.round(15_000 * Math.max(1, (loadavg()[0] ?? 0) / availableParallelism())));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls GET /health until it answers; fails if the process exits first or time runs out. */
async function waitForHealth(
  proc: Proc,
  port: number,
  timeoutMs = 15_000,
): Promise<{ status: number; body: HealthBody }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exit) {
      throw new Error(`the server exited (${JSON.stringify(proc.exit)}) before answering:\n${proc.output().stderr}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) });
      return { status: res.status, body: (await res.json()) as HealthBody };
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`no answer from /health on port ${port} within ${timeoutMs} ms:\n${proc.output().stderr}`);
}

/** Resolves with the exit, or with undefined if the process is still running after `ms`. */
function exitWithin(proc: Proc, ms: number): Promise<Exit | undefined> {
  return Promise.race([proc.exited, sleep(ms).then(() => undefined)]);
}

describe(`helpline start (${engineUnderTest})`, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  /** Global options selecting the store under test. */
  let target: string[];
  let first: Proc;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-start-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
  });

  afterAll(async () => {
    for (const proc of running) {
      if (!proc.exit) proc.child.kill("SIGKILL");
    }
    await Promise.all(running.map((p) => p.exited));
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers GET /health with 200, the engine and no pending migrations within 15 s on an empty store", async () => {
    const port = await freePort();
    first = launch([...target, "start", "--port", String(port), "--host", "127.0.0.1"]);
    const health = await waitForHealth(first, port, bootBudgetMs());
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
    expect(health.body.database).toBe(engineUnderTest);
    expect(health.body.migrations?.pending).toBe(0);
    expect(health.body.migrations?.applied).toBeGreaterThan(0);
    expect(first.output().stdout).toContain(`:${port} (${engineUnderTest})`);
  });

  const secondStart =
    engineUnderTest === "pglite"
      ? "refuses a second start on the same data directory with exit 6, naming the process that holds it"
      : "lets a second start share the same PostgreSQL database, both processes answering /health";

  it(secondStart, async () => {
    const port = await freePort();
    const second = launch([...target, "start", "--port", String(port), "--host", "127.0.0.1"]);
    if (engineUnderTest === "pglite") {
      const exit = await exitWithin(second, 15_000);
      expect(exit).toEqual({ code: 6, signal: null });
      const { stderr } = second.output();
      expect(stderr).toContain(`in use by process ${first.pid}`);
      expect(stderr).toContain("helpline start");
    } else {
      const health = await waitForHealth(second, port, 15_000);
      expect(health.status).toBe(200);
      expect(health.body.database).toBe("postgres");
      second.child.kill("SIGTERM");
      expect(await exitWithin(second, 15_000)).toEqual({ code: 0, signal: null });
    }
    // Either way the first server is unaffected.
    expect(first.exit).toBeUndefined();
  });

  it("stops with exit code 0 on SIGTERM and releases the store for the next command", async () => {
    expect(first.exit).toBeUndefined();
    first.child.kill("SIGTERM");
    expect(await exitWithin(first, 15_000)).toEqual({ code: 0, signal: null });
    if (engineUnderTest === "pglite") expect(existsSync(join(dir, "helpline.lock"))).toBe(false);

    const after = await cli([...target, "migrate", "--status", "--json"]);
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ engine: engineUnderTest, after: { pending: 0 } });
  });
});
