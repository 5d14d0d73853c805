import { readFileSync } from "node:fs";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { packageRoot } from "../config/package-root.js";
import type { Database } from "./connection.js";

/** Committed SQL migrations live at the package root in `drizzle/`. */
export const migrationsFolder = join(packageRoot(), "drizzle");

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

function journal(): Journal {
  return JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as Journal;
}

export interface MigrationStatus {
  applied: number;
  pending: number;
  latest: string | null;
}

export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  const entries = journal().entries;
  let appliedAt: number[] = [];
  try {
    const res = await database.executeSql(
      "select created_at::text as created_at from drizzle.__drizzle_migrations order by created_at",
    );
    appliedAt = res.rows.map((r) => Number(r.created_at));
  } catch {
    appliedAt = [];
  }
  const applied = entries.filter((e) => appliedAt.includes(e.when));
  return {
    applied: applied.length,
    pending: entries.length - applied.length,
    latest: applied.at(-1)?.tag ?? null,
  };
}

/** Applies pending migrations. On PostgreSQL an advisory lock keeps concurrent starts apart. */
export async function migrate(database: Database): Promise<MigrationStatus> {
  if (database.engine === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    // A session lock needs one connection: many processes may start at once.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("select pg_advisory_lock(7007001)");
      await migratePg(drizzle({ client }), { migrationsFolder });
      await client.query("select pg_advisory_unlock(7007001)");
    } finally {
      await client.end();
    }
  }
  return migrationStatus(database);
}
