import { join } from "node:path";
import {
  bootstrapAdminOption,
  type Config,
  databaseOptions,
  describeConfig,
  smtpReceiverOption,
} from "../../config/index.js";
import { packageRoot } from "../../config/package-root.js";
import {
  createHelpdesk,
  type Helpdesk,
  resolveSecretKey,
  type SmtpReceiver,
  startSmtpReceiver,
} from "../../lib/index.js";
import type { CommandContext } from "../context.js";
import { emailOptions } from "../email-options.js";
import { notifyOptions } from "../notify-options.js";

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

/** Starts the built-in SMTP receiver when HELPLINE_SMTP_PORT is set. */
async function startSmtp(
  desk: Helpdesk,
  config: Config,
  log: (msg: string, extra?: Record<string, unknown>) => void,
): Promise<SmtpReceiver | undefined> {
  const smtp = smtpReceiverOption(config);
  if (!smtp) return undefined;
  const receiver = await startSmtpReceiver({ desk, ...smtp, log });
  log(`SMTP receiver listening on ${receiver.host}:${receiver.port}`, { starttls: Boolean(smtp.tls) });
  return receiver;
}

/** Serves HTTP for a desk; provided by the process entry (main.ts), which may import the HTTP adapter. */
export type ServeHttp = (
  desk: Helpdesk,
  opts: {
    port: number;
    host: string;
    logLevel: string;
    corsOrigins: string[];
    trustProxy: boolean;
    rateLimitPerMinute: number;
    bodyLimit: number;
    /** The built web app (dist/web); null serves the API only. */
    webRoot: string | null;
  },
) => Promise<{ close(): Promise<void>; log(msg: string, extra: Record<string, unknown>): void }>;

/** `helpline start`: the web server and the worker in one process. */
export async function startCommand(
  ctx: CommandContext,
  serve: ServeHttp,
  opts: { port?: string; host?: string },
): Promise<void> {
  const { config } = ctx;
  const started = Date.now();
  const desk = await createHelpdesk({
    database: databaseOptions(config),
    workspace: config.HELPLINE_WORKSPACE,
    workspaceName: config.HELPLINE_WORKSPACE_NAME,
    migrate: config.HELPLINE_MIGRATE_ON_START ? true : "auto",
    worker: true,
    processName: "helpline start",
    email: emailOptions(config, { warnWhenOff: true }),
    notify: notifyOptions(config, { warnWhenOff: true }),
    log: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: "warn", msg, ...extra })}\n`),
    secretKey: resolveSecretKey({ key: config.HELPLINE_SECRET_KEY, dataDir: config.HELPLINE_DATA_DIR }),
    bootstrapAdmin: bootstrapAdminOption(config),
  });
  const port = opts.port ? Number(opts.port) : config.PORT;
  const host = opts.host ?? config.HOST;
  let app: Awaited<ReturnType<ServeHttp>>;
  let smtp: SmtpReceiver | undefined;
  try {
    app = await serve(desk, {
      port,
      host,
      logLevel: config.LOG_LEVEL,
      corsOrigins: config.HELPLINE_CORS_ORIGINS,
      trustProxy: config.HELPLINE_TRUST_PROXY,
      rateLimitPerMinute: config.HELPLINE_RATE_LIMIT_PER_MINUTE,
      bodyLimit: config.HELPLINE_BODY_LIMIT,
      webRoot: join(packageRoot(), "dist", "web"),
    });
    if (await desk.auth.needsSetup()) {
      const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
      app.log(`no administrator yet: open http://${shown}:${port}/ to create one (or set HELPLINE_ADMIN_EMAIL)`, {});
    }
  } catch (err) {
    await desk.close();
    throw err;
  }
  try {
    smtp = await startSmtp(desk, config, (msg, extra) => app.log(msg, extra ?? {}));
  } catch (err) {
    await app.close();
    await desk.close();
    throw err;
  }
  app.log(
    `Helpline ${desk.version} is serving on http://${host === "0.0.0.0" ? "localhost" : host}:${port} (${desk.engine})`,
    { config: describeConfig(config), engine: desk.engine, bootMs: Date.now() - started },
  );
  onSignal(async () => {
    await smtp?.close();
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
    email: emailOptions(config, { warnWhenOff: true }),
    notify: notifyOptions(config, { warnWhenOff: true }),
    log: (msg, extra) => process.stderr.write(`${JSON.stringify({ level: "warn", msg, ...extra })}\n`),
  });
  let smtp: SmtpReceiver | undefined;
  try {
    smtp = await startSmtp(desk, config, (msg, extra) =>
      process.stderr.write(`${JSON.stringify({ level: "info", msg, ...extra })}\n`),
    );
  } catch (err) {
    await desk.close();
    throw err;
  }
  ctx.out.info(`Helpline worker running on ${desk.engine}. Ctrl-C to stop.`);
  onSignal(async () => {
    await smtp?.close();
    await desk.close();
  });
  await new Promise<never>(() => undefined);
}
