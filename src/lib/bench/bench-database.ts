/**
 * A throwaway database for one bench run, so a bench never touches real data:
 * a temporary embedded data dir, or a fresh `helpline_bench_<random>` database
 * on the given PostgreSQL server. `dispose` removes it.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../db/connection.js";
import type { DatabaseChoice } from "../create-helpdesk.js";

export interface BenchDatabase {
  choice: DatabaseChoice;
  /** Where it lives, for the notes: a directory or a database name. */
  description: string;
  dispose(): Promise<void>;
}

export async function createBenchDatabase(databaseUrl: string | undefined, poolSize: number): Promise<BenchDatabase> {
  if (!databaseUrl) {
    const dir = await mkdtemp(join(tmpdir(), "helpline-bench-"));
    return {
      choice: { dataDir: dir },
      description: `temporary embedded database in ${dir}`,
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `helpline_bench_${randomBytes(6).toString("hex")}`;
  await withServer(databaseUrl, (sql) => sql(`create database ${name}`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    choice: { url: url.toString(), poolSize },
    description: `temporary database ${name} on ${url.host}`,
    dispose: () => withServer(databaseUrl, (sql) => sql(`drop database if exists ${name} with (force)`)),
  };
}

/** One short connection to the server named by `url` (its own database), for create/drop database. */
async function withServer(url: string, fn: (sql: (text: string) => Promise<unknown>) => Promise<unknown>) {
  const admin = await openDatabase({ url, poolSize: 1 });
  try {
    await fn((text) => admin.executeSql(text));
  } finally {
    await admin.close();
  }
}
