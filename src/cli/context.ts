import { type Config, databaseOptions, loadConfig } from "../config/index.js";
import { createHelpdesk, DomainError, type Helpdesk, resolveSecretKey } from "../lib/index.js";
import { emailOptions } from "./email-options.js";
import { notifyOptions } from "./notify-options.js";
import { createOutput, type Output } from "./output.js";

/** Options every command accepts. */
export interface GlobalOptions {
  json?: boolean;
  dataDir?: string;
  databaseUrl?: string;
  workspace?: string;
  /** Act as this agent (email or id) instead of the system: `me` in queries, views' owner. */
  as?: string;
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
        email: emailOptions(config),
        notify: notifyOptions(config),
        // The instance key seals stored credentials (IMAP passwords): the server's own when set.
        ...(config.HELPLINE_SECRET_KEY
          ? { secretKey: resolveSecretKey({ key: config.HELPLINE_SECRET_KEY, dataDir: config.HELPLINE_DATA_DIR }) }
          : {}),
      });
      try {
        if (!opts.as) return await fn(desk);
        const agent = await desk.people.getAgent(opts.as);
        if (!agent.active) {
          throw new DomainError("validation", "cli.agent_inactive", `Agent ${agent.email} is deactivated.`, "as");
        }
        return await fn(desk.as({ type: "agent", id: agent.id, role: agent.role }));
      } finally {
        await desk.close();
      }
    },
  };
}
