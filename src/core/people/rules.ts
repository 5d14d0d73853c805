import type { AgentRole } from "../../../common/enums.js";
import { can } from "../access/index.js";
import type { Actor } from "../kernel/index.js";

const RANK: Record<AgentRole, number> = { agent: 1, manager: 2, superadmin: 3 };

/** How far up the role ladder an actor reaches: the system above everyone, customers nowhere. */
export function rankOf(actor: Actor): number {
  if (actor.type === "system") return 4;
  return actor.type === "agent" ? RANK[actor.role] : 0;
}

export const roleRank = (role: AgentRole): number => RANK[role];

/** Roles an actor may hand out: their own and those below it. */
export function mayGrant(actor: Actor, role: AgentRole): boolean {
  return can(actor, "people:manage") && RANK[role] <= rankOf(actor);
}

/**
 * What the actor may do to this agent: managers and superadmins edit agents of
 * their rank or below; nobody changes their own role or deactivates themself.
 */
export function agentPermissions(actor: Actor, target: { id: string; role: AgentRole }) {
  const update = can(actor, "people:manage") && RANK[target.role] <= rankOf(actor);
  const self = actor.type === "agent" && actor.id === target.id;
  return { update, changeRole: update && !self, deactivate: update && !self };
}
