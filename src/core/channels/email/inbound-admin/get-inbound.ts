import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { inboundEmails, mailboxes } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { type Ctx, isDomainError, isUuid, notFound, parseInput } from "../../../kernel/index.js";
import { loadTicket } from "../../../tickets/index.js";
import type { EmailAddress, EmailEnv } from "../types.js";
import type { InboundStatus, InboundSummary } from "./list-inbound.js";

/** The stored original of an inbound message: "the full original one click away". */
export interface InboundOriginal extends InboundSummary {
  /** The header block exactly as received (unfolded lines kept), as text. */
  headers: string;
  /** Size of the raw message in bytes (the bytes themselves stay on the server). */
  rawSize: number;
  /** What parsing the raw message gives now; null when it cannot be parsed (`parseError` says why). */
  parsed: {
    subject: string;
    from: EmailAddress | null;
    to: EmailAddress[];
    cc: EmailAddress[];
    date: Date | null;
    /** The whole text body, quoted history and signature included. */
    text: string;
    /** Sanitised HTML, or null. */
    html: string | null;
    attachments: { filename: string; contentType: string; size: number; inline: boolean }[];
  } | null;
  parseError: string | null;
}

const idInput = z.string().trim().refine(isUuid, "must be the id of a stored inbound message");

/** The header block of a raw message (up to the first empty line), as text. */
export function rawHeaderBlock(raw: Buffer): string {
  const head = raw.subarray(0, Math.min(raw.length, 1024 * 1024)).toString("utf8");
  const end = head.search(/\r?\n\r?\n/);
  return (end < 0 ? head : head.slice(0, end)).replace(/\r\n/g, "\n");
}

/**
 * One stored inbound message with its original headers and the full text and
 * sanitised HTML parsed from the raw bytes. Every agent may read the originals
 * of tickets they can see; one that made no ticket is for managers only.
 */
export async function getInboundOriginal(
  ctx: Ctx,
  rawId: unknown,
  env: Pick<EmailEnv, "parse">,
): Promise<InboundOriginal> {
  authorize(ctx.actor, "email:read");
  const id = parseInput(idInput, rawId).toLowerCase();
  const missing = () => notFound("email.inbound_not_found", `No stored inbound message ${id}.`, "id");
  const [row] = await ctx.db
    .select({ inbound: inboundEmails, mailboxAddress: mailboxes.address })
    .from(inboundEmails)
    .leftJoin(mailboxes, eq(mailboxes.id, inboundEmails.mailboxId))
    .where(and(eq(inboundEmails.workspaceId, ctx.workspaceId), eq(inboundEmails.id, id)));
  if (!row) throw missing();
  const r = row.inbound;
  let ticket: InboundSummary["ticket"] = null;
  if (r.ticketId) {
    try {
      const loaded = await loadTicket(ctx.db, ctx, r.ticketId, "ticket:read");
      ticket = { id: loaded.ticket.id, number: loaded.ticket.number };
    } catch (err) {
      if (isDomainError(err) && err.kind === "not_found") throw missing();
      throw err;
    }
  } else {
    authorize(ctx.actor, "email:manage");
  }
  let parsed: InboundOriginal["parsed"] = null;
  let parseError: string | null = null;
  try {
    const p = await env.parse(r.raw);
    parsed = {
      subject: p.subject,
      from: p.from,
      to: p.to,
      cc: p.cc,
      date: p.date,
      text: p.text,
      html: p.html,
      attachments: p.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.declaredType,
        size: a.content.length,
        inline: a.inline,
      })),
    };
  } catch (err) {
    parseError = err instanceof Error ? err.message : String(err);
  }
  return {
    id: r.id,
    source: r.source,
    mailbox: r.mailboxId ? { id: r.mailboxId, address: row.mailboxAddress ?? "" } : null,
    from: r.envelopeFrom,
    to: r.envelopeTo,
    messageId: r.messageId,
    size: r.size,
    status: r.status as InboundStatus,
    error: r.error,
    attempts: r.attempts,
    receivedAt: r.receivedAt,
    processedAt: r.processedAt,
    nextAttemptAt: r.nextAttemptAt,
    ticket,
    entryId: r.entryId,
    decision: (r.decision as Record<string, unknown> | null) ?? null,
    headers: rawHeaderBlock(r.raw),
    rawSize: r.raw.length,
    parsed,
    parseError,
  };
}
