/**
 * Main-thread handle on the PGlite worker. It has the shape drizzle's PGlite
 * driver expects (`query`, `transaction`), so the same drizzle schema and query
 * builder run over it, while every query executes on the worker thread.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { QueryResultShape, SerializedDbError, WorkerInit, WorkerRequest, WorkerResponse } from "./protocol.js";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = DistributiveOmit<WorkerRequest, "id">;

interface QueryOptions {
  rowMode?: "array" | "object";
  parsers?: Record<number, unknown>;
}

/** An error raised by the database, with PostgreSQL's SQLSTATE in `code`. */
export class DatabaseError extends Error {
  code: string | undefined;
  detail: string | undefined;
  constraint: string | undefined;
  constructor(e: SerializedDbError) {
    super(e.message);
    this.name = "DatabaseError";
    this.code = e.code;
    this.detail = e.detail;
    this.constraint = e.constraint;
  }
}

function spawnWorker(init: WorkerInit): Worker {
  const js = new URL("./worker.js", import.meta.url);
  if (existsSync(js)) return new Worker(js, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  // Running from TypeScript sources (tests, tsx): register tsx inside the worker first.
  const ts = new URL("./worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

/**
 * Creating a new cluster (initdb) leaves ~500 MB of WebAssembly memory behind
 * in the thread that ran it, so it runs in a short-lived child process.
 */
export async function initializeDataDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, "PG_VERSION"))) return;
  const js = new URL("./init-cluster.js", import.meta.url);
  const script = existsSync(js) ? fileURLToPath(js) : fileURLToPath(new URL("./init-cluster.ts", import.meta.url));
  const execArgv = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const stderr: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, script, dataDir], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.on("data", (b: Buffer) => stderr.push(b));
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) {
    throw new Error(`could not create the embedded database in ${dataDir}: ${Buffer.concat(stderr).toString().trim()}`);
  }
}

export class PgliteWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private failure: Error | undefined;
  /** Start times of requests the worker has not answered yet. */
  private readonly started = new Map<number, number>();
  readonly ready: Promise<void>;

  constructor(init: WorkerInit) {
    this.worker = spawnWorker(init);
    this.ready = new Promise<void>((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    this.worker.on("message", (msg: WorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      this.started.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new DatabaseError(msg.error));
    });
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", (code) => {
      if (!this.closed) this.fail(new Error(`the embedded database worker stopped (exit code ${code})`));
    });
  }

  private fail(err: Error): void {
    this.failure = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Whether the worker thread is alive and answering. */
  get healthy(): boolean {
    return !this.closed && !this.failure;
  }

  /** How long the oldest unanswered request has been waiting, or null when idle. */
  oldestPendingMs(): number | null {
    const first = this.started.values().next();
    return first.done ? null : Date.now() - first.value;
  }

  call<T>(req: Request): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error("the embedded database is closed"));
    const id = this.nextId++;
    this.started.set(id, Date.now());
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id } as WorkerRequest);
    });
  }

  query<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
    txId?: number,
  ): Promise<QueryResultShape<T>> {
    const rawOids = Object.keys(options.parsers ?? {}).map(Number);
    return this.call({
      op: "query",
      sql,
      params,
      rowMode: options.rowMode ?? "object",
      rawOids,
      ...(txId === undefined ? {} : { txId }),
    });
  }

  exec(sql: string, txId?: number): Promise<QueryResultShape[]> {
    return this.call({ op: "exec", sql, ...(txId === undefined ? {} : { txId }) });
  }

  async transaction<T>(fn: (tx: PgliteTxClient) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: "begin" });
    const tx = new PgliteTxClient(this, txId);
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      await this.call({ op: "rollback", txId });
      throw err;
    }
    await this.call({ op: "commit", txId });
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (!this.failure) await this.call({ op: "close" }).catch(() => undefined);
    this.closed = true;
    await this.worker.terminate();
  }
}

/** The client drizzle sees inside a transaction: every query carries the transaction id. */
export class PgliteTxClient {
  constructor(
    private readonly parent: PgliteWorkerClient,
    readonly txId: number,
  ) {}

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
    return this.parent.query<T>(sql, params, options, this.txId);
  }

  exec(sql: string) {
    return this.parent.exec(sql, this.txId);
  }

  transaction<T>(fn: (tx: PgliteTxClient) => Promise<T>): Promise<T> {
    return fn(this);
  }
}
