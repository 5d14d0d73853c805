import { type Config, databaseOptions, loadConfig } from "../config/index.js";
import { createHelpdesk, type Helpdesk } from "../lib/index.js";
import { createOutput, type Output } from "./output.js";

/** Options every command accepts. */
export interface GlobalOptions {
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
  workspace?: string;
}

export interface CommandContext {
  config: Config;
  out: Output;
  /** Opens the desk for a one-off command (and closes it after `fn`). */
  withDesk<T>(fn: (desk: Helpdesk) => Promise<T>, opts?: { processName?: string }): Promise<T>;
}

export function commandContext(opts: GlobalOptions, command: string): CommandContext {
  const config = loadConfig({
    HELPLINE_DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl,
    HELPLINE_WORKSPACE: opts.workspace,
  });
  const out = createOutput(opts.json === true);
  return {
    config,
    out,
    async withDesk(fn, o = {}) {
      const desk = await createHelpdesk({
        database: databaseOptions(config),
        workspace: config.HELPLINE_WORKSPACE,
        workspaceName: config.HELPLINE_WORKSPACE_NAME,
        migrate: config.HELPLINE_MIGRATE_ON_START ? true : "auto",
        processName: o.processName ?? `helpline ${command}`,
      });
      try {
        return await fn(desk);
      } finally {
        await desk.close();
      }
    },
  };
}
