/**
 * IMAP polling: fetches what arrived after the stored UID cursor, stores each
 * raw message and advances the cursor in one transaction, and only then marks
 * (or moves, or deletes) it on the server. A restart resumes after the last
 * stored UID; a changed UIDVALIDITY starts the folder over (storage dedupes by
 * UID, processing by Message-ID). Failures are recorded on the mailbox.
 */
import { and, asc, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/connection.js";
import { mailboxes } from "../../../db/schema/index.js";
import { decryptSecret } from "../../auth/index.js";
import { type Clock, invalid, isUuid, notFound } from "../../kernel/index.js";
import { splitPlusAddress } from "./address.js";
import { imapSettingsSchema } from "./imap-settings.js";
import { storeInbound } from "./store-inbound.js";
import type { EmailEnv, ImapClient, ImapSettings } from "./types.js";

const BATCH = 50;
/** The next poll is due slightly early, so a minutely job run that starts a moment early still takes it. */
const NEXT_POLL_SLACK_MS = 5_000;
/** last_error of a message left on the server; kept until replaced by another problem. */
const LEFT_ON_SERVER = "left on the server:";

export interface PollOptions {
  /** Hold the connection with IDLE (when offered) up to this long, at most the mailbox's idleSeconds. */
  idleMs?: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** Called after a batch stored something (the job wakes inbound processing). */
  onStored?: () => Promise<void> | void;
}

export interface PollResult {
  /** Messages fetched from the server (including ones over the size limit). */
  fetched: number;
  /** Rows newly stored (a UID stored before counts in fetched only). */
  stored: number;
  uidValidity: number | null;
  lastUid: number;
  /** What went wrong (also recorded as the mailbox's last_error), or null. */
  error: string | null;
}

/** Mailboxes with IMAP settings whose next poll is due at `now`, most overdue first. */
export async function mailboxesDueForPoll(db: Db, now: Date): Promise<{ id: string; idleSeconds: number }[]> {
  const rows = await db
    .select({ id: mailboxes.id, imap: mailboxes.imap })
    .from(mailboxes)
    .where(
      and(
        isNotNull(mailboxes.imap),
        eq(mailboxes.enabled, true),
        or(isNull(mailboxes.imapNextPollAt), lte(mailboxes.imapNextPollAt, now)),
      ),
    )
    .orderBy(sql`${mailboxes.imapNextPollAt} asc nulls first`, asc(mailboxes.id));
  return rows.map((r) => {
    const parsed = imapSettingsSchema.safeParse(r.imap);
    return { id: r.id, idleSeconds: parsed.success ? parsed.data.idleSeconds : 0 };
  });
}

/** The workspace's mailbox with this id or address (plus-tags ignored); notFound otherwise. */
export async function resolveWorkspaceMailbox(
  db: Db,
  workspaceId: string,
  idOrAddress: string,
): Promise<{ id: string; address: string }> {
  const key = idOrAddress.trim();
  const match = isUuid(key) ? eq(mailboxes.id, key) : eq(mailboxes.address, splitPlusAddress(key).base);
  const [row] = await db
    .select({ id: mailboxes.id, address: mailboxes.address })
    .from(mailboxes)
    .where(and(eq(mailboxes.workspaceId, workspaceId), match));
  if (!row) throw notFound("mailbox.not_found", `No mailbox "${key}" in this workspace.`, "mailbox");
  return row;
}

type MailboxRow = typeof mailboxes.$inferSelect;

async function loadMailbox(db: Db, mailboxId: string): Promise<MailboxRow> {
  const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
  if (!row) throw notFound("mailbox.not_found", `No mailbox with id ${mailboxId}.`, "mailbox");
  if (row.imap === null) {
    throw invalid("mailbox.no_imap", `The mailbox ${row.address} has no IMAP settings to poll.`, "imap");
  }
  return row;
}

function settingsOf(row: MailboxRow): ImapSettings {
  const parsed = imapSettingsSchema.safeParse(row.imap);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `the stored IMAP settings of ${row.address} are invalid (${issue?.path.join(".") || "imap"}: ${issue?.message}); set them again`,
    );
  }
  return parsed.data;
}

function passwordOf(env: EmailEnv, row: MailboxRow): string {
  if (!row.imapSecret) throw new Error(`no IMAP password is stored for ${row.address}; set it again`);
  try {
    return decryptSecret(env.secretKey, row.imapSecret, `mailbox:${row.id}:imap`);
  } catch {
    throw new Error(
      `the stored IMAP password of ${row.address} cannot be read with this instance's key (was the key changed?); set it again`,
    );
  }
}

/**
 * Polls one mailbox: connects, stores every message after the cursor (oldest
 * first, in batches), marks them processed, and with `idleMs` waits for more
 * with IDLE until the time is used up. Connection and server problems do not
 * throw: they are returned and recorded on the mailbox (last_error). Throws only
 * when the mailbox does not exist or has no IMAP settings.
 */
