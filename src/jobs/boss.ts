import PgBoss from "pg-boss";
import type { Database } from "../db/connection.js";

/** pg-boss on the same database: a connection string on PostgreSQL, an executeSql adapter on PGlite. */
export function createBoss(database: Database): PgBoss {
  const common = {
    schema: "pgboss",
    // Our own schedule decides maintenance of our tables; pg-boss keeps its own.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 7,
    monitorStateIntervalSeconds: 60,
  };
  if (database.engine === "postgres" && database.url) {
    return new PgBoss({ ...common, connectionString: database.url, max: 4, application_name: "helpline-jobs" });
  }
  return new PgBoss({
    ...common,
    db: { executeSql: (text: string, values: unknown[]) => database.executeSql(text, values) },
  });
}
