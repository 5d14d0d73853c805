/**
 * The PGlite worker thread. PGlite runs on the thread that calls it, so a slow
 * query on the main thread would freeze HTTP; here it owns the database and
 * answers the main thread's queries over `postMessage`.
 *
 * Transactions stay interactive: `begin` opens a PGlite transaction that waits
 * for `commit`/`rollback`; PGlite's own mutex makes other queries wait for it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SerializedDbError, WorkerInit, WorkerRequest, WorkerResponse } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("pglite worker must run in a worker thread");
const init = workerData as WorkerInit;

/** Small footprint: a team-sized desk does not need PostgreSQL's server defaults. */
const postgresqlconf = [
  "shared_buffers = 16MB",
  "work_mem = 8MB",
  "maintenance_work_mem = 32MB",
  "max_wal_size = 256MB",
  "min_wal_size = 32MB",
  "checkpoint_timeout = 5min",
];

const db = await PGlite.create({
  ...(init.dataDir ? { dataDir: init.dataDir } : {}),
  postgresqlconf,
  // Trigram matching for names and email addresses with typos (search, autocomplete).
  extensions: { pg_trgm },
  // The smallest heap PGlite accepts; it grows on demand.
  initialMemory: 128 * 1024 * 1024,
});

class RollbackSignal extends Error {}

interface OpenTx {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<void>;
}
const openTxs = new Map<number, OpenTx>();
let nextTxId = 1;

function serializeError(err: unknown): SerializedDbError {
  if (err && typeof err === "object") {
    const e = err as Record<string, unknown>;
    const out: SerializedDbError = { message: String(e.message ?? err) };
    for (const key of ["code", "detail", "constraint", "table", "column"] as const) {
      if (typeof e[key] === "string") out[key] = e[key] as string;
    }
    return out;
  }
  return { message: String(err) };
}

function target(txId: number | undefined): PGlite | Transaction {
  if (txId === undefined) return db;
  const open = openTxs.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.tx;
}

async function begin(): Promise<number> {
  const txId = nextTxId++;
  let entered!: () => void;
  let failedToEnter!: (err: unknown) => void;
  const enteredP = new Promise<void>((resolve, reject) => {
    entered = resolve;
    failedToEnter = reject;
  });
  let finish!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const done = db
    .transaction(async (tx) => {
      openTxs.set(txId, { tx, finish, done });
      entered();
      if (!(await decision)) throw new RollbackSignal("rollback");
    })
    .catch((err: unknown) => {
      if (err instanceof RollbackSignal) return;
      failedToEnter(err);
      throw err;
    })
    .finally(() => openTxs.delete(txId));
  // `done` rejections are reported to whoever commits; never unhandled.
  done.catch(() => undefined);
  await enteredP;
  return txId;
}

async function settle(txId: number, commit: boolean): Promise<void> {
  const open = openTxs.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  open.finish(commit);
  await open.done;
}

function rawParsers(oids: number[]): Record<number, (value: string) => string> {
  const parsers: Record<number, (value: string) => string> = {};
  for (const oid of oids) parsers[oid] = (value) => value;
  return parsers;
}

async function handle(msg: WorkerRequest): Promise<unknown> {
  switch (msg.op) {
    case "query": {
      const res = await target(msg.txId).query(msg.sql, msg.params, {
        rowMode: msg.rowMode,
        parsers: rawParsers(msg.rawOids),
      });
      return { rows: res.rows, affectedRows: res.affectedRows, fields: res.fields };
    }
    case "exec": {
      const results = await target(msg.txId).exec(msg.sql);
      return results.map((r) => ({ rows: r.rows, affectedRows: r.affectedRows, fields: r.fields }));
    }
    case "begin":
      return begin();
    case "commit":
      return settle(msg.txId, true);
    case "rollback":
      return settle(msg.txId, false);
    case "close":
      for (const [txId] of openTxs) await settle(txId, false).catch(() => undefined);
      await db.close();
      return null;
  }
}

port.on("message", (msg: WorkerRequest) => {
  handle(msg).then(
    (result) => port.postMessage({ id: msg.id, ok: true, result } satisfies WorkerResponse),
    (err: unknown) => port.postMessage({ id: msg.id, ok: false, error: serializeError(err) } satisfies WorkerResponse),
  );
});
port.postMessage({ id: 0, ok: true, result: "ready" } satisfies WorkerResponse);
