import { updateTicket } from "../../tickets/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, listing, normTags, unchanged } from "./helpers.js";

export const addTagAction: ActionHandler<Extract<Action, { type: "add_tag" }>> = {
  type: "add_tag",
  async run(action, ac) {
    const wanted = normTags(action.tags);
    const missing = wanted.filter((t) => !ac.ticket.tags.includes(t));
    if (missing.length === 0) return unchanged(`already tagged ${listing(wanted)}`);
    await updateTicket(ac.ctx, ac.ticket.id, { addTags: missing });
    return changed(`added tag${missing.length > 1 ? "s" : ""} ${listing(missing)}`);
  },
};
