import type { Action, ActionHandler, ActionType } from "../types.js";
import { addNoteAction } from "./add-note.js";
import { addTagAction } from "./add-tag.js";
import { assignAction } from "./assign.js";
import { closeAction } from "./close.js";
import { emailRequesterAction } from "./email-requester.js";
import { escalateAction } from "./escalate.js";
import { notifyAction } from "./notify.js";
import { raisePriorityAction } from "./raise-priority.js";
import { removeTagAction } from "./remove-tag.js";
import { setFieldAction } from "./set-field.js";
import { webhookAction } from "./webhook.js";

export { agentsByRef, type Recipient, resolveRecipients, teamByRef } from "./recipients.js";
export { PLACEHOLDERS, placeholdersIn, renderTemplate, unknownPlaceholders } from "./template.js";

type Registry = { [T in ActionType]: ActionHandler<Extract<Action, { type: T }>> };

/** Every action type and the handler that runs it. */
export const ACTION_HANDLERS: Registry = {
  set_field: setFieldAction,
  assign: assignAction,
  add_tag: addTagAction,
  remove_tag: removeTagAction,
  add_note: addNoteAction,
  notify: notifyAction,
  email_requester: emailRequesterAction,
  webhook: webhookAction,
  escalate: escalateAction,
  raise_priority: raisePriorityAction,
  close: closeAction,
};

export function handlerFor<A extends Action>(action: A): ActionHandler<A> {
  return ACTION_HANDLERS[action.type] as unknown as ActionHandler<A>;
}
