import type { TimelineKind } from "../../../common/enums.js";
import type { timelineEntries } from "../../db/schema/index.js";

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** What a system `event` entry records: the action and every field's before/after. */
export interface TimelineEvent {
  action: string;
  changes: FieldChange[];
  /** The automation rule (or SLA escalation level) that made the change, when one did. */
  rule?: { id: string; name: string };
}

/** Attachment metadata; the bytes are stored by the channel that received them. */
export interface AttachmentMeta {
  filename: string;
  contentType: string;
  size: number;
  storageKey?: string;
}

export interface TimelineEntry {
  id: string;
  ticketId: string;
  kind: TimelineKind;
  author: { type: "agent" | "customer" | "system"; id: string | null };
  body: string;
  event: TimelineEvent | null;
  attachments: AttachmentMeta[];
  channel: string | null;
  /**
   * For messages that travelled by email: Message-ID, addresses, subject, the
   * threading rule that placed it (inbound) or its delivery state (outbound).
   * Shaped by the email channel (EmailMeta); null otherwise.
   */
  email: Record<string, unknown> | null;
  createdAt: Date;
}

export function toTimelineEntry(row: typeof timelineEntries.$inferSelect): TimelineEntry {
  return {
    id: row.id,
    ticketId: row.ticketId,
    kind: row.kind as TimelineKind,
    author: { type: row.authorType as TimelineEntry["author"]["type"], id: row.authorId },
    body: row.body,
    event: (row.event as TimelineEvent | null) ?? null,
    attachments: (row.attachments ?? []) as AttachmentMeta[],
    channel: row.channel,
    email: (row.email as Record<string, unknown> | null) ?? null,
    createdAt: row.createdAt,
  };
}
