/**
 * Rule conditions are query language, prepared exactly as a ticket list
 * would prepare them but as the automation (a system actor: `me` means
 * nobody) and bound at the desk's clock, then run by the in-memory matcher.
 * Prepared per evaluation, never cached: names (`team: Billing`) and relative
 * dates (`created: today`) must mean what they mean now.
 */
import type { Db, Tx } from "../../db/connection.js";
import { type Clock, type Ctx, DomainError, isDomainError, systemActor } from "../kernel/index.js";
import { matches, matchRecordOf, type PreparedQuery, prepareQuery, type QuerySettings } from "../query/index.js";
import { type TicketRow, toTicket } from "../tickets/index.js";

/** The context conditions are prepared in: the automation itself, in `tx`, at `clock`. */
export function automationCtx(tx: Tx, workspaceId: string, clock: Clock): Ctx {
  return { actor: systemActor("automation"), workspaceId, db: tx as Db, clock };
}

/** Prepares a condition; a bad one is refused with `query.invalid`, positioned issues and field `condition`. */
export async function prepareCondition(ctx: Ctx, source: string, settings?: QuerySettings): Promise<PreparedQuery> {
  try {
    return await prepareQuery({ ...ctx, actor: systemActor("automation") }, source, settings);
  } catch (err) {
    if (isDomainError(err) && err.code === "query.invalid") {
      throw new DomainError("validation", err.code, `condition: ${err.message}`, "condition", err.details);
    }
    throw err;
  }
}

export function conditionHolds(prepared: PreparedQuery, row: TicketRow): boolean {
  return matches(prepared.predicate, matchRecordOf(toTicket(row, prepared.settings.ticketPrefix)));
}
