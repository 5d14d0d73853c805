import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { DomainError, type Mailbox, type MailboxCheck, type MailboxTestResult } from "../../lib/index.js";
import { type CommandContext, commandContext, type GlobalOptions } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { table } from "../output.js";

const bad = (code: string, field: string, message: string) => new DomainError("validation", code, message, field);

export interface AddOptions {
  name?: string;
  team?: string;
  imapHost?: string;
  imapPort?: string;
  imapUser?: string;
  imapPassword?: string;
  imapPasswordFile?: string;
  imapFolder?: string;
  imapTls?: boolean;
  imapSelfSigned?: boolean;
  after?: string;
  moveTo?: string;
  httpSecret?: boolean;
}

/** The password from --imap-password or --imap-password-file ('-': standard input), trailing newline cut. */
function imapPassword(o: AddOptions): string | undefined {
  if (o.imapPassword !== undefined && o.imapPasswordFile !== undefined) {
    throw bad("cli.conflicting_options", "imap-password", "Give --imap-password or --imap-password-file, not both.");
  }
  if (o.imapPasswordFile === undefined) return o.imapPassword;
  try {
    return readFileSync(o.imapPasswordFile === "-" ? 0 : o.imapPasswordFile, "utf8").replace(/\r?\n$/, "");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw bad(
      "cli.unreadable_file",
      "imap-password-file",
      `--imap-password-file: cannot read ${o.imapPasswordFile}: ${why}.`,
    );
  }
}

function port(text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw bad("cli.bad_port", "imap-port", `--imap-port "${text}" is not a port number.`);
  return Number(text);
}

/** The `imap` input from the --imap-* flags, or undefined when none was given. */
function imapInput(o: AddOptions): Record<string, unknown> | undefined {
  const password = imapPassword(o);
  const fields: Record<string, unknown> = {
    host: o.imapHost,
    port: o.imapPort === undefined ? undefined : port(o.imapPort),
    user: o.imapUser,
    password,
    folder: o.imapFolder,
    tls: o.imapTls,
    allowSelfSigned: o.imapSelfSigned,
    afterProcess: o.after,
    moveTo: o.moveTo,
  };
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return Object.keys(given).length > 0 ? given : undefined;
}

const imapText = (m: Mailbox) =>
  m.imap
    ? `${m.imap.user}@${m.imap.host}:${m.imap.port}/${m.imap.folder}${m.imap.passwordSet ? "" : " (no password)"}`
    : "";

const details = (m: Mailbox) => {
  const rows: [string, string][] = [
    ["Address", m.address],
    ["Name", m.displayName ?? ""],
    ["Team", m.team?.name ?? ""],
    ["Enabled", m.enabled ? "yes" : "no"],
    ["SMTP", m.enabled ? "accepted by the built-in receiver (when HELPLINE_SMTP_PORT is set)" : "refused (disabled)"],
    [
      "IMAP",
      m.imap ? `${imapText(m)}, TLS ${m.imap.tls ? "on" : "STARTTLS"}, then ${m.imap.afterProcess}` : "not polled",
    ],
    ["HTTP door", m.httpInbound ? "open (secret set)" : "closed"],
  ];
  return rows
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `  ${k.padEnd(10)} ${v}`)
    .join("\n");
};

/**
 * `helpline mailboxes add <address> [--name] [--team] [--imap-host … --imap-user … --imap-password(-file) …]
 * [--http-secret]`: an address the desk receives mail for.
 */
export async function mailboxesAdd(ctx: CommandContext, address: string, o: AddOptions): Promise<void> {
  const imap = imapInput(o);
  if (imap?.password !== undefined && ctx.config.DATABASE_URL && !ctx.config.HELPLINE_SECRET_KEY) {
    throw bad(
      "cli.secret_key_required",
      "imap-password",
      "Set HELPLINE_SECRET_KEY (the server's) so the IMAP password is sealed with the key the server reads it with.",
    );
  }
  const input = {
    address,
    ...(o.name !== undefined ? { displayName: o.name } : {}),
    ...(o.team !== undefined ? { team: o.team } : {}),
    ...(imap ? { imap } : {}),
    ...(o.httpSecret ? { httpSecret: true } : {}),
  };
  const change = await ctx.withDesk((desk) => desk.email.mailboxes.add(input));
  ctx.out.result(change, () => {
    const lines = [`Added mailbox ${change.mailbox.address}`, details(change.mailbox)];
    if (change.httpSecret) {
      lines.push(
        "",
        "HTTP inbound secret (shown this once; store it now):",
        `  ${change.httpSecret}`,
        "POST raw messages to /api/v1/email/inbound with it.",
      );
    }
    return lines.join("\n");
  });
}

