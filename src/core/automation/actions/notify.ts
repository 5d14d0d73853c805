import { recordEvent } from "../../kernel/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, listing, ticketRefOf, unchanged } from "./helpers.js";
import { resolveRecipients } from "./recipients.js";
import { renderTemplate } from "./template.js";

/**
 * Asks for people to be told something: resolves the recipients to active
 * agents and records a `notification.requested` event, which the
 * notification engine delivers. Nobody to tell → nothing recorded.
 */
export const notifyAction: ActionHandler<Extract<Action, { type: "notify" }>> = {
  type: "notify",
  async run(action, ac) {
    const recipients = await resolveRecipients(ac.tx, ac.ticket, action.to);
    if (recipients.length === 0) return unchanged("nobody to notify (no matching active agent)");
    const message = await renderTemplate({ tx: ac.tx, ticket: ac.ticket, ruleName: ac.rule.name }, action.message);
    await recordEvent(
      ac.tx,
      ac.ctx,
      {
        type: "notification.requested",
        subjectType: "ticket",
        subjectId: ac.ticket.id,
        payload: {
          ticket: await ticketRefOf(ac.tx, ac.ticket),
          recipients,
          message,
          rule: { id: ac.rule.id, name: ac.rule.name },
        },
      },
      ac.now,
    );
    const names = recipients.map((r) => r.name);
    const shown = names.length > 5 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
    return changed(`notified ${listing(shown)}`);
  },
};
