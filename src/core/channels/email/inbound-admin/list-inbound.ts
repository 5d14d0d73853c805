import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { inboundEmails, mailboxes, tickets } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import {
  type Ctx,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Page,
  parseInput,
} from "../../../kernel/index.js";
import { workspaceInfo } from "../../../people/index.js";

export const INBOUND_STATUSES = ["received", "processed", "ignored", "duplicate", "failed"] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/** A stored inbound message as admins list it (no raw bytes). */
export interface InboundSummary {
  id: string;
  source: string;
  mailbox: { id: string; address: string } | null;
  /** Envelope sender (SMTP MAIL FROM), when the door knew it. */
  from: string | null;
  to: string[];
  messageId: string | null;
  size: number;
  status: InboundStatus;
  error: string | null;
  attempts: number;
  receivedAt: Date;
  processedAt: Date | null;
  nextAttemptAt: Date | null;
  ticket: { id: string; number: string } | null;
  entryId: string | null;
  /** Which rule decided where it went (or why it was ignored), as the pipeline recorded it. */
  decision: Record<string, unknown> | null;
}

export const listInboundInput = z
  .object({
    status: z.enum(INBOUND_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListInboundInput = z.input<typeof listInboundInput>;

/** Inbound messages of the workspace, newest first (failed ones: `status: "failed"`). Managers. */
export async function listInbound(ctx: Ctx, rawInput: unknown = {}): Promise<Page<InboundSummary>> {
  authorize(ctx.actor, "email:manage");
  const input = parseInput(listInboundInput, rawInput);
  const where: (SQL | undefined)[] = [eq(inboundEmails.workspaceId, ctx.workspaceId)];
  if (input.status) where.push(eq(inboundEmails.status, input.status));
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2) as [string, string];
    const after = new Date(at);
    where.push(
      or(
        lt(inboundEmails.receivedAt, after),
        and(eq(inboundEmails.receivedAt, after), lt(inboundEmails.id, String(id))),
      ),
    );
  }
  const rows = await ctx.db
    .select({
      id: inboundEmails.id,
      source: inboundEmails.source,
      mailboxId: inboundEmails.mailboxId,
      mailboxAddress: mailboxes.address,
      from: inboundEmails.envelopeFrom,
      to: inboundEmails.envelopeTo,
      messageId: inboundEmails.messageId,
      size: inboundEmails.size,
      status: inboundEmails.status,
      error: inboundEmails.error,
      attempts: inboundEmails.attempts,
      receivedAt: inboundEmails.receivedAt,
      processedAt: inboundEmails.processedAt,
      nextAttemptAt: inboundEmails.nextAttemptAt,
      ticketId: inboundEmails.ticketId,
      ticketNumber: tickets.number,
      entryId: inboundEmails.entryId,
      decision: inboundEmails.decision,
    })
    .from(inboundEmails)
    .leftJoin(mailboxes, eq(mailboxes.id, inboundEmails.mailboxId))
    .leftJoin(tickets, eq(tickets.id, inboundEmails.ticketId))
    .where(and(...where))
    .orderBy(desc(inboundEmails.receivedAt), desc(inboundEmails.id))
    .limit(input.limit + 1);
  const { ticketPrefix } = await workspaceInfo(ctx.db, ctx.db, ctx.workspaceId);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      source: r.source,
      mailbox: r.mailboxId ? { id: r.mailboxId, address: r.mailboxAddress ?? "" } : null,
      from: r.from,
      to: r.to,
      messageId: r.messageId,
      size: r.size,
      status: r.status as InboundStatus,
      error: r.error,
      attempts: r.attempts,
      receivedAt: r.receivedAt,
      processedAt: r.processedAt,
      nextAttemptAt: r.nextAttemptAt,
      ticket:
        r.ticketId && r.ticketNumber !== null ? { id: r.ticketId, number: `${ticketPrefix}-${r.ticketNumber}` } : null,
      entryId: r.entryId,
      decision: (r.decision as Record<string, unknown> | null) ?? null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null,
  };
}
