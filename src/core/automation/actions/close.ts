import type { Action, ActionHandler } from "../types.js";
import { moveStatus } from "./status.js";

/**
 * Closes the ticket through the status machine (only a resolved ticket can be
 * closed). When the machine refuses (the ticket was reopened meanwhile, or is
 * cancelled) nothing changes and the result says why; the firing is not an error.
 */
export const closeAction: ActionHandler<Extract<Action, { type: "close" }>> = {
  type: "close",
  run: (_action, ac) => moveStatus(ac, "closed", { done: "closed the ticket", refused: "did not close" }),
};