/** `helpline mailboxes list`. */
export async function mailboxesList(ctx: CommandContext): Promise<void> {
  const page = await ctx.withDesk((desk) => desk.email.mailboxes.list());
  ctx.out.result(page, () => {
    if (page.items.length === 0) return "No mailboxes yet: helpline mailboxes add support@example.com";
    const rows = page.items.map((m) => [
      m.address,
      m.enabled ? "yes" : "no",
      m.team?.name ?? "",
      imapText(m),
      m.httpInbound ? "yes" : "",
      m.imapState.lastError ?? (m.imapState.lastPolledAt ? `polled ${m.imapState.lastPolledAt.toISOString()}` : ""),
    ]);
    return table(["ADDRESS", "ENABLED", "TEAM", "IMAP", "HTTP", "LAST POLL"], rows, 60);
  });
}

const STATUS_WORD: Record<MailboxCheck["status"], string> = { ok: "ok", failed: "FAILED", off: "off" };

function checkLine(label: string, c: MailboxCheck): string {
  return `  ${label.padEnd(9)} ${STATUS_WORD[c.status].padEnd(6)} ${c.server ? `${c.server}  ` : ""}${c.message}`;
}

/** What a person reads of a test: each check, the server's own words. */
export function formatTest(t: MailboxTestResult): string {
  const lines = [`${t.address}: ${t.ok ? "ok" : "FAILED"}`, checkLine("IMAP", t.imap)];
  if (t.imap.greeting) lines.push(`            greeting: ${t.imap.greeting}`);
  if (t.imap.status === "ok") {
    const facts = [
      `UIDVALIDITY ${t.imap.uidValidity}`,
      `IDLE ${t.imap.idle ? "offered" : "not offered"}`,
      ...(t.imap.messages === null ? [] : [`${t.imap.messages} messages`]),
    ];
    lines.push(`            ${facts.join(", ")}`);
  }
  lines.push(checkLine("Outbound", t.outbound));
  return lines.join("\n");
}

/** `helpline mailboxes test <address>`: connects and prints what the servers said; exit 9 when a check failed. */
export async function mailboxesTest(ctx: CommandContext, ref: string): Promise<number> {
  const result = await ctx.withDesk((desk) => desk.email.mailboxes.test(ref));
  ctx.out.result(result, () => formatTest(result));
  return result.ok ? EXIT.ok : EXIT.checkFailed;
}

/** `helpline mailboxes remove <address>`: deleted, or disabled when stored mail refers to it. */
export async function mailboxesRemove(ctx: CommandContext, ref: string): Promise<void> {
  const removal = await ctx.withDesk((desk) => desk.email.mailboxes.remove(ref));
  ctx.out.result(removal, () => removal.message);
}

/** `helpline mailboxes add|list|test|remove`, on the program. */
export function registerMailboxes(
  cli: Command,
  run: (name: string, fn: (g: GlobalOptions) => Promise<unknown>) => Promise<void>,
): void {
  const mailboxes = cli
    .command("mailboxes")
    .description("addresses the desk receives mail for: add, list, test connection, remove");
  mailboxes
    .command("add <address>")
    .description("receive mail for an address: by the built-in SMTP receiver, and by IMAP or HTTP when set up")
    .option("--name <name>", "display name on mail sent from this address")
    .option("--team <team>", "team (name or id) new tickets from this address go to")
    .option("--imap-host <host>", "poll this IMAP server")
    .option("--imap-port <port>", "IMAP port (default 993 with TLS, 143 without)")
    .option("--imap-user <user>", "IMAP login")
    .option("--imap-password <password>", "IMAP password (visible to `ps`: prefer --imap-password-file)")
    .option("--imap-password-file <file>", "read the IMAP password from a file ('-': standard input)")
    .option("--imap-folder <folder>", "folder to read (default INBOX)")
    .option("--imap-tls", "implicit TLS (the default)")
    .option("--no-imap-tls", "plain connection, STARTTLS when offered")
    .option("--imap-self-signed", "accept the IMAP server's self-signed certificate")
    .addOption(new Option("--after <action>", "what to do with fetched mail").choices(["seen", "move", "delete"]))
    .option("--move-to <folder>", "with --after move: the folder processed mail moves to")
    .option("--http-secret", "open the HTTP inbound door: prints its secret once")
    .action((address: string, o) =>
      run("mailboxes add", (go) => mailboxesAdd(commandContext(go, "mailboxes add"), address, o)),
    );
  mailboxes
    .command("list", { isDefault: true })
    .description("the workspace's mailboxes: IMAP, HTTP door, last poll or error")
    .action(() => run("mailboxes list", (go) => mailboxesList(commandContext(go, "mailboxes list"))));
  mailboxes
    .command("test <address>")
    .description("connect with the stored settings and print what the IMAP and SMTP servers answer (exit 9 on failure)")
    .action((ref: string) => run("mailboxes test", (go) => mailboxesTest(commandContext(go, "mailboxes test"), ref)));
  mailboxes
    .command("remove <address>")
    .description("delete a mailbox, or disable it when stored mail refers to it")
    .action((ref: string) =>
      run("mailboxes remove", (go) => mailboxesRemove(commandContext(go, "mailboxes remove"), ref)),
    );
}
