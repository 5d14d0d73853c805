import type { Database } from "../db/connection.js";

export async function vacuumAnalyze(database: Database): Promise<void> {
  await database.executeSql("VACUUM (ANALYZE)");
}

export async function checkpoint(database: Database): Promise<void> {
  await database.executeSql("CHECKPOINT");
}
