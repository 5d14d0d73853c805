/** API contracts of the email channel, shared by the server and the web app. */
import { z } from "zod";

const iso = z.string().describe("ISO-8601 timestamp");

// Mailboxes (admin): addresses the desk receives mail for. No read ever carries a credential.

export const mailboxImapView = z.object({
  host: z.string(),
  port: z.number().int(),
  tls: z.boolean().describe("implicit TLS; false uses STARTTLS when offered"),
  allowSelfSigned: z.boolean(),
  user: z.string(),
  folder: z.string(),
  afterProcess: z.enum(["seen", "move", "delete"]),
  moveTo: z.string().nullable(),
  idleSeconds: z.number().int(),
  pollMinutes: z.number().int(),
  passwordSet: z.boolean().describe("a password is stored (encrypted; never shown)"),
});

export const mailboxView = z.object({
  id: z.string(),
  address: z.string(),
  displayName: z.string().nullable(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  enabled: z.boolean(),
  imap: mailboxImapView.nullable().describe("null: not polled (mail arrives by SMTP or the HTTP door)"),
  imapState: z.object({
    uidValidity: z.number().int().nullable(),
    lastUid: z.number().int(),
    lastPolledAt: iso.nullable(),
    nextPollAt: iso.nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: iso.nullable(),
  }),
  httpInbound: z.boolean().describe("an HTTP inbound secret is set (shown once, when issued)"),
  createdAt: iso,
  updatedAt: iso,
});

export const mailboxChangeView = z.object({
  mailbox: mailboxView,
  httpSecret: z
    .string()
    .nullable()
    .describe("a newly issued HTTP inbound secret: shown this once, store it now (null when none was issued)"),
});

export const mailboxRemovalView = z.object({
  outcome: z.enum(["deleted", "disabled"]).describe("disabled: stored mail refers to it, so it is kept"),
  message: z.string(),
  mailbox: mailboxView,
});

const check = {
  status: z.enum(["ok", "failed", "off"]).describe("off: nothing to test"),
  server: z.string().nullable(),
  message: z.string().describe("the server's answer or error"),
};

export const mailboxTestView = z.object({
  address: z.string(),
  ok: z.boolean().describe("false when a check failed"),
  imap: z.object({
    ...check,
    greeting: z.string().nullable(),
    uidValidity: z.number().int().nullable(),
    idle: z.boolean().nullable(),
    messages: z.number().int().nullable(),
  }),
  outbound: z.object(check),
});

export type MailboxView = z.infer<typeof mailboxView>;
export type MailboxChangeView = z.infer<typeof mailboxChangeView>;
export type MailboxRemovalView = z.infer<typeof mailboxRemovalView>;
export type MailboxTestView = z.infer<typeof mailboxTestView>;

// Where a message went, stored originals, retries, moving and splitting messages (agents; inbound lists: managers).

export const messageLocationView = z.object({
  messageId: z.string().describe("without angle brackets"),
  direction: z.enum(["in", "out"]),
  ticket: z.object({ id: z.string(), number: z.string(), subject: z.string() }),
  entryId: z.string().nullable(),
  rule: z
    .string()
    .describe("in_reply_to, references, reply_token, subject_number, new_ticket, follow_up; `sent` for outbound"),
  detail: z.string().describe("the sentence shown on the timeline"),
  inboundId: z.string().nullable().describe("the stored original at GET /api/v1/email/inbound/:id"),
  outboundId: z.string().nullable(),
  at: iso,
  delivery: z
    .object({
      status: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      sentAt: iso.nullable(),
    })
    .optional()
    .describe("outbound only: the outbox's delivery state"),
});

export const INBOUND_STATUS_VALUES = ["received", "processed", "ignored", "duplicate", "failed"] as const;

export const inboundSummaryView = z.object({
  id: z.string(),
  source: z.string(),
  mailbox: z.object({ id: z.string(), address: z.string() }).nullable(),
  from: z.string().nullable().describe("envelope sender"),
  to: z.array(z.string()).describe("envelope recipients"),
  messageId: z.string().nullable(),
  size: z.number().int(),
  status: z.enum(INBOUND_STATUS_VALUES),
  error: z.string().nullable(),
  attempts: z.number().int(),
  receivedAt: iso,
  processedAt: iso.nullable(),
  nextAttemptAt: iso.nullable(),
  ticket: z.object({ id: z.string(), number: z.string() }).nullable(),
  entryId: z.string().nullable(),
  decision: z.record(z.string(), z.unknown()).nullable().describe("the rule that decided where it went, or why not"),
});

const addressView = z.object({ address: z.string(), name: z.string().nullable() });

export const inboundOriginalView = inboundSummaryView.extend({
  headers: z.string().describe("the header block as received"),
  rawSize: z.number().int(),
  parsed: z
    .object({
      subject: z.string(),
      from: addressView.nullable(),
      to: z.array(addressView),
      cc: z.array(addressView),
      date: iso.nullable(),
      text: z.string().describe("the whole text body, quotes and signature included"),
      html: z.string().nullable().describe("sanitised HTML"),
      attachments: z.array(
        z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), inline: z.boolean() }),
      ),
    })
    .nullable(),
  parseError: z.string().nullable(),
});

export const listInboundQuery = z
  .object({
    status: z.enum(INBOUND_STATUS_VALUES).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const retriedInboundView = z.object({
  id: z.string(),
  status: z.literal("received"),
  previousStatus: z.string(),
  nextAttemptAt: iso,
});

export const moveEntryBody = z
  .object({ ticket: z.union([z.string().trim().min(1).max(100), z.number().int().positive()]) })
  .strict()
  .describe("the ticket to move the message to (TKT-1002, 1002 or its id)");

export const splitEntryBody = z
  .object({ subject: z.string().trim().min(1).max(500).optional() })
  .strict()
  .describe("subject of the new ticket (default: the message's email subject)");

export type MessageLocationView = z.infer<typeof messageLocationView>;
export type InboundSummaryView = z.infer<typeof inboundSummaryView>;
export type InboundOriginalView = z.infer<typeof inboundOriginalView>;
