import type { Mailer } from "../core/auth/index.js";
import {
  DEFAULT_EMAIL_LIMITS,
  type EmailAddress,
  type EmailEnv,
  type EmailLimits,
  type ImapConnector,
  type MailTransport,
  type MimeParser,
} from "../core/channels/index.js";
import {
  type Actor,
  type ClientInfo,
  type Clock,
  type DueWork,
  type EventListener,
  systemActor,
} from "../core/kernel/index.js";
import { publishTicketChanges } from "../core/live/index.js";
import type { HttpPoster, NotifyEnv, RealtimeBus, SlackPort } from "../core/notifications/index.js";
import type { CreateWorkspaceInput } from "../core/people/index.js";
import {
  createWorkspace,
  ensureWorkspace,
  findWorkspace,
  getWorkspaceById,
  type Workspace,
} from "../core/people/index.js";
import { type Database, openDatabase } from "../db/connection.js";
import { type MigrationStatus, migrate, migrationStatus } from "../db/migrate.js";
import { imapflowConnector } from "../integrations/email/imap-client.js";
import { parseMime } from "../integrations/email/parse-mime.js";
import { fetchPoster } from "../integrations/http/post.js";
import { type ClosableBus, inProcessBus } from "../integrations/realtime/in-process-bus.js";
import { postgresBus } from "../integrations/realtime/postgres-bus.js";
import type { JobDeps } from "../jobs/deps.js";
import { drainEvents } from "../jobs/drain.js";
import { runDueWork } from "../jobs/run-due.js";
import { type JobRuntime, startJobs } from "../jobs/runtime.js";
import { logMailer } from "./auth/log-mailer.js";
import { ephemeralSecretKey, resolveSecretKey } from "./auth/secret-key.js";
import { type AuthService, buildAuthService } from "./auth-service.js";
import { builtInDueWork, builtInListeners } from "./engine-wiring.js";
import { buildServices, type Services } from "./services.js";
import { VERSION } from "./version.js";

export type DatabaseChoice =
  | { dataDir: string }
  | { url: string; poolSize?: number }
  /** In memory, gone at close: for tests and experiments. */
  | { memory: true };

export interface HelpdeskOptions {
  /** Default: the embedded database in `./data`. */
  database?: DatabaseChoice;
  /** Default: the system clock. */
  clock?: Clock;
  /** Workspace slug to act in; created on first use. Default `default`. */
  workspace?: string;
  /** Display name for the workspace when it is created. */
  workspaceName?: string;
  /**
   * Apply pending migrations at open. `"auto"` (default) migrates the embedded
   * database and refuses to run on a PostgreSQL schema that is behind.
   */
  migrate?: boolean | "auto";
  /** Run background work (outbox delivery, maintenance) in this process. Default false. */
  worker?: boolean;
  /** Named in the data-directory lock so a second process can say who holds it. */
  processName?: string;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /**
   * 32-byte instance key that encrypts secrets at rest (TOTP secrets). Default:
   * `<dataDir>/secret.key` for the embedded database (created on first use),
   * otherwise a key for this process only.
   */
  secretKey?: Buffer;
  /** Delivers password-reset messages. Default: written to `log`. */
  mailer?: Mailer;
  /**
   * The email channel's parts: outbound SMTP transport (none: replies stay queued),
   * IMAP connector, MIME parser, size limits. Defaults: no transport, imapflow, mailparser.
   */
  email?: {
    transport?: MailTransport;
    imap?: ImapConnector;
    parse?: MimeParser;
    limits?: Partial<EmailLimits>;
    /** From address when a workspace names none and has no mailbox (HELPLINE_SMTP_FROM). */
    defaultFrom?: EmailAddress;
  };
  /**
   * Notifications' parts: Slack (none: Slack deliveries are skipped, saying why), the Slack
   * signing secret, the webhook poster (default fetch), the realtime bus, HELPLINE_ADMIN_EMAIL
   * and the public URL links start with (default http://localhost:3000).
   */
  notify?: {
    slack?: SlackPort;
    slackSigningSecret?: string;
    http?: HttpPoster;
    bus?: RealtimeBus;
    adminEmail?: string;
    publicUrl?: string;
  };
  /** On open, make this person a superadmin of the workspace unless it has one. */
  bootstrapAdmin?: { email: string; password: string; name?: string };
}

export interface Health {
  status: "ok" | "unavailable";
  database: Database["engine"];
  version: string;
  migrations: MigrationStatus | null;
  error?: string;
}

interface Shared {
  database: Database;
  clock: Clock;
  listeners: EventListener[];
  dueWork: DueWork[];
  jobs: JobRuntime | undefined;
  log: NonNullable<HelpdeskOptions["log"]>;
  closed: boolean;
  /** Read at open; the schema does not change while a process runs. */
  migrations: MigrationStatus;
  workspaces: Map<string, Workspace>;
  auth: AuthService;
  email: EmailEnv;
  notify: NotifyEnv;
  /** The realtime bus the desk made (none was given): closed with the desk. */
  ownBus: ClosableBus | undefined;
}

