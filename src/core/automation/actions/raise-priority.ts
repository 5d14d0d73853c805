import { LEVELS, type Level } from "../../../../common/enums.js";
import { updateTicket } from "../../tickets/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, unchanged } from "./helpers.js";

/** Urgency one step up (low → medium → high → critical); critical stays critical. */
export const raisePriorityAction: ActionHandler<Extract<Action, { type: "raise_priority" }>> = {
  type: "raise_priority",
  async run(_action, ac) {
    const from = ac.ticket.urgency as Level;
    const to = LEVELS[Math.max(0, LEVELS.indexOf(from) - 1)] ?? from;
    if (to === from) return unchanged(`urgency is already ${from}`);
    await updateTicket(ac.ctx, ac.ticket.id, { urgency: to });
    return changed(`raised urgency from ${from} to ${to}`);
  },
};
