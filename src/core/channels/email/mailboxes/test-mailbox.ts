import { authorize } from "../../../access/index.js";
import { decryptSecret } from "../../../auth/index.js";
import type { Ctx } from "../../../kernel/index.js";
import type { EmailEnv, ImapClient } from "../types.js";
import { findMailboxRow, imapSecretContext, storedImap } from "./mailbox-record.js";

/** One check of a mailbox test: what was tried, and what the server answered. */
export interface MailboxCheck {
  /** `ok`: the server answered; `failed`: it refused or could not be reached; `off`: nothing to test. */
  status: "ok" | "failed" | "off";
  /** Where it connected (`imap.example.com:993`), when it did. */
  server: string | null;
  /** The server's answer or error, as it gave it (or why nothing was tried). */
  message: string;
}

export interface ImapCheck extends MailboxCheck {
  greeting: string | null;
  uidValidity: number | null;
  idle: boolean | null;
  /** Messages in the folder, when the connector reports it. */
  messages: number | null;
}

export interface MailboxTestResult {
  address: string;
  /** False when any check failed (an `off` check is not a failure). */
  ok: boolean;
  imap: ImapCheck;
  outbound: MailboxCheck;
}

/** How long one connection attempt may take before the test gives up on it. */
const TEST_TIMEOUT_MS = 30_000;

/**
 * "Test connection" (managers and superadmins): connects to the mailbox's IMAP
 * server with its stored settings and password, opens the folder and reports
 * the server's greeting, UIDVALIDITY and IDLE support; verifies the outbound
 * SMTP transport. Failures are answered (`ok: false`, the server's own
 * message), not thrown. Nothing is changed or recorded.
 */
export async function testMailbox(
  ctx: Ctx,
  env: Pick<EmailEnv, "secretKey" | "imap" | "transport">,
  ref: string,
): Promise<MailboxTestResult> {
  authorize(ctx.actor, "email:manage");
  const row = await findMailboxRow(ctx.db, ctx, ref);
  const [imap, outbound] = await Promise.all([testImap(env, row), testOutbound(env)]);
  return { address: row.address, ok: imap.status !== "failed" && outbound.status !== "failed", imap, outbound };
}

const noImap = (status: MailboxCheck["status"], message: string, server: string | null = null): ImapCheck => ({
  status,
  server,
  message,
  greeting: null,
  uidValidity: null,
  idle: null,
  messages: null,
});

async function testImap(
  env: Pick<EmailEnv, "secretKey" | "imap">,
  row: Parameters<typeof storedImap>[0] & { id: string; imapSecret: string | null },
): Promise<ImapCheck> {
  const settings = storedImap(row);
  if (!settings) return noImap("off", "No IMAP settings: mail arrives by SMTP or the HTTP door.");
  const server = `${settings.host}:${settings.port}`;
  if (!row.imapSecret) return noImap("failed", "No IMAP password is stored; set one.", server);
  let password: string;
  try {
    password = decryptSecret(env.secretKey, row.imapSecret, imapSecretContext(row.id));
  } catch {
    return noImap(
      "failed",
      "The stored IMAP password cannot be read with this instance key (was HELPLINE_SECRET_KEY changed?); set it again.",
      server,
    );
  }
  if (!env.imap) return noImap("failed", "This process has no IMAP connector configured.", server);
  let client: ImapClient | undefined;
  try {
    client = env.imap(settings, password);
    const opened = await withTimeout(client.open(), `no answer from ${server} within ${TEST_TIMEOUT_MS / 1000} s`);
    const messages = (opened as { messages?: unknown }).messages;
    return {
      status: "ok",
      server,
      message: `Opened ${settings.folder} on ${server}${opened.idle ? " (IDLE offered)" : " (no IDLE: polling)"}.`,
      greeting: opened.greeting,
      uidValidity: opened.uidValidity,
      idle: opened.idle,
      messages: typeof messages === "number" ? messages : null,
    };
  } catch (err) {
    return noImap("failed", errorText(err), server);
  } finally {
    await client?.close().catch(() => undefined);
  }
}

async function testOutbound(env: Pick<EmailEnv, "transport">): Promise<MailboxCheck> {
  if (!env.transport) {
    return { status: "off", server: null, message: "Outbound email is off (HELPLINE_SMTP_URL is not set)." };
  }
  try {
    const answer = await withTimeout(env.transport.verify(), `no answer within ${TEST_TIMEOUT_MS / 1000} s`);
    return { status: "ok", server: null, message: answer };
  } catch (err) {
    return { status: "failed", server: null, message: errorText(err) };
  }
}

/** The server's message as it gave it (imapflow and nodemailer put it on `responseText`/`response`). */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { responseText?: unknown; response?: unknown; code?: unknown };
  const said = [e.responseText, e.response].find((v): v is string => typeof v === "string" && v.length > 0);
  const base = e.message || (typeof e.code === "string" ? e.code : "failed");
  return said && !base.includes(said) ? `${base}: ${said}` : base;
}

function withTimeout<T>(p: Promise<T>, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), TEST_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
