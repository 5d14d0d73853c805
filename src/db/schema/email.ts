import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tstz, workspaceId } from "./columns.js";
import { teams, workspaces } from "./people.js";
import { tickets } from "./tickets.js";

/** Raw bytes (`bytea`): a Buffer in, a Buffer (or Uint8Array on PGlite) out. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * An address the desk receives mail for. The built-in SMTP receiver accepts
 * only these; IMAP settings make it polled; an inbound secret opens the HTTP
 * door. Addresses are unique across the instance (the receiver maps an address
 * to its workspace).
 */
export const mailboxes = pgTable(
  "mailboxes",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    /** Lower-case address, e.g. support@example.com. */
    address: text("address").notNull(),
    /** Display name for mail sent from this address. */
    displayName: text("display_name"),
    /** Team that new tickets from this address go to (routing may still refine). */
    teamId: uuid("team_id").references(() => teams.id),
    enabled: boolean("enabled").notNull().default(true),
    /** IMAP settings (host, port, tls, user, folder, afterProcess, moveTo, idle) or null. */
    imap: jsonb("imap"),
    /** IMAP password, AES-GCM sealed with the instance key (context: mailbox id). */
    imapSecret: text("imap_secret"),
    imapUidValidity: bigint("imap_uid_validity", { mode: "number" }),
    imapLastUid: bigint("imap_last_uid", { mode: "number" }).notNull().default(0),
    /** Next time the poller should look (durable scheduling, no timers). */
    imapNextPollAt: tstz("imap_next_poll_at"),
    lastPolledAt: tstz("last_polled_at"),
    lastError: text("last_error"),
    lastErrorAt: tstz("last_error_at"),
    /** SHA-256 of the HTTP inbound secret (shown once at creation). */
    inboundSecretHash: text("inbound_secret_hash"),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("mailboxes_address").on(t.address),
    uniqueIndex("mailboxes_inbound_secret").on(t.inboundSecretHash),
    index("mailboxes_ws").on(t.workspaceId),
    index("mailboxes_poll_due").on(t.imapNextPollAt).where(sql`${t.imap} is not null and ${t.enabled}`),
  ],
);

/**
 * Every message as it arrived, stored before the sender is told "accepted"
 * (SMTP 250, IMAP flag, HTTP 2xx). Processing is due work over `status =
 * 'received'`; a message that fails parsing stays here, `failed`, with its
 * error, until an admin retries it.
 */
export const inboundEmails = pgTable(
  "inbound_emails",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    mailboxId: uuid("mailbox_id").references(() => mailboxes.id),
    source: text("source").notNull(),
    raw: bytea("raw").notNull(),
    size: integer("size").notNull(),
    envelopeFrom: text("envelope_from"),
    envelopeTo: text("envelope_to").array().notNull().default(sql`'{}'::text[]`),
    /** Message-ID header without angle brackets, read at storage (null when missing). */
    messageId: text("message_id"),
    imapUidValidity: bigint("imap_uid_validity", { mode: "number" }),
    imapUid: bigint("imap_uid", { mode: "number" }),
    status: text("status").notNull().default("received"),
    /** Which rule decided where it went, and the detail shown on the timeline. */
    decision: jsonb("decision"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at"),
    ticketId: uuid("ticket_id").references(() => tickets.id),
    entryId: uuid("entry_id"),
    receivedAt: tstz("received_at").notNull(),
    processedAt: tstz("processed_at"),
  },
  (t) => [
    index("inbound_due").on(t.nextAttemptAt).where(sql`${t.status} = 'received'`),
    index("inbound_ws_status").on(t.workspaceId, t.status, t.receivedAt),
    uniqueIndex("inbound_imap_uid").on(t.mailboxId, t.imapUidValidity, t.imapUid).where(sql`${t.imapUid} is not null`),
    check("inbound_source", sql`${t.source} in ('smtp','imap','http','cli','api')`),
    check("inbound_status", sql`${t.status} in ('received','processed','ignored','duplicate','failed')`),
  ],
);

/**
 * Every Message-ID the workspace received or sent, and where it lives: the
 * threading index (In-Reply-To / References) and the "why is this here" answer.
 */
export const emailMessageIds = pgTable(
  "email_message_ids",
  {
    workspaceId: workspaceId().references(() => workspaces.id),
    messageId: text("message_id").notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    entryId: uuid("entry_id"),
    direction: text("direction").notNull(),
    inboundId: uuid("inbound_id"),
    outboundId: uuid("outbound_id"),
    /** The threading rule that placed it (inbound) or `sent` (outbound). */
    rule: text("rule").notNull(),
    detail: text("detail").notNull().default(""),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageId] }),
    index("email_message_ids_ticket").on(t.ticketId),
    check("email_message_ids_direction", sql`${t.direction} in ('in','out')`),
  ],
);

/** Addresses that took part in a ticket's mail (from, to, cc): who may thread by `[TKT-n]`. */
export const emailParticipants = pgTable(
  "email_participants",
  {
    workspaceId: workspaceId().references(() => workspaces.id),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    email: text("email").notNull(),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.email] })],
);

/**
 * The durable email outbox: agent replies, automation and notification mails.
 * One row per message; `dedupe_key` makes queueing idempotent (one event + one
 * recipient + one channel = one row).
 */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    ticketId: uuid("ticket_id").references(() => tickets.id),
    entryId: uuid("entry_id"),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key"),
    fromAddress: text("from_address").notNull(),
    fromName: text("from_name"),
    to: text("to").array().notNull(),
    cc: text("cc").array().notNull().default(sql`'{}'::text[]`),
    replyTo: text("reply_to"),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    messageId: text("message_id").notNull(),
    inReplyTo: text("in_reply_to"),
    references: text("references").array().notNull().default(sql`'{}'::text[]`),
    /** Attachments as timeline AttachmentMeta (bytes in `blobs`). */
    attachments: jsonb("attachments").notNull().default([]),
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at"),
    lastError: text("last_error"),
    smtpResponse: text("smtp_response"),
    createdAt: tstz("created_at").notNull(),
    sentAt: tstz("sent_at"),
  },
  (t) => [
    index("outbound_due").on(t.nextAttemptAt).where(sql`${t.status} in ('queued','sending')`),
    index("outbound_ticket").on(t.ticketId),
    uniqueIndex("outbound_dedupe").on(t.workspaceId, t.dedupeKey),
    uniqueIndex("outbound_message_id").on(t.workspaceId, t.messageId),
    check("outbound_kind", sql`${t.kind} in ('reply','notification','automation','system')`),
    check("outbound_status", sql`${t.status} in ('queued','sending','sent','failed')`),
  ],
);

/** Attachment bytes, stored once per workspace per content (SHA-256). */
export const blobs = pgTable(
  "blobs",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    /** The type sniffed from the bytes (what the declared type is served as only when they agree). */
    contentType: text("content_type").notNull(),
    data: bytea("data").notNull(),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [uniqueIndex("blobs_ws_sha").on(t.workspaceId, t.sha256)],
);
