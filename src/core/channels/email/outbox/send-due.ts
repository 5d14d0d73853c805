import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../../db/connection.js";
import { blobs, outboundEmails } from "../../../../db/schema/index.js";
import { type Clock, type DueWork, type DueWorkOptions, isUuid } from "../../../kernel/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";
import { type DeliveryState, type EmailEnv, type OutgoingEmail, TransportError } from "../types.js";
import { setDelivery } from "./delivery-state.js";
import { automaticHeaders, type OutboundKind, type OutboundRow } from "./outbound-email.js";

/** How long a claimed message is ours: a sender that died mid-send frees it after this. */
const LEASE_MS = 5 * 60_000;
/** With no transport configured, queued mail is looked at again after this. */
const OFF_RECHECK_MS = 10 * 60_000;
/** Attempts before a message that keeps failing temporarily is given up. */
export const MAX_SEND_ATTEMPTS = 8;
/**
 * Messages claimed at a time and sent one after another (PostgreSQL runs several
 * lanes side by side); small, so a batch is done long before its lease passes.
 */
const CHUNK = 10;
export const TRANSPORT_OFF = "outbound email is off: HELPLINE_SMTP_URL is not set";

/** Minutes before attempt `n + 1` after `n` temporary failures: 1, 2, 4, 8 … */
export function retryDelayMs(attempts: number): number {
  return 2 ** Math.max(0, attempts - 1) * 60_000;
}

const due = (now: Date, opts: DueWorkOptions) =>
  and(
    inArray(outboundEmails.status, ["queued", "sending"]),
    lte(outboundEmails.nextAttemptAt, now),
    opts.workspaceId ? eq(outboundEmails.workspaceId, opts.workspaceId) : undefined,
  );

function stateOf(row: OutboundRow): DeliveryState {
  return {
    status: row.status as DeliveryState["status"],
    outboundId: row.id,
    attempts: row.attempts,
    ...(row.lastError && row.status !== "sent" ? { error: row.lastError } : {}),
    ...(row.sentAt ? { sentAt: row.sentAt.toISOString() } : {}),
  };
}

async function mirror(tx: Tx, rows: OutboundRow[]): Promise<void> {
  for (const row of rows) if (row.entryId) await setDelivery(tx, row.entryId, stateOf(row));
}

/** Claims due messages: `sending`, with a lease, attempt counted; committed before anything is sent. */
async function claim(db: Db, now: Date, opts: DueWorkOptions): Promise<OutboundRow[]> {
  return db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: outboundEmails.id })
      .from(outboundEmails)
      .where(due(now, opts))
      .orderBy(asc(outboundEmails.nextAttemptAt))
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (ids.length === 0) return [];
    const rows = await tx
      .update(outboundEmails)
      .set({
        status: "sending",
        attempts: sql`${outboundEmails.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
      })
      .where(
        inArray(
          outboundEmails.id,
          ids.map((r) => r.id),
        ),
      )
      .returning();
    await mirror(tx, rows);
    return rows;
  });
}

/** No transport: mail stays queued, says why, and is looked at again later (ticks stay cheap). */
async function holdBack(db: Db, now: Date, opts: DueWorkOptions): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: outboundEmails.id })
      .from(outboundEmails)
      .where(due(now, opts))
      .limit(opts.limit)
      .for("update", { skipLocked: true });
    if (ids.length === 0) return 0;
    const rows = await tx
      .update(outboundEmails)
      .set({ status: "queued", lastError: TRANSPORT_OFF, nextAttemptAt: new Date(now.getTime() + OFF_RECHECK_MS) })
      .where(
        inArray(
          outboundEmails.id,
          ids.map((r) => r.id),
        ),
      )
      .returning();
    await mirror(tx, rows);
    return rows.length;
  });
}

/** Attachment bytes from `blobs` (storage key `blob:<id>` or the blob id); ones not stored are left out. */
async function attachmentsOf(db: Db, row: OutboundRow): Promise<OutgoingEmail["attachments"]> {
  const metas = (row.attachments ?? []) as AttachmentMeta[];
  const idOf = (m: AttachmentMeta) => m.storageKey?.replace(/^blob:/, "") ?? "";
  const ids = metas.map(idOf).filter(isUuid);
  if (ids.length === 0) return [];
  const found = await db
    .select({ id: blobs.id, data: blobs.data })
    .from(blobs)
    .where(and(eq(blobs.workspaceId, row.workspaceId), inArray(blobs.id, ids)));
  const byId = new Map(found.map((b) => [b.id, b.data]));
  return metas.flatMap((m) => {
    const content = byId.get(idOf(m));
    return content ? [{ filename: m.filename, contentType: m.contentType, content }] : [];
  });
}

async function outgoing(db: Db, row: OutboundRow): Promise<OutgoingEmail> {
  return {
    from: { address: row.fromAddress, name: row.fromName },
    to: row.to,
    cc: row.cc,
    replyTo: row.replyTo,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo,
    references: row.references,
    headers: automaticHeaders(row.kind as OutboundKind),
    attachments: await attachmentsOf(db, row),
  };
}

/** Records the outcome of one attempt, unless the lease passed and someone else took the message. */
async function settle(db: Db, row: OutboundRow, patch: Partial<typeof outboundEmails.$inferInsert>): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(outboundEmails)
      .set(patch)
      .where(
        and(
          eq(outboundEmails.id, row.id),
          eq(outboundEmails.status, "sending"),
          eq(outboundEmails.attempts, row.attempts),
        ),
      )
      .returning();
    await mirror(tx, rows);
  });
}

async function sendOne(db: Db, clock: Clock, env: EmailEnv, row: OutboundRow, opts: DueWorkOptions): Promise<void> {
  const transport = env.transport;
  if (!transport) return;
  try {
    const result = await transport.send(await outgoing(db, row));
    await settle(db, row, {
      status: "sent",
      sentAt: clock.now(),
      smtpResponse: result.response.slice(0, 2000),
      lastError: null,
      nextAttemptAt: null,
    });
  } catch (err) {
    const permanent = err instanceof TransportError && err.permanent;
    const message = ((err as Error).message || String(err)).slice(0, 2000);
    const giveUp = permanent || row.attempts >= MAX_SEND_ATTEMPTS;
    const now = clock.now();
    await settle(db, row, {
      status: giveUp ? "failed" : "queued",
      lastError: message,
      nextAttemptAt: giveUp ? null : new Date(now.getTime() + retryDelayMs(row.attempts)),
    });
    opts.log?.(giveUp ? "outbound email failed" : "outbound email will be retried", {
      outboundId: row.id,
      attempts: row.attempts,
      error: message,
    });
  }
}

/**
 * The outbox's sender: claims due messages (`for update skip locked`, a lease as
 * next_attempt_at, committed), hands them to the transport outside any
 * transaction, then marks each sent or schedules a retry (1, 2, 4 … minutes; a 5xx
 * answer or the 8th failure fails it). Every state shows on the message's
 * timeline entry. A message whose lease passed (the sender died) is sent again:
 * at least once, and the unchanged Message-ID lets receivers drop a duplicate.
 */
export function outboundEmailWork(env: EmailEnv): DueWork {
  return {
    name: "email.outbound",
    async runDue(db, clock, opts) {
      if (!env.transport) return holdBack(db, clock.now(), opts);
      let total = 0;
      while (total < opts.limit) {
        const rows = await claim(db, clock.now(), { ...opts, limit: Math.min(CHUNK, opts.limit - total) });
        if (rows.length === 0) break;
        for (const row of rows) await sendOne(db, clock, env, row, opts);
        total += rows.length;
      }
      return total;
    },
  };
}
