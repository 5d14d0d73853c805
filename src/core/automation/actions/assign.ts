import type { Level } from "../../../../common/enums.js";
import { conflict, notFound } from "../../kernel/index.js";
import { routeTicket } from "../../routing/index.js";
import { assignTicket } from "../../tickets/index.js";
import type { Action, ActionHandler } from "../types.js";
import { changed, unchanged } from "./helpers.js";
import { agentsByRef } from "./recipients.js";

/**
 * Assigns to the agent named in `to`; without `to`, routing chooses team and
 * agent by the team's strategy (within `team` when given) and the reason goes
 * into the firing's summary. Nobody eligible → nothing changes.
 */
export const assignAction: ActionHandler<Extract<Action, { type: "assign" }>> = {
  type: "assign",
  async run(action, ac) {
    const t = ac.ticket;
    if (action.to !== undefined) {
      const rows = await agentsByRef(ac.tx, t.workspaceId, action.to);
      const agent = rows.length === 1 ? rows[0] : undefined;
      if (!agent) throw notFound("agent.not_found", `assign: no single agent "${action.to}" in this workspace.`, "to");
      if (!agent.active)
        throw conflict("agent.inactive", `assign: agent ${agent.email} is deactivated.`, { field: "to" });
      if (t.assigneeId === agent.id && action.team === undefined) return unchanged(`already assigned to ${agent.name}`);
      await assignTicket(ac.ctx, t.id, { assignee: agent.id, ...(action.team ? { team: action.team } : {}) });
      return changed(`assigned to ${agent.name}`);
    }
    const decision = await routeTicket(
      ac.tx,
      ac.ctx,
      { ...t, urgency: t.urgency as Level, importance: t.importance as Level },
      action.team === undefined ? {} : { team: action.team },
    );
    if (!decision.agent) return unchanged(`not assigned: ${decision.reason}`);
    if (t.assigneeId === decision.agent.id && t.teamId === (decision.team?.id ?? t.teamId)) {
      return unchanged(`already assigned to ${decision.agent.name}`);
    }
    await assignTicket(ac.ctx, t.id, {
      assignee: decision.agent.id,
      ...(decision.team ? { team: decision.team.id } : {}),
    });
    return changed(`assigned to ${decision.agent.name}: ${decision.reason}`);
  },
};
