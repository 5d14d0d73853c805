import type { TicketRow } from "../tickets/index.js";
import { reloadTicket } from "./actions/helpers.js";
import { handlerFor } from "./actions/index.js";
import type { Action, ActionContext, ActionResult } from "./types.js";

/**
 * Runs a rule's (or an SLA escalation level's) actions on one ticket, in
 * order, inside the caller's transaction: `base.ctx.db` is that transaction
 * and `base.ctx.actor` the rule's actor, so every change the ticket commands
 * make is recorded as caused by the rule. Each action sees the ticket as the
 * previous ones left it (reloaded only when one changed something and another
 * follows; `loaded` saves the first read when the caller has the row). An
 * action that fails throws: the caller's transaction (the whole firing) rolls back.
 */
export async function runActions(
  base: Omit<ActionContext, "ticket">,
  ticketId: string,
  actions: readonly Action[],
  loaded?: TicketRow,
): Promise<{ results: ActionResult[] }> {
  let ticket = loaded ?? (await reloadTicket(base.tx, ticketId));
  let stale = false;
  const results: ActionResult[] = [];
  for (const action of actions) {
    if (stale) ticket = await reloadTicket(base.tx, ticketId);
    const result = await handlerFor(action).run(action, { ...base, ticket });
    results.push(result);
    stale = result.changed;
  }
  return { results };
}
