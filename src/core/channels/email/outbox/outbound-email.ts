import type { outboundEmails } from "../../../../db/schema/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";
import type { EmailAddress } from "../types.js";

export const OUTBOUND_KINDS = ["reply", "notification", "automation", "system"] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];
export const OUTBOUND_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/** A message in the outbox, as services and admins see it. */
export interface OutboundEmail {
  id: string;
  kind: OutboundKind;
  dedupeKey: string | null;
  ticketId: string | null;
  entryId: string | null;
  from: EmailAddress;
  to: string[];
  cc: string[];
  replyTo: string | null;
  subject: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  attachments: AttachmentMeta[];
  status: OutboundStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  smtpResponse: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export type OutboundRow = typeof outboundEmails.$inferSelect;

export function toOutboundEmail(row: OutboundRow): OutboundEmail {
  return {
    id: row.id,
    kind: row.kind as OutboundKind,
    dedupeKey: row.dedupeKey,
    ticketId: row.ticketId,
    entryId: row.entryId,
    from: { address: row.fromAddress, name: row.fromName },
    to: row.to,
    cc: row.cc,
    replyTo: row.replyTo,
    subject: row.subject,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo,
    references: row.references,
    attachments: (row.attachments ?? []) as AttachmentMeta[],
    status: row.status as OutboundStatus,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    smtpResponse: row.smtpResponse,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}

/** Headers that tell receivers (and our own intake) a message was sent by a machine, not a person. */
export function automaticHeaders(kind: OutboundKind): Record<string, string> {
  return kind === "reply" ? {} : { "Auto-Submitted": "auto-replied", "X-Helpline-Outbound": "1" };
}
