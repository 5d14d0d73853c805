import { Command, CommanderError, Option } from "commander";
import { VERSION } from "../lib/index.js";
import { benchCommand } from "./commands/bench.js";
import { calendarsCreate, calendarsImportHolidays, calendarsList } from "./commands/calendars.js";
import { classifyCommand } from "./commands/classify.js";
import { registerEmail } from "./commands/email.js";
import { registerMailboxes } from "./commands/mailboxes.js";
import { migrateCommand } from "./commands/migrate.js";
import { registerNotifications } from "./commands/notifications.js";
import { registerReminders } from "./commands/reminders.js";
import { reportCommand } from "./commands/report.js";
import {
  rulesCreate,
  rulesDelete,
  rulesFirings,
  rulesList,
  rulesSetEnabled,
  rulesShow,
  rulesTest,
  rulesUpdate,
} from "./commands/rules.js";
import { type ServeHttp, startCommand, workerCommand } from "./commands/serve.js";
import { slaPoliciesAdd, slaPoliciesList, slaPoliciesRemove, slaPoliciesUpdate, slaShow } from "./commands/sla.js";
import { ticketsCreate, ticketsList, ticketsShow } from "./commands/tickets.js";
import { usersAvailability, usersCapacity, usersCreate } from "./commands/users.js";
import { viewsCreate, viewsDelete, viewsList } from "./commands/views.js";
import { registerWebhooks } from "./commands/webhooks.js";
import { commandContext, type GlobalOptions } from "./context.js";
import { reportError } from "./errors.js";
import { EXIT } from "./exit-codes.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(
  /** `fn` may resolve to an exit code (a command whose check failed without an error). */
  run: (name: string, fn: (g: GlobalOptions) => Promise<unknown>) => Promise<void>,
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
  users
    .command("availability <agent> <availability>")
    .description("set an agent's availability for routing: online, away, offline or out_of_office")
    .option("--until <time>", "with out_of_office: back at this ISO-8601 time (e.g. 2025-03-10T09:00:00Z)")
    .action((agent, availability, o) =>
      run("users availability", (go) =>
        usersAvailability(commandContext(go, "users availability"), agent, availability, o),
      ),
    );
  users
    .command("capacity <agent> <max>")
    .description("most active tickets routing gives the agent (a number, or none)")
    .action((agent, max) =>
      run("users capacity", (go) => usersCapacity(commandContext(go, "users capacity"), agent, max)),
    );

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
    .command("classify")
    .description("what the desk makes of a ticket's text: priority, category, sentiment, and why (nothing is stored)")
    .requiredOption("-s, --subject <subject>", "one-line summary")
    .option("-d, --description <text>", "the request itself")
    .action((o) => run("classify", (go) => classifyCommand(commandContext(go, "classify"), o)));

  const calendars = cli
    .command("calendars")
    .description("business-hours calendars: when SLA time runs (list, create, import holidays)");
  calendars
    .command("list")
    .description("every calendar of the workspace, the default first")
    .action(() => run("calendars list", (go) => calendarsList(commandContext(go, "calendars list"))));
  calendars
    .command("create <name>")
    .description("add a calendar (the workspace's first one becomes its default)")
    .option("--tz <zone>", "IANA time zone, e.g. Europe/Berlin (default: the workspace's time zone)")
    .option(
      "--hours <spec>",
      'open hours, repeatable: "<days> <times>" such as "mon-fri 09:00-17:00", ' +
        '"mon-thu 09:00-12:00,13:00-17:00; fri 09:00-13:00", "daily 00:00-24:00", "sat closed"; ' +
        "days not named are closed; 22:00-06:00 runs past midnight (default: mon-fri 09:00-17:00)",
      collect,
    )
    .option(
      "--file <calendar.json>",
      'the calendar as JSON: {"timeZone": "Europe/Berlin", "hours": {"mon": [{"start": "09:00", "end": "17:00"}]}, ' +
        '"holidays": [{"date": "2026-12-24"}, {"yearly": "12-25", "name": "Christmas"}]}; --tz and --hours override it',
    )
    .option("--default", "make it the workspace's default calendar")
    .action((name: string, o) =>
      run("calendars create", (go) => calendarsCreate(commandContext(go, "calendars create"), name, o)),
    );
  calendars
    .command("import-holidays <calendar> <file.ics>")
    .description("add the holidays of an iCalendar (.ics) feed to a calendar (by name or id)")
    .option("--replace", "replace the calendar's holidays instead of adding to them")
    .action((ref: string, path: string, o) =>
      run("calendars import-holidays", (go) =>
        calendarsImportHolidays(commandContext(go, "calendars import-holidays"), ref, path, o),
      ),
    );

  registerMailboxes(cli, run);

  registerNotifications(cli, run);

  registerWebhooks(cli, run);

  registerReminders(cli, run);

  registerEmail(cli, run);

  const rules = cli
    .command("rules")
    .description("automation rules: list, show, create, update, test (dry run), enable, disable, delete, firings");
  rules
    .command("list", { isDefault: true })
    .description("the rules in firing order, with how often each fired")
    .action(() => run("rules list", (go) => rulesList(commandContext(go, "rules list"))));
  rules
    .command("show <rule>")
    .description("one rule (by name or id): trigger, condition, actions, firings")
    .action((ref: string) => run("rules show", (go) => rulesShow(commandContext(go, "rules show"), ref)));
  rules
    .command("create")
    .description("add a rule from a JSON file (the body of POST /api/v1/automation/rules); managers")
    .requiredOption("--file <rule.json>", "the rule as JSON ('-' reads standard input)")
    .addHelpText(
      "after",
      `
A rule file (see docs/automation.md for every trigger, anchor, action and placeholder):
  {
    "name": "VIP tickets to the VIP team",
    "trigger": { "type": "event", "events": ["ticket.created"] },
    "condition": "tag: vip",
    "actions": [
      { "type": "set_field", "field": "team", "value": "VIP" },
      { "type": "notify", "to": { "teamLead": true }, "message": "VIP ticket {{ticket.number}}" }
    ]
  }
A time rule: "trigger": { "type": "time", "since": "status_changed", "afterMinutes": 4320 }.`,
    )
    .action((o) => run("rules create", (go) => rulesCreate(commandContext(go, "rules create"), o)));
  rules
    .command("update <rule>")
    .description("change a rule (by name or id): only the fields in the JSON file change; managers")
    .requiredOption("--file <changes.json>", "the changed fields as JSON ('-' reads standard input)")
    .action((ref: string, o) => run("rules update", (go) => rulesUpdate(commandContext(go, "rules update"), ref, o)));
  rules
    .command("test <rule-or-ticket> [ticket]")
    .description(
      "dry run: `rules test <rule> <ticket>` or `rules test --file draft.json <ticket>`: would it fire now, why, and what would it do (writes nothing); managers",
    )
    .option("--file <draft.json>", "test a draft rule from a JSON file instead of a saved rule")
    .action((first: string, second: string | undefined, o) =>
      run("rules test", (go) =>
        rulesTest(commandContext(go, "rules test"), second === undefined ? undefined : first, second ?? first, o),
      ),
    );
  rules
    .command("enable <rule>")
    .description("turn a rule on (a time rule is scheduled for open tickets); managers")
    .action((ref: string) =>
      run("rules enable", (go) => rulesSetEnabled(commandContext(go, "rules enable"), ref, true)),
    );
  rules
    .command("disable <rule>")
    .description("turn a rule off; managers")
    .action((ref: string) =>
      run("rules disable", (go) => rulesSetEnabled(commandContext(go, "rules disable"), ref, false)),
    );
  rules
    .command("delete <rule>")
    .description("delete a rule (its firings stay in the log); managers")
    .action((ref: string) => run("rules delete", (go) => rulesDelete(commandContext(go, "rules delete"), ref)));
  rules
    .command("firings [ticket]")
    .description("the firing log, newest first: of one ticket, or of the workspace")
    .option("--rule <rule>", "only this rule's firings")
    .option("--limit <n>", "at most this many (default 50)")
    .action((ticket: string | undefined, o) =>
      run("rules firings", (go) => rulesFirings(commandContext(go, "rules firings"), ticket, o)),
    );

  const sla = cli
    .command("sla")
    .description("SLA policies (targets, pause, escalation levels) and a ticket's SLA clocks");
  const policies = sla
    .command("policies")
    .description("SLA policies in the order they are tried; the built-in default applies when none matches");
  policies
    .command("list", { isDefault: true })
    .description("the policies (the default when no subcommand is given), then the built-in default")
    .action(() => run("sla policies", (go) => slaPoliciesList(commandContext(go, "sla policies"))));
  policies
    .command("add")
    .description("add a policy from a JSON file (the body of POST /api/v1/sla/policies); managers")
    .requiredOption("--file <policy.json>", "the policy as JSON ('-' reads standard input)")
    .addHelpText(
      "after",
      `
A policy file (durations in minutes, counted in the calendar's open hours unless "business": false):
  {
    "name": "Premium",
    "condition": "tag: premium",
    "calendar": "Office hours",
    "targets": {
      "firstResponse": { "minutes": 60 },
      "resolution": { "byPriority": { "critical": 240, "high": 480, "medium": 1440, "low": 2880 } }
    },
    "pauseStatuses": ["pending_customer", "on_hold"],
    "warningShare": 0.8,
    "escalations": [
      { "afterBreachMinutes": 0, "actions": [{ "type": "notify", "to": { "managers": true }, "message": "SLA breached" }] },
      { "afterBreachMinutes": 60, "actions": [{ "type": "escalate" }] }
    ]
  }
Only "name" and "targets" are required; "condition" empty (default) matches every ticket,
"calendar" defaults to the workspace's default calendar, "position" (0 = first) to last.`,
    )
    .action((o) => run("sla policies add", (go) => slaPoliciesAdd(commandContext(go, "sla policies add"), o)));
  policies
    .command("update <policy>")
    .description("change a policy (by name or id): only the fields in the JSON file change; managers")
    .requiredOption("--file <changes.json>", "the changed fields as JSON, e.g. {\"enabled\": false} ('-' reads stdin)")
    .action((ref: string, o) =>
      run("sla policies update", (go) => slaPoliciesUpdate(commandContext(go, "sla policies update"), ref, o)),
    );
  policies
    .command("remove <policy>")
    .description("delete a policy (by name or id); its tickets move to the next policy that matches; managers")
    .action((ref: string) =>
      run("sla policies remove", (go) => slaPoliciesRemove(commandContext(go, "sla policies remove"), ref)),
    );
  sla
    .command("show <ticket>")
    .description("a ticket's SLA policy and clocks: state, due, remaining, met or breached (TKT-1001 or id)")
    .action((ref: string) => run("sla show", (go) => slaShow(commandContext(go, "sla show"), ref)));

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
    .option(
      "--only <phases>",
      "measure only these phases after the load, comma-separated: queue, breached, report, query, health, engine, create",
    )
    .action((o) =>
      run("bench", (go) => benchCommand({ ...o, json: go.json, databaseUrl: o.databaseUrl ?? go.databaseUrl }, serve)),
    );
  return cli;
}

/** Runs the CLI and resolves to the process exit code. */
export async function runCli(argv: string[], serve: ServeHttp): Promise<number> {
  let code: number = EXIT.ok;
  let json = argv.includes("--json");
  const run = async (_name: string, fn: (g: GlobalOptions) => Promise<unknown>) => {
    try {
      const result = await fn(cli.opts<GlobalOptions>());
      if (typeof result === "number") code = result;
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
