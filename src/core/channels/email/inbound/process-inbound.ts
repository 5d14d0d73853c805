import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../../db/connection.js";
import { inboundEmails, mailboxes } from "../../../../db/schema/index.js";
import { type Clock, type Ctx, type DueWork, type DueWorkOptions, systemActor } from "../../../kernel/index.js";
import { workspaceInfo } from "../../../people/index.js";
import { domainOf } from "../address.js";
import { detectAutomated, stripQuotedText } from "../content/index.js";
import { bracketed } from "../message-id.js";
import { type EmailEnv, type EmailMeta, MalformedEmailError, type ParsedEmail } from "../types.js";
import { applyBounce } from "./bounce.js";
import { storeAttachments } from "./store-attachments.js";
import { threadMessage } from "./thread-message.js";
import { DuplicateRace, knownMessage, writeInboundMessage } from "./write-message.js";

/**
 * A claimed row is left alone by other workers this long (a crash mid-message is retried after
 * it). Claims are small (CLAIM rows), so a killed worker strands few messages, briefly; a slow
 * message whose lease ran out is safe too: the writing transaction locks the row and re-checks it.
 */
const LEASE_MS = 60_000;
const CLAIM = 25;
/** Transient failures (database, a bug) are retried this many times, then the message is `failed`. */
const MAX_ATTEMPTS = 8;

type Outcome =
  | { status: "processed"; ticketId: string; entryId: string; decision: { rule: string; detail: string } }
  | { status: "ignored" | "duplicate"; ticketId?: string; decision: { rule: string; detail: string } }
  | { status: "failed"; error: string };

/**
 * Due work "email.inbound": turns stored raw messages into tickets and timeline
 * entries. Each message is claimed with a lease, parsed outside any transaction,
 * then filtered, threaded and written in one transaction that also sets its
 * final status, so a crash never loses or doubles one.
 */
export function inboundEmailWork(env: EmailEnv): DueWork {
  return {
    name: "email.inbound",
    async runDue(db: Db, clock: Clock, opts: DueWorkOptions): Promise<number> {
      let done = 0;
      while (done < opts.limit) {
        const rows = await claim(db, clock.now(), Math.min(CLAIM, opts.limit - done), opts.workspaceId);
        for (const row of rows) await processOne(db, clock, env, row.id, row.attempts, opts.log);
        done += rows.length;
        if (rows.length === 0) break;
      }
      return done;
    },
  };
}

/** Takes up to `limit` due rows with a lease (oldest first). */
async function claim(
  db: Db,
  now: Date,
  limit: number,
  workspaceId: string | undefined,
): Promise<{ id: string; attempts: number }[]> {
  const claimed = await db.execute(sql`
    update inbound_emails set next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
     where id in (
       select id from inbound_emails
        where status = 'received' and next_attempt_at <= ${now.toISOString()}::timestamptz
          ${workspaceId ? sql`and workspace_id = ${workspaceId}` : sql``}
        order by next_attempt_at, received_at
        limit ${limit}
        for update skip locked)
    returning id::text as id, attempts`);
  return (claimed as unknown as { rows: { id: string; attempts: number }[] }).rows;
}

async function processOne(
  db: Db,
  clock: Clock,
  env: EmailEnv,
  id: string,
  attempts: number,
  log: DueWorkOptions["log"],
): Promise<void> {
  const [row] = await db.select().from(inboundEmails).where(eq(inboundEmails.id, id));
  if (row?.status !== "received") return;
  let mail: ParsedEmail;
  try {
    mail = await env.parse(row.raw);
  } catch (err) {
    const error =
      err instanceof MalformedEmailError ? err.message : `the message could not be read: ${(err as Error).message}`;
    await finish(db, id, { status: "failed", error }, clock.now());
    return;
  }
  try {
    await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ status: inboundEmails.status })
        .from(inboundEmails)
        .where(eq(inboundEmails.id, id))
        .for("update");
      if (locked?.status !== "received") return;
      const now = clock.now();
      const outcome = await decide(tx, { row, mail, env, now, clock, db });
      await finish(tx, id, outcome, now);
    });
  } catch (err) {
    const now = clock.now();
    if (err instanceof DuplicateRace) {
      // Someone stored the same Message-ID a moment ago: look again at once, it is a duplicate now.
      await db.update(inboundEmails).set({ nextAttemptAt: now }).where(eq(inboundEmails.id, id));
      return;
    }
    const message = (err as Error).message;
    log?.("inbound email failed; it will be retried", { id, attempt: attempts + 1, error: message });
    if (attempts + 1 >= MAX_ATTEMPTS) {
      await finish(db, id, { status: "failed", error: `gave up after ${attempts + 1} attempts: ${message}` }, now);
      return;
    }
    const backoff = 2 ** attempts * 30_000;
    await db
      .update(inboundEmails)
      .set({ attempts: attempts + 1, error: message, nextAttemptAt: new Date(now.getTime() + backoff) })
      .where(eq(inboundEmails.id, id));
  }
}

