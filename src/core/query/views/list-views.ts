import { asc, sql } from "drizzle-orm";
import { z } from "zod";
import { views } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { type Ctx, isDomainError, type Page, parseInput } from "../../kernel/index.js";
import { visibleTickets } from "../../tickets/index.js";
import { COUNT_CAP, countPrepared, MAX_COUNT_CAP, type TicketCount } from "../count-tickets.js";
import { prepareQuery, type QuerySettings, querySettings } from "../prepare.js";
import { toView, type View, visibleViews } from "./view.js";

export const listViewsInput = z
  .object({
    /** Count each view's tickets (default true); off for a quick list of names. */
    counts: z.boolean().default(true),
    /** Counts stop at this many tickets (`capped` says there are more). */
    cap: z.number().int().min(1).max(MAX_COUNT_CAP).default(COUNT_CAP),
  })
  .strict();
export type ListViewsInput = z.input<typeof listViewsInput>;

export interface ViewListItem extends View {
  /** Tickets the view matches for the acting user (at most the cap); null when its query no longer works. */
  count: number | null;
  capped: boolean;
  /** Why the query no longer works, e.g. `no team "Billing" at 1:7`. */
  error: string | null;
}

/**
 * The views the actor can see (see view.ts), in list order, each with a live
 * count computed like `listTickets` would for this actor. A view whose query
 * stopped working (a renamed team, a deleted custom field or agent) is listed
 * with `count: null` and the reason, never failing the whole list. Views are
 * few per person, so the list is one page (`nextCursor` is always null).
 */
export async function listViews(ctx: Ctx, rawInput: unknown = {}): Promise<Page<ViewListItem>> {
  const input = parseInput(listViewsInput, rawInput);
  authorize(ctx.actor, "views:use");
  const rows = await ctx.db
    .select()
    .from(views)
    .where(visibleViews(ctx))
    .orderBy(asc(views.position), sql`lower(${views.name})`, asc(views.id));
  const visible = input.counts ? await visibleTickets(ctx.db, ctx) : undefined;
  // Loaded once for every view, not once per view.
  const settings = input.counts ? await querySettings(ctx.db, ctx.workspaceId) : undefined;
  const items: ViewListItem[] = [];
  // One view at a time: the embedded database runs one query at a time anyway,
  // and a pool of PostgreSQL connections is better left to other requests.
  for (const row of rows) {
    const view = toView(row);
    if (!visible) {
      items.push({ ...view, count: null, capped: false, error: null });
      continue;
    }
    const counted = await countView(ctx, view.query, visible, settings, input.cap);
    items.push({ ...view, ...counted });
  }
  return { items, nextCursor: null };
}

async function countView(
  ctx: Ctx,
  query: string,
  visible: Awaited<ReturnType<typeof visibleTickets>>,
  settings: QuerySettings | undefined,
  cap: number,
): Promise<{ count: number | null; capped: boolean; error: string | null }> {
  let counted: TicketCount;
  try {
    counted = await countPrepared(ctx, await prepareQuery(ctx, query, settings), visible, cap);
  } catch (err) {
    // Saved queries were valid when saved; what changed since is the workspace's data.
    if (isDomainError(err) && err.kind === "validation") return { count: null, capped: false, error: err.message };
    throw err;
  }
  return { ...counted, error: null };
}
