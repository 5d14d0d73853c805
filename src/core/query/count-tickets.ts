/**
 * How many tickets a query matches for the acting user, counted up to a cap:
 * a view's badge needs "37" or "10,000+", never an exact count of a million
 * rows, so the count scans at most `cap + 1` matching tickets.
 */
import { and, type SQL, sql } from "drizzle-orm";
import { queryRows } from "../../db/rows.js";
import { tickets } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import type { Ctx } from "../kernel/index.js";
import { visibleTickets } from "../tickets/index.js";
import { compilePredicate } from "./compile-sql.js";
import { type PreparedQuery, prepareQuery } from "./prepare.js";

export const COUNT_CAP = 10_000;
/** Larger caps would turn a badge into a full scan. */
export const MAX_COUNT_CAP = 100_000;

export interface TicketCount {
  /** Matching tickets, at most the cap. */
  count: number;
  /** More tickets match than `count`. */
  capped: boolean;
}

/** Counts a prepared query within `visible` (what `visibleTickets` returned for the same actor). */
export async function countPrepared(
  ctx: Ctx,
  prepared: PreparedQuery,
  visible: SQL,
  cap = COUNT_CAP,
): Promise<TicketCount> {
  const limit = Math.max(1, Math.min(Math.trunc(cap), MAX_COUNT_CAP));
  const where = and(visible, compilePredicate(prepared.predicate, prepared.sql));
  const [row] = await queryRows<{ n: number | string }>(
    ctx.db,
    sql`select count(*)::int as n from (select 1 from ${tickets} where ${where} limit ${limit + 1}) matching`,
  );
  const n = Number(row?.n ?? 0);
  return { count: Math.min(n, limit), capped: n > limit };
}

/**
 * Tickets matching `q` for the acting user, with the same visibility and
 * compiler as `listTickets`; a bad query throws `query.invalid`.
 */
export async function countTickets(ctx: Ctx, q: string, cap = COUNT_CAP): Promise<TicketCount> {
  authorize(ctx.actor, "ticket:list");
  const prepared = await prepareQuery(ctx, q);
  return countPrepared(ctx, prepared, await visibleTickets(ctx.db, ctx), cap);
}
