import type { TicketStatus } from "../../../../common/enums.js";
import { canTransition, InvalidTransitionError, updateStatus } from "../../tickets/index.js";
import type { ActionContext, ActionResult } from "../types.js";
import { changed, unchanged } from "./helpers.js";

/**
 * Moves the ticket through the status machine. A move the machine refuses is
 * not an error of the firing (retrying cannot help): the result says why
 * nothing changed, and the firing log shows it.
 */
export async function moveStatus(
  ac: ActionContext,
  to: TicketStatus,
  verb: { done: string; refused: string } = { done: `set status to ${to}`, refused: `did not set status to ${to}` },
): Promise<ActionResult> {
  const from = ac.ticket.status as TicketStatus;
  if (from === to) return unchanged(`status is already ${to}`);
  if (!canTransition(from, to)) return unchanged(`${verb.refused}: ${new InvalidTransitionError(from, to).message}`);
  await updateStatus(ac.ctx, ac.ticket.id, { status: to });
  return changed(verb.done);
}
