import { runViewInput } from "../../../../common/api/views.js";
import { type Ctx, type Page, parseInput } from "../../kernel/index.js";
import type { Ticket } from "../../tickets/index.js";
import { listTickets } from "../list-tickets.js";
import { findVisibleView } from "./view.js";

/**
 * A page of the tickets a view matches, for the person running it (not its
 * owner): `me`, visibility and team limits are theirs.
 */
export async function runView(ctx: Ctx, ref: string, rawInput: unknown = {}): Promise<Page<Ticket>> {
  const input = parseInput(runViewInput, rawInput);
  const view = await findVisibleView(ctx.db, ctx, ref);
  return listTickets(ctx, { q: view.query, ...input });
}
