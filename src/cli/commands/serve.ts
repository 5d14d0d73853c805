import { databaseOptions, describeConfig } from "../../config/index.js";
import { buildServer } from "../../http/server.js";
import { createHelpdesk } from "../../lib/index.js";
import type { CommandContext } from "../context.js";

function onSignal(stop: () => Promise<void>): void {
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (stopping) process.exit(1);
      stopping = true;
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

/** `helpline start`: the web server and the worker in one process. */
export async function startCommand(ctx: CommandContext, opts: { port?: string; host?: string }): Promise<void> {
  const { config } = ctx;
  const started = Date.now();
  const desk = await createHelpdesk({
    database: databaseOptions(config),
    workspace: config.HELPLINE_WORKSPACE,
    workspaceName: config.HELPLINE_WORKSPACE_NAME,
    migrate: config.HELPLINE_MIGRATE_ON_START ? true : "auto",
    worker: true,
    processName: "helpline start",
    log: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: "warn", msg, ...extra })}\n`),
  });
  const app = await buildServer({ desk, logLevel: config.LOG_LEVEL });
  const port = opts.port ? Number(opts.port) : config.PORT;
  const host = opts.host ?? config.HOST;
  await app.listen({ port, host });
  app.log.info(
    { config: describeConfig(config), engine: desk.engine, bootMs: Date.now() - started },
    `Helpline ${desk.version} is serving on http://${host === "0.0.0.0" ? "localhost" : host}:${port} (${desk.engine})`,
  );
  onSignal(async () => {
    await app.close();
    await desk.close();
  });
  await new Promise<never>(() => undefined);
}

/** `helpline worker`: background work only (outbox delivery, maintenance). */
export async function workerCommand(ctx: CommandContext): Promise<void> {
  const { config } = ctx;
  const desk = await createHelpdesk({
    database: databaseOptions(config),
    workspace: config.HELPLINE_WORKSPACE,
    workspaceName: config.HELPLINE_WORKSPACE_NAME,
    migrate: config.HELPLINE_MIGRATE_ON_START ? true : "auto",
    worker: true,
    processName: "helpline worker",
    log: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: "warn", msg, ...extra })}\n`),
  });
  ctx.out.info(`Helpline worker running on ${desk.engine}. Ctrl-C to stop.`);
  onSignal(() => desk.close());
  await new Promise<never>(() => undefined);
}