export interface Helpdesk extends Services {
  readonly version: string;
  readonly engine: Database["engine"];
  readonly workspace: Workspace;
  readonly actor: Actor;
  /** The same desk acting as someone else (authorisation follows the actor). */
  as(actor: Actor): Helpdesk;
  /** The same desk in another workspace (created on first use). */
  inWorkspace(slug: string): Promise<Helpdesk>;
  /**
   * The desk as `actor` in the workspace with this id (what adapters do per request);
   * `client` (IP, user agent) goes into the audit log.
   */
  actingAs(workspaceId: string, actor: Actor, client?: ClientInfo): Promise<Helpdesk>;
  /** Sessions, API tokens, sign-in. */
  auth: AuthService;
  createWorkspace(input: CreateWorkspaceInput): Promise<Workspace>;
  /** Subscribe to committed events; delivered by the worker, at least once. */
  events: { on(listener: EventListener): void };
  /**
   * Does now, in this process, what the worker does in the background for this
   * workspace: delivers committed events to listeners (SLA clocks, automation)
   * and runs the work due at the desk's clock (SLA warnings and breaches,
   * escalations, time rules), until nothing is left. For scripts and for tests
   * with an injected clock; safe next to a running worker. A delivery that fails (a webhook
   * receiver answering 500) is tried once per call, logged, and left to the worker's retries.
   */
  runPending(): Promise<{ delivered: number; due: Record<string, number> }>;
  startWorker(): Promise<JobRuntime>;
  health(): Promise<Health>;
  /** Low-level handle for adapters (HTTP health, bench). */
  readonly database: Database;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

export class MigrationsPendingError extends Error {
  readonly code = "database.migrations_pending";
  constructor(status: MigrationStatus) {
    super(
      `The database schema is behind this version of Helpline (${status.pending} migration(s) pending). ` +
        "Run `helpline migrate` (with the same DATABASE_URL) and start again.",
    );
  }
}

async function openFor(options: HelpdeskOptions): Promise<Database> {
  const choice = options.database ?? { dataDir: "./data" };
  if ("memory" in choice) return openDatabase({ dataDir: null });
  if ("url" in choice) return openDatabase(choice);
  return openDatabase({ dataDir: choice.dataDir, lockCommand: options.processName ?? "helpline library" });
}

function secretKeyFor(options: HelpdeskOptions, log: NonNullable<HelpdeskOptions["log"]>): Buffer {
  const choice = options.database ?? { dataDir: "./data" };
  if ("dataDir" in choice) return resolveSecretKey({ dataDir: choice.dataDir });
  if ("url" in choice) log("no secretKey given: MFA secrets enrolled now will not be readable after a restart");
  return ephemeralSecretKey();
}

/** Opens a help desk: database, migrations, workspace, and optionally the worker. */
export async function createHelpdesk(options: HelpdeskOptions = {}): Promise<Helpdesk> {
  const database = await openFor(options);
  try {
    const mode = options.migrate ?? "auto";
    let migrations: MigrationStatus;
    if (mode === true || (mode === "auto" && database.engine === "pglite")) migrations = await migrate(database);
    else {
      migrations = await migrationStatus(database);
      if (mode === "auto" && migrations.pending > 0) throw new MigrationsPendingError(migrations);
    }
    const clock = options.clock ?? systemClock;
    const log = options.log ?? (() => undefined);
    const workspace = await ensureWorkspace(
      database.db,
      clock,
      options.workspace ?? "default",
      options.workspaceName ?? "Helpline",
    );
    const secretKey = options.secretKey ?? secretKeyFor(options, log);
    const email: EmailEnv = {
      parse: options.email?.parse ?? parseMime,
      ...(options.email?.transport ? { transport: options.email.transport } : {}),
      ...(options.email?.defaultFrom ? { defaultFrom: options.email.defaultFrom } : {}),
      imap: options.email?.imap ?? imapflowConnector,
      secretKey,
      limits: { ...DEFAULT_EMAIL_LIMITS, ...options.email?.limits },
    };
    const o = options.notify ?? {};
    // Live notifications: one process on the embedded database, LISTEN/NOTIFY across processes on PostgreSQL.
    const choice = options.database ?? { dataDir: "./data" };
    const ownBus = o.bus ? undefined : "url" in choice ? postgresBus(choice.url, { log }) : inProcessBus();
    const notify: NotifyEnv = {
      email,
      http: o.http ?? fetchPoster,
      publicUrl: (o.publicUrl ?? "http://localhost:3000").replace(/\/+$/, ""),
      ...(o.slack ? { slack: o.slack } : {}),
      ...(o.slackSigningSecret ? { slackSigningSecret: o.slackSigningSecret } : {}),
      ...(o.bus ? { bus: o.bus } : ownBus ? { bus: ownBus } : {}),
      ...(o.adminEmail ? { adminEmail: o.adminEmail.toLowerCase() } : {}),
    };
    const shared: Shared = {
      database,
      clock,
      listeners: builtInListeners(email, notify),
      dueWork: builtInDueWork(email, notify),
      jobs: undefined,
      log,
      closed: false,
      migrations,
      workspaces: new Map(),
      email,
      notify,
      ownBus,
      auth: buildAuthService(database, clock, {
        defaultWorkspace: workspace,
        secretKey,
        mailer: options.mailer ?? logMailer(log),
      }),
    };
    if (options.bootstrapAdmin) {
      const result = await shared.auth.bootstrapAdmin(options.bootstrapAdmin);
      if (result.created) log(`created superadmin ${options.bootstrapAdmin.email}`, { workspace: workspace.slug });
    }
    const desk = bind(shared, workspace, systemActor());
    if (options.worker) await desk.startWorker();
    return desk;
  } catch (err) {
    await database.close();
    throw err;
  }
}

function jobDeps(shared: Shared): JobDeps {
  return {
    database: shared.database,
    listeners: () => shared.listeners,
    dueWork: () => shared.dueWork,
    log: shared.log,
    clock: shared.clock,
    email: shared.email,
    onDispatched: (events) => {
      const bus = shared.notify.bus;
      if (!bus) return;
      publishTicketChanges(bus, events).catch((err: Error) =>
        shared.log("live update not published", { error: err.message }),
      );
    },
  };
}

function bind(shared: Shared, workspace: Workspace, actor: Actor, client?: ClientInfo): Helpdesk {
  const ctx = { actor, workspaceId: workspace.id, db: shared.database.db, clock: shared.clock, client };
  const services = buildServices(
    ctx,
    () => {
      shared.auth.forgetRecent();
      shared.jobs?.dispatcher.wake();
    },
    {
      env: shared.email,
      wake: (what) => {
        const job = what === "inbound" ? "email.ingest" : "email.send";
        shared.jobs
          ?.runSingleton(job)
          .catch((err: Error) => shared.log(`could not queue ${job}`, { error: err.message }));
      },
    },
    shared.notify,
  );
  return {
    ...services,
    version: VERSION,
    engine: shared.database.engine,
    workspace,
    actor,
    database: shared.database,
    as: (next) => bind(shared, workspace, next),
    async inWorkspace(slug) {
      const ws =
        (await findWorkspace(shared.database.db, slug)) ??
        (await ensureWorkspace(shared.database.db, shared.clock, slug));
      return bind(shared, ws, actor);
    },
    createWorkspace: (input) => createWorkspace(shared.database.db, shared.clock, input),
    async actingAs(workspaceId, next, from) {
      let ws = shared.workspaces.get(workspaceId);
      if (!ws) {
        ws = await getWorkspaceById(shared.database.db, workspaceId);
        shared.workspaces.set(workspaceId, ws);
      }
      return bind(shared, ws, next, from);
    },
    auth: shared.auth,
    events: {
      on(listener) {
        if (shared.listeners.some((l) => l.name === listener.name)) {
          throw new Error(`a listener named "${listener.name}" is already registered`);
        }
        shared.listeners.push(listener);
      },
    },
    async startWorker() {
      if (!shared.jobs) shared.jobs = await startJobs(jobDeps(shared));
      return shared.jobs;
    },
    async runPending() {
      const deps = jobDeps(shared);
      let delivered = 0;
      const due: Record<string, number> = {};
      const failed = new Set<string>();
      for (let round = 0; round < 20; round++) {
        const d = await drainEvents(deps, workspace.id, failed);
        const counts = await runDueWork(deps, { workspaceId: workspace.id });
        delivered += d;
        for (const [k, n] of Object.entries(counts)) due[k] = (due[k] ?? 0) + n;
        if (d === 0 && Object.values(counts).every((n) => n === 0)) break;
      }
      return { delivered, due };
    },
    async health() {
      try {
        await shared.database.ping();
        return {
          status: "ok",
          database: shared.database.engine,
          version: VERSION,
          migrations: shared.migrations,
        };
      } catch (err) {
        return {
          status: "unavailable",
          database: shared.database.engine,
          version: VERSION,
          migrations: null,
          error: (err as Error).message,
        };
      }
    },
    async close() {
      if (shared.closed) return;
      shared.closed = true;
      await shared.jobs?.stop();
      await shared.ownBus?.close();
      await shared.database.close();
    },
  };
}
