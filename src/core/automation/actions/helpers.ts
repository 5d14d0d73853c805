import { eq } from "drizzle-orm";
import type { Tx } from "../../../db/connection.js";
import { tickets } from "../../../db/schema/index.js";
import { workspaceInfo } from "../../people/index.js";
import { formatNumber, type TicketRow } from "../../tickets/index.js";
import type { ActionResult } from "../types.js";

export const changed = (summary: string): ActionResult => ({ summary, changed: true });
export const unchanged = (summary: string): ActionResult => ({ summary, changed: false });

/** The ticket row as it is now in the firing's transaction. */
export async function reloadTicket(tx: Tx, id: string): Promise<TicketRow> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id));
  if (!row) throw new Error(`ticket ${id} vanished during a rule firing`);
  return row;
}

/** "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Tags as the ticket stores them (trimmed, lower case), each once. */
export function normTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()))];
}

/** The small ticket reference events carry: id, number, subject. */
export async function ticketRefOf(tx: Tx, ticket: TicketRow): Promise<{ id: string; number: string; subject: string }> {
  const info = await workspaceInfo(tx, tx, ticket.workspaceId);
  return { id: ticket.id, number: formatNumber(info.ticketPrefix, ticket.number), subject: ticket.subject };
}
