import type { TicketStatus } from "../../../../common/enums.js";
import { escalateTicket, isActiveStatus } from "../../tickets/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, reloadTicket, unchanged } from "./helpers.js";

/**
 * Escalates like an agent would (priority one level up, SLA recomputed, a
 * note). With `level`, escalates until the ticket is at that level (nothing
 * when it already is); without, one level up. A ticket that no longer needs
 * work is not escalated.
 */
export const escalateAction: ActionHandler<Extract<Action, { type: "escalate" }>> = {
  type: "escalate",
  async run(action, ac) {
    const t = ac.ticket;
    if (!isActiveStatus(t.status as TicketStatus)) return unchanged(`not escalated: the ticket is ${t.status}`);
    const target = action.level ?? t.escalationLevel + 1;
    if (t.escalationLevel >= target) return unchanged(`already at escalation level ${t.escalationLevel}`);
    let level = t.escalationLevel;
    while (level < target) {
      await escalateTicket(ac.ctx, t.id, { reason: `Rule '${ac.rule.name}'` });
      level = (await reloadTicket(ac.tx, t.id)).escalationLevel;
    }
    return changed(`escalated to level ${level}`);
  },
};
