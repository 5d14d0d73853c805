import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "../../../../db/connection.js";
import { newId } from "../../../kernel/index.js";
import type { AttachmentMeta } from "../../../timeline/index.js";
import { sniffContentType } from "../content/index.js";
import type { EmailLimits, ParsedAttachment } from "../types.js";

export interface KeptAttachments {
  attachments: (AttachmentMeta & { contentId?: string; inline?: boolean })[];
  /** Sentences about what was not kept (too large, too many), appended to the message. */
  notes: string[];
}

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Stores attachment bytes in `blobs` (once per workspace per content) with the
 * type sniffed from the bytes; drops parts over the size limit or past the
 * count limit and says so.
 */
export async function storeAttachments(
  tx: Tx,
  workspaceId: string,
  parts: ParsedAttachment[],
  limits: EmailLimits,
  now: Date,
): Promise<KeptAttachments> {
  const out: KeptAttachments = { attachments: [], notes: [] };
  for (const part of parts) {
    if (out.attachments.length >= limits.maxAttachments) {
      out.notes.push(`${part.filename} was not kept: at most ${limits.maxAttachments} attachments per message.`);
      continue;
    }
    if (part.content.length > limits.maxAttachmentBytes) {
      out.notes.push(
        `${part.filename} (${mb(part.content.length)}) was not kept: attachments may be at most ${mb(limits.maxAttachmentBytes)}.`,
      );
      continue;
    }
    const sniffed = sniffContentType(part.content, part.declaredType, part.filename);
    const sha = createHash("sha256").update(part.content).digest("hex");
    const id = newId(now);
    const result = await tx.execute(sql`
      with ins as (
        insert into blobs (id, workspace_id, sha256, size, content_type, data, created_at)
        values (${id}, ${workspaceId}, ${sha}, ${part.content.length}, ${sniffed.contentType}, ${part.content},
          ${now.toISOString()}::timestamptz)
        on conflict (workspace_id, sha256) do nothing
        returning id)
      select id::text as id from ins
      union all
      select id::text from blobs where workspace_id = ${workspaceId} and sha256 = ${sha}
      limit 1`);
    const blobId = (result as unknown as { rows: { id: string }[] }).rows[0]?.id ?? id;
    out.attachments.push({
      filename: part.filename,
      contentType: sniffed.contentType,
      size: part.content.length,
      storageKey: blobId,
      ...(part.contentId ? { contentId: part.contentId } : {}),
      ...(part.inline ? { inline: true } : {}),
    });
  }
  return out;
}
