import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { blobs, timelineEntries } from "../../../../db/schema/index.js";
import { type Ctx, isUuid, notFound, parseInput } from "../../../kernel/index.js";
import { loadTicket, type TicketRef } from "../../../tickets/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";

export interface AttachmentDownload {
  filename: string;
  /** The type sniffed from the bytes when they were stored (never the sender's word alone). */
  contentType: string;
  size: number;
  data: Buffer;
}

const readAttachmentInput = z
  .object({
    ticket: z.union([z.string().trim().min(1).max(100), z.number().int().positive()]),
    blobId: z.string().trim().refine(isUuid, "must be the storage key of an attachment"),
  })
  .strict();

/**
 * The bytes of an attachment on a ticket's timeline. The caller must be able to
 * read the ticket, and the file must hang on an entry of that ticket they may
 * see (customers never see internal notes): knowing a storage key is not enough.
 */
export async function readAttachment(ctx: Ctx, ticket: TicketRef, blobId: string): Promise<AttachmentDownload> {
  const input = parseInput(readAttachmentInput, { ticket, blobId });
  const key = input.blobId.toLowerCase();
  const { row } = await loadTicket(ctx.db, ctx, input.ticket, "ticket:read");
  const missing = () =>
    notFound("attachment.not_found", `No attachment ${key} on ticket ${String(input.ticket)}.`, "blobId");
  const entries = await ctx.db
    .select({ attachments: timelineEntries.attachments })
    .from(timelineEntries)
    .where(
      and(
        eq(timelineEntries.workspaceId, ctx.workspaceId),
        eq(timelineEntries.ticketId, row.id),
        ctx.actor.type === "customer" ? ne(timelineEntries.kind, "note") : undefined,
        sql`${timelineEntries.attachments} @> ${JSON.stringify([{ storageKey: key }])}::jsonb`,
      ),
    )
    .limit(1);
  const meta = ((entries[0]?.attachments ?? []) as AttachmentMeta[]).find((a) => a.storageKey === key);
  if (!meta) throw missing();
  const [blob] = await ctx.db
    .select()
    .from(blobs)
    .where(and(eq(blobs.workspaceId, ctx.workspaceId), eq(blobs.id, key)));
  if (!blob) throw missing();
  return { filename: meta.filename || "attachment", contentType: blob.contentType, size: blob.size, data: blob.data };
}
