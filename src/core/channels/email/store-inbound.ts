import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/connection.js";
import { inboundEmails, mailboxes } from "../../../db/schema/index.js";
import { type Clock, invalid, newId } from "../../kernel/index.js";
import { normalizeAddress, splitPlusAddress } from "./address.js";
import { normalizeMessageId } from "./message-id.js";
import type { EmailLimits } from "./types.js";

/** A message as one of the three doors received it, before anything is parsed. */
export interface InboundArrival {
  raw: Buffer;
  source: "smtp" | "imap" | "http" | "cli" | "api";
  envelopeFrom?: string | null;
  /** RCPT TO addresses (SMTP) or the addresses the message was fetched for. */
  envelopeTo?: string[];
  /** The mailbox it came through, when the door knows it (IMAP, HTTP). */
  mailboxId?: string;
  imap?: { uidValidity: number; uid: number };
}

export interface StoredInbound {
  id: string;
  workspaceId: string;
  mailboxId: string | null;
  /** True when this IMAP UID was stored before (nothing new written). */
  alreadyStored: boolean;
}

/** The enabled mailbox for an address (plus-tags ignored), or undefined. */
export async function findMailboxByAddress(
  db: Db,
  address: string,
): Promise<{ id: string; workspaceId: string; address: string } | undefined> {
  const { base } = splitPlusAddress(address);
  const [row] = await db
    .select({ id: mailboxes.id, workspaceId: mailboxes.workspaceId, address: mailboxes.address })
    .from(mailboxes)
    .where(and(eq(mailboxes.address, base), eq(mailboxes.enabled, true)));
  return row;
}

/** The Message-ID header read straight from the raw header block (no full parse), or null. */
export function peekMessageId(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const block = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const m = /^message-id:[ \t]*(.*)$/im.exec(block);
  if (!m?.[1]) return null;
  const inBrackets = /<([^<>\s]+)>/.exec(m[1]);
  const id = normalizeMessageId(inBrackets?.[1] ?? (m[1].trim().split(/\s+/)[0] as string));
  return id && id.length <= 998 ? id : null;
}

/**
 * Stores a message exactly as received, one row per workspace it is addressed
 * to, before the door answers "accepted". Processing (parsing, threading,
 * ticketing) is due work over these rows. Refuses messages over the size
 * limit and messages for no known mailbox, naming which.
 */
export async function storeInbound(
  db: Db,
  clock: Clock,
  limits: Pick<EmailLimits, "maxMessageBytes">,
  arrival: InboundArrival,
): Promise<StoredInbound[]> {
  if (arrival.raw.length === 0) throw invalid("email.empty", "The message is empty.", "raw");
  if (arrival.raw.length > limits.maxMessageBytes) {
    throw invalid(
      "email.too_large",
      `The message is ${arrival.raw.length} bytes; this desk accepts at most ${limits.maxMessageBytes}.`,
      "raw",
    );
  }
  const targets = await targetMailboxes(db, arrival);
  if (targets.length === 0) {
    throw invalid(
      "email.unknown_mailbox",
      `No mailbox here receives mail for ${(arrival.envelopeTo ?? []).join(", ") || "(no recipient)"}; add one with \`helpline mailboxes add\`.`,
      "to",
    );
  }
  const now = clock.now();
  const messageId = peekMessageId(arrival.raw);
  const stored: StoredInbound[] = [];
  for (const target of targets) {
    const id = newId(now);
    const values = {
      id,
      workspaceId: target.workspaceId,
      mailboxId: target.id,
      source: arrival.source,
      raw: arrival.raw,
      size: arrival.raw.length,
      envelopeFrom: arrival.envelopeFrom ? normalizeAddress(arrival.envelopeFrom) : null,
      envelopeTo: (arrival.envelopeTo ?? []).map(normalizeAddress),
      messageId,
      imapUidValidity: arrival.imap?.uidValidity ?? null,
      imapUid: arrival.imap?.uid ?? null,
      status: "received",
      nextAttemptAt: now,
      receivedAt: now,
    };
    if (arrival.imap) {
      const rows = await db
        .insert(inboundEmails)
        .values(values)
        .onConflictDoNothing({
          target: [inboundEmails.mailboxId, inboundEmails.imapUidValidity, inboundEmails.imapUid],
          where: sql`${inboundEmails.imapUid} is not null`,
        })
        .returning({ id: inboundEmails.id });
      stored.push({
        id: rows[0]?.id ?? id,
        workspaceId: target.workspaceId,
        mailboxId: target.id,
        alreadyStored: !rows[0],
      });
    } else {
      await db.insert(inboundEmails).values(values);
      stored.push({ id, workspaceId: target.workspaceId, mailboxId: target.id, alreadyStored: false });
    }
  }
  return stored;
}

async function targetMailboxes(db: Db, arrival: InboundArrival): Promise<{ id: string; workspaceId: string }[]> {
  if (arrival.mailboxId) {
    const [row] = await db
      .select({ id: mailboxes.id, workspaceId: mailboxes.workspaceId })
      .from(mailboxes)
      .where(eq(mailboxes.id, arrival.mailboxId));
    return row ? [row] : [];
  }
  const bases = [...new Set((arrival.envelopeTo ?? []).map((a) => splitPlusAddress(a).base))];
  if (bases.length === 0) return [];
  const rows = await db
    .select({ id: mailboxes.id, workspaceId: mailboxes.workspaceId })
    .from(mailboxes)
    .where(and(inArray(mailboxes.address, bases), eq(mailboxes.enabled, true)));
  // One copy per workspace: two addresses of the same desk make one message.
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.workspaceId) && seen.add(r.workspaceId));
}
