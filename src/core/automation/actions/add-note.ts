import { addComment } from "../../tickets/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, unchanged } from "./helpers.js";
import { renderTemplate } from "./template.js";

/** An internal note by the system (placeholders rendered); closed and cancelled tickets take no notes. */
export const addNoteAction: ActionHandler<Extract<Action, { type: "add_note" }>> = {
  type: "add_note",
  async run(action, ac) {
    const status = ac.ticket.status;
    if (status === "closed" || status === "cancelled") return unchanged(`no note added: the ticket is ${status}`);
    const body = await renderTemplate({ tx: ac.tx, ticket: ac.ticket, ruleName: ac.rule.name }, action.body);
    await addComment(ac.ctx, ac.ticket.id, { body, internal: true });
    return changed("added an internal note");
  },
};
