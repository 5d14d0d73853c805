import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { tickets } from "../../db/schema/index.js";
import { type Action, authorize, can } from "../access/index.js";
import { type Ctx, invalid, isUuid, notFound } from "../kernel/index.js";
import { workspaceInfo } from "../people/index.js";
import { inTeamScope, teamScope } from "./team-scope.js";
import { type Ticket, type TicketRow, toTicket } from "./ticket.js";

/** A ticket reference: its human number (`TKT-1001` or `1001`) or its id. */
export type TicketRef = string | number;

export function parseTicketRef(ref: TicketRef, prefix: string): { id: string } | { number: number } {
  if (typeof ref === "number") {
    if (Number.isInteger(ref) && ref > 0) return { number: ref };
  } else {
    const s = ref.trim();
    if (isUuid(s)) return { id: s.toLowerCase() };
    const m = /^(?:([A-Za-z][A-Za-z0-9]*)-)?(\d{1,9})$/.exec(s);
    if (m && (m[1] === undefined || m[1].toUpperCase() === prefix.toUpperCase())) return { number: Number(m[2]) };
  }
  throw invalid(
    "ticket.bad_reference",
    `"${String(ref)}" is not a ticket reference; use a number like ${prefix}-1001 or a ticket id.`,
    "ticket",
  );
}

export interface LoadedTicket {
  row: TicketRow;
  ticket: Ticket;
  prefix: string;
}

/** Loads a ticket of the caller's workspace (optionally locked for update) and checks the action. */
export async function loadTicket(
  tx: Tx,
  ctx: Ctx,
  ref: TicketRef,
  action: Action,
  opts: { forUpdate?: boolean } = {},
): Promise<LoadedTicket> {
  const info = await workspaceInfo(tx, ctx.db, ctx.workspaceId);
  const key = parseTicketRef(ref, info.ticketPrefix);
  const where = and(
    eq(tickets.workspaceId, ctx.workspaceId),
    "id" in key ? eq(tickets.id, key.id) : eq(tickets.number, key.number),
  );
  const query = tx.select().from(tickets).where(where);
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("ticket.not_found", `Ticket ${String(ref)} does not exist in this workspace.`, "ticket");
  const subject = { requesterId: row.requesterId, companyId: row.companyId };
  // A customer may not learn that a ticket they cannot see exists.
  if (!can(ctx.actor, "ticket:read", subject)) {
    throw notFound("ticket.not_found", `Ticket ${String(ref)} does not exist in this workspace.`, "ticket");
  }
  const scope = await teamScope(tx, ctx);
  if (scope && ctx.actor.type === "agent" && !inTeamScope(row, scope, ctx.actor.id)) {
    throw notFound("ticket.not_found", `Ticket ${String(ref)} does not exist in this workspace.`, "ticket");
  }
  authorize(ctx.actor, action, subject);
  return { row, ticket: toTicket(row, info.ticketPrefix), prefix: info.ticketPrefix };
}
