import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { outboundEmails } from "../../../../db/schema/index.js";
import { authorize } from "../../../access/index.js";
import { type Ctx, parseInput } from "../../../kernel/index.js";
import { loadTicket } from "../../../tickets/index.js";
import { OUTBOUND_STATUSES, type OutboundEmail, toOutboundEmail } from "./outbound-email.js";

export const listOutboxInput = z
  .object({
    status: z.enum(OUTBOUND_STATUSES).optional(),
    /** A ticket number (`TKT-1001`) or id. */
    ticket: z.union([z.string().min(1), z.number().int().positive()]).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListOutboxInput = z.input<typeof listOutboxInput>;

/** The outbox, newest first: what was sent, what waits and why, what failed (admins). */
export async function listOutbox(ctx: Ctx, raw: ListOutboxInput = {}): Promise<OutboundEmail[]> {
  authorize(ctx.actor, "email:manage");
  const input = parseInput(listOutboxInput, raw);
  const ticketId =
    input.ticket === undefined ? undefined : (await loadTicket(ctx.db, ctx, input.ticket, "ticket:read")).row.id;
  const rows = await ctx.db
    .select()
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.workspaceId, ctx.workspaceId),
        input.status ? eq(outboundEmails.status, input.status) : undefined,
        ticketId ? eq(outboundEmails.ticketId, ticketId) : undefined,
      ),
    )
    .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
    .limit(input.limit);
  return rows.map(toOutboundEmail);
}