export async function pollMailbox(
  db: Db,
  clock: Clock,
  env: EmailEnv,
  mailboxId: string,
  opts: PollOptions = {},
): Promise<PollResult> {
  const row = await loadMailbox(db, mailboxId);
  const started = performance.now();
  const startedAt = clock.now();
  const result: PollResult = {
    fetched: 0,
    stored: 0,
    uidValidity: row.imapUidValidity,
    lastUid: row.imapLastUid,
    error: null,
  };
  let leftOnServer: string | null = null;
  let settings: ImapSettings | undefined;
  let client: ImapClient | undefined;
  try {
    settings = settingsOf(row);
    if (!env.imap) throw new Error("this process has no IMAP connector configured");
    client = env.imap(settings, passwordOf(env, row));
    const opened = await client.open();
    if (row.imapUidValidity !== null && row.imapUidValidity !== opened.uidValidity) {
      opts.log?.("IMAP UIDVALIDITY changed: reading the folder again", {
        mailbox: row.address,
        was: row.imapUidValidity,
        now: opened.uidValidity,
      });
      result.lastUid = 0;
    }
    result.uidValidity = opened.uidValidity;
    const idleMs = Math.min(opts.idleMs ?? 0, settings.idleSeconds * 1000);
    for (;;) {
      const drained = await drain(db, clock, env, row, client, result);
      if (drained.leftOnServer) leftOnServer = drained.leftOnServer;
      if (drained.stored > 0) await opts.onStored?.();
      const remaining = idleMs - (performance.now() - started);
      if (!opened.idle || remaining <= 0) break;
      if (!(await client.waitForMail(remaining))) break;
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    opts.log?.("IMAP poll failed", { mailbox: row.address, error: result.error });
  } finally {
    await client?.close().catch(() => undefined);
  }
  const now = clock.now();
  const problem = result.error ?? leftOnServer;
  const keepOld = problem === null && row.lastError?.startsWith(LEFT_ON_SERVER);
  await db
    .update(mailboxes)
    .set({
      lastPolledAt: now,
      imapUidValidity: result.uidValidity,
      imapLastUid: result.lastUid,
      // From the start, so a minute-long IDLE does not push the next poll a minute further.
      imapNextPollAt: new Date(startedAt.getTime() + (settings?.pollMinutes ?? 1) * 60_000 - NEXT_POLL_SLACK_MS),
      ...(keepOld ? {} : { lastError: problem, lastErrorAt: problem ? now : null }),
      updatedAt: now,
    })
    .where(eq(mailboxes.id, row.id));
  return result;
}

/** Fetches and stores batches until the folder has nothing after the cursor. */
async function drain(
  db: Db,
  clock: Clock,
  env: EmailEnv,
  row: MailboxRow,
  client: ImapClient,
  result: PollResult,
): Promise<{ stored: number; leftOnServer: string | null }> {
  let stored = 0;
  let leftOnServer: string | null = null;
  const uidValidity = result.uidValidity as number;
  for (;;) {
    const batch = await client.fetchSince(result.lastUid, BATCH);
    const processed: number[] = [];
    for (const msg of batch) {
      if (msg.uid <= result.lastUid) continue;
      result.fetched++;
      const tooLarge = msg.raw.length > env.limits.maxMessageBytes;
      const skip = tooLarge || msg.raw.length === 0;
      if (skip) {
        // Nothing is lost: it stays on the server, unmarked, and the admin is told which one.
        leftOnServer = tooLarge
          ? `${LEFT_ON_SERVER} message UID ${msg.uid} is ${msg.raw.length} bytes, over this desk's limit of ${env.limits.maxMessageBytes}; it was not stored or marked`
          : `${LEFT_ON_SERVER} message UID ${msg.uid} is empty; it was not stored or marked`;
      }
      await db.transaction(async (tx) => {
        if (!skip) {
          const rows = await storeInbound(tx, clock, env.limits, {
            raw: msg.raw,
            source: "imap",
            mailboxId: row.id,
            envelopeTo: [row.address],
            imap: { uidValidity, uid: msg.uid },
          });
          if (rows.some((r) => !r.alreadyStored)) stored++;
        }
        await tx
          .update(mailboxes)
          .set({ imapLastUid: msg.uid, imapUidValidity: uidValidity })
          .where(eq(mailboxes.id, row.id));
      });
      if (!skip) processed.push(msg.uid);
      result.lastUid = msg.uid;
    }
    // Only now, with the rows committed, may the server forget them.
    await client.markProcessed(processed);
    if (batch.length < BATCH) break;
  }
  result.stored += stored;
  return { stored, leftOnServer };
}
