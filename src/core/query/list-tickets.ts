import { and, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { tickets } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, parseInput } from "../kernel/index.js";
import { type Ticket, type TicketRow, toTicket, visibleTickets } from "../tickets/index.js";
import { positiveTexts } from "./bound.js";
import { compilePredicate, tsquery } from "./compile-sql.js";
import { type PreparedQuery, prepareQuery } from "./prepare.js";
import { afterCursor, cursorAfter, orderBy, usesRelevance } from "./sort.js";

export const MAX_QUERY_CHARS = 10_000;

export const listTicketsInput = z
  .object({
    /** A query in the query language; empty lists every visible ticket. */
    q: z.string().max(MAX_QUERY_CHARS, `must be at most ${MAX_QUERY_CHARS} characters`).default(""),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(1000).optional(),
  })
  .strict();
export type ListTicketsInput = z.input<typeof listTicketsInput>;

export interface QueryRun {
  rows: (TicketRow & { rank: number })[];
  prepared: PreparedQuery;
  nextCursor: string | null;
  /** The combined full-text query of the positive text terms (for ranking and snippets). */
  textQuery: SQL | undefined;
}

/** Runs a query for the acting user: visibility, conditions, order, one page. */
export async function runTicketQuery(ctx: Ctx, rawInput: unknown): Promise<QueryRun> {
  const input = parseInput(listTicketsInput, rawInput);
  authorize(ctx.actor, "ticket:list");
  const prepared = await prepareQuery(ctx, input.q);
  const visible = await visibleTickets(ctx.db, ctx);
  const texts = positiveTexts(prepared.predicate);
  const textQuery =
    texts.length > 0
      ? sql.join(
          texts.map((t) => tsquery(t, prepared.settings.searchLanguage)),
          sql` || `,
        )
      : undefined;
  const rank = textQuery ? sql`coalesce(ts_rank("tickets"."search", ${textQuery}), 0)` : sql`0`;
  const after = afterCursor(prepared.steps, input.cursor);
  const rows = await ctx.db
    .select({ ticket: tickets, rank: sql<number>`${rank}`.mapWith(Number) })
    .from(tickets)
    .where(and(visible, compilePredicate(prepared.predicate, prepared.sql), after.where))
    .orderBy(orderBy(prepared.steps, usesRelevance(prepared.steps) && textQuery ? rank : undefined))
    .limit(input.limit + 1)
    .offset(after.offset);
  const page = rows.slice(0, input.limit).map((r) => ({ ...r.ticket, rank: r.rank }));
  const last = page.at(-1);
  return {
    rows: page,
    prepared,
    textQuery,
    nextCursor:
      rows.length > input.limit && last ? cursorAfter(prepared.steps, last, after.offset + input.limit) : null,
  };
}

/** Tickets matching a query-language string (`status: open assignee: me sort by: created`). */
export async function listTickets(ctx: Ctx, rawInput: unknown = {}): Promise<Page<Ticket>> {
  const run = await runTicketQuery(ctx, rawInput);
  const prefix = run.prepared.settings.ticketPrefix;
  return { items: run.rows.map((r) => toTicket(r, prefix)), nextCursor: run.nextCursor };
}
