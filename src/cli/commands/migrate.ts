import { databaseOptions } from "../../config/index.js";
import { migrate, migrationStatus, openDatabase } from "../../lib/index.js";
import type { CommandContext } from "../context.js";

/** `helpline migrate [--status]`: apply (or only show) pending schema migrations. */
export async function migrateCommand(ctx: CommandContext, opts: { status?: boolean }): Promise<void> {
  const options = databaseOptions(ctx.config);
  const database = await openDatabase(
    "url" in options ? options : { dataDir: options.dataDir, lockCommand: "helpline migrate" },
  );
  try {
    const before = await migrationStatus(database);
    const after = opts.status ? before : await migrate(database);
    ctx.out.result({ engine: database.engine, before, after }, () =>
      opts.status
        ? `${database.engine}: ${after.applied} applied, ${after.pending} pending (latest: ${after.latest ?? "none"})`
        : `${database.engine}: applied ${after.applied - before.applied} migration(s); schema is at ${after.latest ?? "none"}`,
    );
  } finally {
    await database.close();
  }
}
