import { eq } from "drizzle-orm";
import type { Db } from "../../../../db/connection.js";
import { tickets } from "../../../../db/schema/index.js";
import { type Ctx, parseInput } from "../../../kernel/index.js";
import { findCustomerRow } from "../../../people/index.js";
import { createTicket, loadTicket, subjectSchema, type TicketRef } from "../../../tickets/index.js";
import type { EmailMeta } from "../types.js";
import { type MovedEntry, movableEntry, moveEntryInput, relocateEntry } from "./move-entry.js";

export const splitEntryInput = moveEntryInput
  .omit({ target: true })
  .extend({ subject: subjectSchema.optional() })
  .strict();

/** "Re: Fwd: Invoice" → "Invoice". */
export function withoutReplyPrefixes(subject: string): string {
  return subject.replace(/^(\s*(re|fwd?|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i, "").trim();
}

/**
 * Splits a message off into a new ticket: same requester (the message's author
 * when a customer wrote it), company, team and priority axes, channel email,
 * subject from the message's email subject unless given; then moves the
 * message there, recording it on both timelines. One transaction.
 */
export async function splitEntry(
  ctx: Ctx,
  ticket: TicketRef,
  entryId: string,
  opts: { subject?: string } = {},
): Promise<MovedEntry> {
  const input = parseInput(splitEntryInput, { ticket, entryId, ...opts });
  const id = input.entryId.toLowerCase();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const source = await loadTicket(tx, ctx, input.ticket, "ticket:update", { forUpdate: true });
    const entry = await movableEntry(tx, ctx, source, id);
    const meta = entry.email as EmailMeta | null;
    const author =
      entry.authorType === "customer" && entry.authorId ? await findCustomerRow(tx, ctx, entry.authorId) : undefined;
    const requester =
      author ?? (source.row.requesterId ? await findCustomerRow(tx, ctx, source.row.requesterId) : undefined);
    const subject =
      input.subject ?? (withoutReplyPrefixes(meta?.subject ?? "") || withoutReplyPrefixes(source.row.subject));
    // Inside this transaction: the new ticket exists only if the move commits too.
    const inTx: Ctx = { ...ctx, db: tx as unknown as Db };
    const created = await createTicket(inTx, {
      subject: subject || source.row.subject,
      channel: "email",
      urgency: source.row.urgency,
      importance: source.row.importance,
      ...(requester ? { requester: requester.email } : {}),
      ...(source.row.companyId ? { company: source.row.companyId } : {}),
      ...(source.row.teamId ? { team: source.row.teamId } : {}),
    });
    // The ticket's description is the message it was split from (the entry itself moves below).
    await tx.update(tickets).set({ description: entry.body }).where(eq(tickets.id, created.id));
    const target = await loadTicket(tx, ctx, created.id, "ticket:update", { forUpdate: true });
    return relocateEntry(tx, ctx, source, target, id, now, "split");
  });
}