async function finish(db: Db | Tx, id: string, outcome: Outcome, now: Date): Promise<void> {
  await db
    .update(inboundEmails)
    .set({
      status: outcome.status,
      processedAt: now,
      nextAttemptAt: null,
      ...(outcome.status === "failed"
        ? { error: outcome.error }
        : {
            error: null,
            decision: outcome.decision,
            ticketId: outcome.ticketId ?? null,
            ...("entryId" in outcome ? { entryId: outcome.entryId } : {}),
          }),
    })
    .where(eq(inboundEmails.id, id));
}

/** A stable stand-in for a missing Message-ID: the same bytes get the same id, so re-deliveries still dedupe. */
function syntheticMessageId(raw: Buffer): string {
  return `${createHash("sha256").update(raw).digest("hex").slice(0, 40)}@missing-message-id.helpline`;
}

interface Decide {
  /** The desk's database: the key workspace facts are cached under across messages. */
  db: Db;
  row: typeof inboundEmails.$inferSelect;
  mail: ParsedEmail;
  env: EmailEnv;
  now: Date;
  clock: Clock;
}

/** The ordered filters: bounce, duplicate or own echo, automated mail, then threading and writing. */
async function decide(tx: Tx, d: Decide): Promise<Outcome> {
  const { row, mail, env, now } = d;
  const ctx: Ctx = {
    actor: systemActor("email"),
    workspaceId: row.workspaceId,
    db: tx as unknown as Db,
    clock: d.clock,
  };
  if (mail.dsn) {
    return { status: "ignored", decision: { rule: "bounce", detail: await applyBounce(tx, ctx, mail.dsn, now) } };
  }
  const messageId = mail.messageId ?? syntheticMessageId(row.raw);
  const known = await knownMessage(tx, row.workspaceId, messageId);
  if (known) {
    const info = await workspaceInfo(tx, d.db, row.workspaceId);
    const label = `${info.ticketPrefix}-${known.number}`;
    return known.direction === "out"
      ? {
          status: "ignored",
          ticketId: known.ticketId,
          decision: { rule: "own_outbound", detail: `our own message ${bracketed(messageId)} came back: ignored` },
        }
      : {
          status: "duplicate",
          ticketId: known.ticketId,
          decision: { rule: "duplicate", detail: `${bracketed(messageId)} is already in ${label}` },
        };
  }
  const own = await tx
    .select({ id: mailboxes.id, address: mailboxes.address, teamId: mailboxes.teamId })
    .from(mailboxes)
    .where(eq(mailboxes.workspaceId, row.workspaceId));
  const ownAddresses = own.map((m) => m.address);
  const automated = detectAutomated(mail, {
    domains: [...new Set(ownAddresses.map(domainOf))],
    messageIdDomains: [...new Set(ownAddresses.map(domainOf))],
  });
  if (automated) return { status: "ignored", decision: { rule: automated.reason, detail: automated.detail } };
  const from = mail.from;
  if (!from) return { status: "ignored", decision: { rule: "no_sender", detail: "the message has no From address" } };
  if (ownAddresses.includes(from.address)) {
    return {
      status: "ignored",
      decision: { rule: "loop", detail: `sent from our own address ${from.address}: ignored` },
    };
  }

  const info = await workspaceInfo(tx, d.db, row.workspaceId);
  const decision = await threadMessage(
    tx,
    {
      workspaceId: row.workspaceId,
      ticketPrefix: info.ticketPrefix,
      mailboxAddresses: ownAddresses,
      secretKey: env.secretKey,
      sender: from.address,
      envelopeTo: row.envelopeTo,
    },
    mail,
  );
  const stripped = decision.ticketId ? stripQuotedText(mail.text) : { body: mail.text.trim(), trimmed: false };
  const kept = await storeAttachments(tx, row.workspaceId, mail.attachments, env.limits, now);
  const body = [stripped.body.trim(), ...kept.notes.map((n) => `[${n}]`)].filter(Boolean).join("\n\n");
  const meta: EmailMeta = {
    direction: "in",
    messageId,
    from: from.address,
    to: mail.to.map((a) => a.address),
    cc: mail.cc.map((a) => a.address),
    subject: mail.subject,
    threadedBy: { rule: decision.rule, detail: decision.detail },
    inboundId: row.id,
    trimmed: stripped.trimmed,
  };
  const mailbox = own.find((m) => m.id === row.mailboxId);
  const written = await writeInboundMessage(
    tx,
    ctx,
    {
      mail,
      messageId,
      sender: from,
      body,
      attachments: kept.attachments,
      meta,
      decision,
      teamId: mailbox?.teamId ?? null,
      inboundId: row.id,
      ownAddresses,
    },
    now,
  );
  return {
    status: "processed",
    ticketId: written.ticketId,
    entryId: written.entryId,
    decision: { rule: decision.rule, detail: decision.detail },
  };
}
