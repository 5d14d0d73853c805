import { levelOf } from "../../../../common/priority.js";
import { recordEvent } from "../../kernel/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, ticketRefOf } from "./helpers.js";

/**
 * Records an `automation.webhook` event carrying the URL and the JSON body;
 * the `automation.webhooks` listener POSTs it outside any transaction and
 * retries until the receiver answers 2xx (webhook-listener.ts).
 */
export const webhookAction: ActionHandler<Extract<Action, { type: "webhook" }>> = {
  type: "webhook",
  async run(action, ac) {
    const t = ac.ticket;
    const ref = await ticketRefOf(ac.tx, t);
    const body = {
      rule: { id: ac.rule.id, name: ac.rule.name },
      trigger: ac.event?.type ?? "time",
      ticket: {
        ...ref,
        status: t.status,
        priority: levelOf(t.priority),
        urgency: t.urgency,
        importance: t.importance,
        category: t.category,
        type: t.type,
        tags: t.tags,
        requesterId: t.requesterId,
        assigneeId: t.assigneeId,
        teamId: t.teamId,
        companyId: t.companyId,
        createdAt: t.createdAt.toISOString(),
        updatedAt: t.updatedAt.toISOString(),
      },
      firedAt: ac.now.toISOString(),
    };
    await recordEvent(
      ac.tx,
      ac.ctx,
      { type: "automation.webhook", subjectType: "ticket", subjectId: t.id, payload: { url: action.url, body } },
      ac.now,
    );
    return changed(`queued a webhook to ${new URL(action.url).host}`);
  },
};
