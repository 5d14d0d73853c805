import { and, asc, gte, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { tickets } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, invalid, parseInput } from "../kernel/index.js";
import { resolveAgent, workspaceInfo } from "../people/index.js";
import { type Ticket, toTicket } from "./ticket.js";
import { visibleTickets } from "./visibility.js";

/** A calendar shows at most this many tickets in one range; more says "too many, narrow it". */
export const MAX_DUE_TICKETS = 1000;
const MAX_RANGE_DAYS = 62;

const isoDate = z.iso.datetime({ offset: true, message: "must be an ISO-8601 date-time" });
export const dueRangeInput = z
  .object({
    from: isoDate,
    to: isoDate,
    /** Agent id or email, or `me`. */
    assignee: z.string().trim().min(1).optional(),
  })
  .strict();
export type DueRangeInput = z.input<typeof dueRangeInput>;

export interface DueTickets {
  items: Ticket[];
  /** True when more than MAX_DUE_TICKETS fall in the range (the earliest are returned). */
  truncated: boolean;
}

/**
 * Tickets due in [from, to) for the calendar: by their own due date when an
 * agent set one, else by the SLA deadline while the ticket still needs work.
 * Earliest first.
 */
export async function listDueTickets(ctx: Ctx, rawInput: unknown): Promise<DueTickets> {
  const input = parseInput(dueRangeInput, rawInput);
  authorize(ctx.actor, "ticket:list");
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (to <= from) throw invalid("calendar.range", "`to` must be after `from`.", "to");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw invalid("calendar.range", `A calendar range spans at most ${MAX_RANGE_DAYS} days.`, "to");
  }
  const info = await workspaceInfo(ctx.db, ctx.db, ctx.workspaceId);
  const due = sql`coalesce(${tickets.dueAt}, ${tickets.slaDueAt})`;
  const where: (SQL | undefined)[] = [
    await visibleTickets(ctx.db, ctx),
    or(
      and(gte(tickets.dueAt, from), lt(tickets.dueAt, to)),
      and(
        sql`${tickets.dueAt} is null`,
        sql`${tickets.status} in ('open','in_progress','on_hold','review','pending_customer')`,
        gte(tickets.slaDueAt, from),
        lt(tickets.slaDueAt, to),
      ),
    ),
  ];
  if (input.assignee) {
    const id =
      input.assignee === "me" && ctx.actor.type === "agent"
        ? ctx.actor.id
        : (await resolveAgent(ctx.db, ctx, input.assignee)).id;
    where.push(sql`${tickets.assigneeId} = ${id}`);
  }
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(...where))
    .orderBy(asc(due), asc(tickets.id))
    .limit(MAX_DUE_TICKETS + 1);
  return {
    items: rows.slice(0, MAX_DUE_TICKETS).map((r) => toTicket(r, info.ticketPrefix)),
    truncated: rows.length > MAX_DUE_TICKETS,
  };
}
