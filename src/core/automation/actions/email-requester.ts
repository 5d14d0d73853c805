import { eq } from "drizzle-orm";
import { customers } from "../../../db/schema/index.js";
import { recordEvent } from "../../kernel/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, ticketRefOf, unchanged } from "./helpers.js";
import { renderTemplate } from "./template.js";

/**
 * A templated email to the ticket's requester: subject and body rendered now,
 * recorded as an `email.requested` event that the email outbox sends.
 */
export const emailRequesterAction: ActionHandler<Extract<Action, { type: "email_requester" }>> = {
  type: "email_requester",
  async run(action, ac) {
    const t = ac.ticket;
    const [requester] = t.requesterId
      ? await ac.tx
          .select({ id: customers.id, email: customers.email, name: customers.name })
          .from(customers)
          .where(eq(customers.id, t.requesterId))
      : [];
    if (!requester) return unchanged("no requester to email");
    const src = { tx: ac.tx, ticket: t, ruleName: ac.rule.name };
    await recordEvent(
      ac.tx,
      ac.ctx,
      {
        type: "email.requested",
        subjectType: "ticket",
        subjectId: t.id,
        payload: {
          ticket: await ticketRefOf(ac.tx, t),
          to: { id: requester.id, email: requester.email, name: requester.name },
          subject: await renderTemplate(src, action.subject),
          body: await renderTemplate(src, action.body),
          rule: { id: ac.rule.id, name: ac.rule.name },
        },
      },
      ac.now,
    );
    return changed(`emailed the requester ${requester.email}`);
  },
};
