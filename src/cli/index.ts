import { Command, CommanderError, Option } from "commander";
import { VERSION } from "../lib/index.js";
import { benchCommand } from "./commands/bench.js";
import { migrateCommand } from "./commands/migrate.js";
import { reportCommand } from "./commands/report.js";
import { type ServeHttp, startCommand, workerCommand } from "./commands/serve.js";
import { ticketsCreate, ticketsList, ticketsShow } from "./commands/tickets.js";
import { usersCreate } from "./commands/users.js";
import { viewsCreate, viewsDelete, viewsList } from "./commands/views.js";
import { commandContext, type GlobalOptions } from "./context.js";
import { reportError } from "./errors.js";
import { EXIT } from "./exit-codes.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(
  run: (name: string, fn: (g: GlobalOptions) => Promise<void>) => Promise<void>,
  serve: ServeHttp,
): Command {
  const cli = new Command("helpline")
    .description("Helpline: a self-hosted helpdesk. Embedded database by default; PostgreSQL with --database-url.")
    .version(VERSION)
    .option("--json", "print machine-readable JSON on stdout")
    .option("--data-dir <dir>", "embedded database directory (HELPLINE_DATA_DIR, default ./data)")
    .option("--database-url <url>", "use PostgreSQL instead of the embedded database (DATABASE_URL)")
    .option("--workspace <slug>", "workspace to act in (HELPLINE_WORKSPACE, default 'default')")
    .option("--as <agent>", "act as this agent (email or id): `me` in queries, owner of views")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");

  cli
    .command("start")
    .description("serve the web app and API, and run background work, in one process")
    .option("-p, --port <port>", "port to listen on (PORT, default 3000)")
    .option("--host <host>", "address to bind (HOST, default 0.0.0.0)")
    .action((o) => run("start", (go) => startCommand(commandContext(go, "start"), serve, o)));
  cli
    .command("worker")
    .description("run only background work (outbox delivery, maintenance); use with PostgreSQL")
    .action(() => run("worker", (go) => workerCommand(commandContext(go, "worker"))));
  cli
    .command("migrate")
    .description("apply pending database migrations")
    .option("--status", "only show what is applied and pending")
    .action((o) => run("migrate", (go) => migrateCommand(commandContext(go, "migrate"), o)));

  const users = cli.command("users").description("manage agents");
  users
    .command("create")
    .description("create an agent (works offline, before the server is first started)")
    .requiredOption("--email <email>", "sign-in email")
    .option("--name <name>", "display name")
    .addOption(new Option("--role <role>", "role").choices(["agent", "manager", "superadmin"]).default("agent"))
    .addOption(new Option("--password <password>", "sign-in password (visible to `ps`: prefer --password-stdin)"))
    .addOption(new Option("--password-stdin", "read the sign-in password from standard input").conflicts("password"))
    .action((o) => run("users create", (go) => usersCreate(commandContext(go, "users create"), o)));

  const tickets = cli.command("tickets").description("create, list and show tickets");
  tickets
    .command("create")
    .description("create a ticket (priority is detected from the text unless given)")
    .requiredOption("-s, --subject <subject>", "one-line summary")
    .option("-d, --description <text>", "the request itself")
    .option("-r, --requester <email>", "customer email (created on first contact)")
    .option("--priority <level>", "critical|high|medium|low or 1-4 (sets urgency and importance)")
    .option("--urgency <level>", "critical|high|medium|low")
    .option("--importance <level>", "critical|high|medium|low")
    .option("--category <name>", "category")
    .option("--type <type>", "ticket type (default question)")
    .option("-t, --tag <tag>", "tag (repeatable)", collect)
    .option("-a, --assignee <agent>", "agent id or email")
    .option("--team <team>", "team name or id")
    .action((o) => run("tickets create", (go) => ticketsCreate(commandContext(go, "tickets create"), o)));
  tickets
    .command("list")
    .description("the queue (most urgent first), or the tickets a query matches")
    .option("-q, --query <query>", 'query language, e.g. "status: open priority: >= high assignee: me"')
    .option("--status <status>", "a status, several comma-separated, 'active' (default) or 'all'")
    .option("--assignee <agent>", "agent id or email")
    .option("--unassigned", "only tickets without an assignee")
    .option("--priority <level>", "critical|high|medium|low or 1-4")
    .option("--team <team>", "team name or id")
    .option("--category <name>", "category")
    .option("--limit <n>", "page size (default 50, max 500)")
    .option("--cursor <cursor>", "next page, as printed by the previous page")
    .option("--view <name>", "the tickets of a saved view (by name or id; your own first with --as)")
    .action((o) => run("tickets list", (go) => ticketsList(commandContext(go, "tickets list"), o)));
  tickets
    .command("show <ticket>")
    .description("one ticket with its SLA and timeline (TKT-1001 or id)")
    .action((ref: string) => run("tickets show", (go) => ticketsShow(commandContext(go, "tickets show"), ref)));

  const views = cli.command("views").description("saved queries (views): list with live counts, create, delete");
  views
    .command("list")
    .description("the views you see (every view without --as), each with how many tickets it matches")
    .action(() => run("views list", (go) => viewsList(commandContext(go, "views list"))));
  views
    .command("create <name>")
    .description("save a query as a view of the --as agent")
    .requiredOption("-q, --query <query>", 'query language, e.g. "status: open assignee: me"')
    .option("--share <with>", "share with 'team:<team name>' or the 'workspace' (default: personal)")
    .action((name: string, o) =>
      run("views create", (go) => viewsCreate(commandContext(go, "views create"), go.as, name, o)),
    );
  views
    .command("delete <name>")
    .description("delete a view (by name or id; your own first)")
    .action((name: string) => run("views delete", (go) => viewsDelete(commandContext(go, "views delete"), name)));

  cli
    .command("report")
    .description("seed 002's summary report")
    .option("--days <n>", "period in days (default 7)")
    .action((o) => run("report", (go) => reportCommand(commandContext(go, "report"), o)));
  cli
    .command("bench")
    .description("measure throughput and latency; prints one JSON object")
    .option("--tickets <n>", "tickets in the measured dataset (default 10000)")
    .option("--writers <n>", "concurrent writers for the create measurement (default 4)")
    .option("--create <n>", "tickets created through the engine for the create rate (default min(N, 5000))")
    .option("--database-url <url>", "bench PostgreSQL at this URL instead of a temporary embedded database")
    .option("--http", "also load the HTTP API (a separate `helpline start` process on PostgreSQL)")
    .option("--http-seconds <n>", "measured seconds of each HTTP load, list and create (default 15)")
    .option("--http-connections <n>", "concurrent keep-alive HTTP connections (default 10)")
    .option("--http-profile <dir>", "write a V8 CPU profile of the HTTP server process to this directory")
    .action((o) =>
      run("bench", (go) => benchCommand({ ...o, json: go.json, databaseUrl: o.databaseUrl ?? go.databaseUrl }, serve)),
    );
  return cli;
}

/** Runs the CLI and resolves to the process exit code. */
export async function runCli(argv: string[], serve: ServeHttp): Promise<number> {
  let code: number = EXIT.ok;
  let json = argv.includes("--json");
  const run = async (_name: string, fn: (g: GlobalOptions) => Promise<void>) => {
    try {
      await fn(cli.opts<GlobalOptions>());
    } catch (err) {
      json = cli.opts<GlobalOptions>().json === true || json;
      code = reportError(err, json);
    }
  };
  const cli = program(run, serve);
  try {
    await cli.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    return reportError(err, json);
  }
  return code;
}
