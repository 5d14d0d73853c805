import { updateTicket } from "../../tickets/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, listing, normTags, unchanged } from "./helpers.js";

export const removeTagAction: ActionHandler<Extract<Action, { type: "remove_tag" }>> = {
  type: "remove_tag",
  async run(action, ac) {
    const wanted = normTags(action.tags);
    const present = wanted.filter((t) => ac.ticket.tags.includes(t));
    if (present.length === 0) return unchanged(`not tagged ${listing(wanted)}`);
    await updateTicket(ac.ctx, ac.ticket.id, { removeTags: present });
    return changed(`removed tag${present.length > 1 ? "s" : ""} ${listing(present)}`);
  },
};
