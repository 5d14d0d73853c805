import { authorize } from "../access/index.js";
import type { Ctx } from "../kernel/index.js";
import { runTicketQuery } from "../query/index.js";
import { type Ticket, toTicket } from "../tickets/index.js";
import { type Highlight, highlightsFor } from "./highlights.js";

export interface SearchHit {
  ticket: Ticket;
  /** Full-text relevance (0 when the query has no free text or only a timeline entry matched). */
  rank: number;
  highlights: Highlight[];
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

/**
 * Search: the query language with free text, most relevant first unless the
 * query sorts otherwise, each hit with highlighted snippets from the subject,
 * description or the newest matching message (and, for agents, note).
 */
export async function searchTickets(ctx: Ctx, rawInput: unknown): Promise<SearchPage> {
  authorize(ctx.actor, "ticket:list");
  const run = await runTicketQuery(ctx, rawInput);
  const { settings, sql: sqlCtx } = run.prepared;
  const highlights = run.textQuery
    ? await highlightsFor(ctx.db, {
        ids: run.rows.map((r) => r.id),
        query: run.textQuery,
        language: settings.searchLanguage,
        includeNotes: sqlCtx.includeNotes,
      })
    : new Map<string, Highlight[]>();
  return {
    items: run.rows.map((r) => ({
      ticket: toTicket(r, settings.ticketPrefix),
      rank: r.rank,
      highlights: highlights.get(r.id) ?? [],
    })),
    nextCursor: run.nextCursor,
  };
}
