/**
 * Opens the database: PGlite (embedded, in a worker thread) by default, or
 * PostgreSQL when a URL is given. Both speak the same SQL and share one
 * drizzle schema; the rest of the code only sees `Database`.
 */
import { resolve } from "node:path";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { acquireDataDirLock, type DataDirLock } from "./lock.js";
import { initializeDataDir, PgliteWorkerClient } from "./pglite/client.js";
import * as schema from "./schema/index.js";

export type Engine = "pglite" | "postgres";
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A drizzle handle that is either the database or an open transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** Where the embedded database lives (undefined = memory or PostgreSQL). */
  readonly dataDir: string | undefined;
  /** The PostgreSQL connection string (undefined on the embedded database). */
  readonly url: string | undefined;
  /** Raw SQL; several statements are allowed when there are no parameters. */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions = { url: string; poolSize?: number } | { dataDir: string | null; lockCommand?: string };

const BUSY_GRACE_MS = 10_000;
const PING_TIMEOUT_MS = 2_000;

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return "url" in options ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options);
}

async function openPglite(options: { dataDir: string | null; lockCommand?: string }): Promise<Database> {
  const root = options.dataDir === null ? undefined : resolve(options.dataDir);
  let lock: DataDirLock | undefined;
  if (root) lock = acquireDataDirLock(root, options.lockCommand ?? process.argv.slice(1).join(" "));
  const pgDir = root ? resolve(root, "pg") : undefined;
  let client: PgliteWorkerClient | undefined;
  try {
    if (pgDir) await initializeDataDir(pgDir);
    client = new PgliteWorkerClient({ dataDir: pgDir });
    await client.ready;
  } catch (err) {
    lock?.release();
    await client?.close().catch(() => undefined);
    throw err;
  }
  const worker: PgliteWorkerClient = client;
  const db = drizzlePglite({ client: worker as never, schema }) as unknown as Db;
  return {
    engine: "pglite",
    db,
    dataDir: root,
    url: undefined,
    async executeSql(text, values) {
      if (values && values.length > 0) return worker.query(text, values);
      const results = await worker.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
    async ping() {
      // PGlite runs one query at a time. While it is busy with a long query a
      // ping would wait behind it, so a worker that answered recently counts as up.
      if (!worker.healthy) throw new Error("the embedded database worker has stopped");
      const waiting = worker.oldestPendingMs();
      if (waiting !== null && waiting < BUSY_GRACE_MS) return;
      await withTimeout(worker.query("select 1"), PING_TIMEOUT_MS, "the embedded database did not answer");
    },
    async close() {
      await worker.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: "helpline",
    connectionTimeoutMillis: 5000,
  });
  pool.on("error", () => undefined); // idle client errors surface on the next query
  await pool.query("select 1");
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    engine: "postgres",
    db,
    dataDir: undefined,
    url,
    async executeSql(text, values) {
      const res = await pool.query(text, values);
      const last = Array.isArray(res) ? res[res.length - 1] : res;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    async ping() {
      await withTimeout(pool.query("select 1"), PING_TIMEOUT_MS, "PostgreSQL did not answer");
    },
    async close() {
      await pool.end();
    },
  };
}
