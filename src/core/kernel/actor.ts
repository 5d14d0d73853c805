import type { AgentRole, CustomerRole } from "../../../common/enums.js";

/** Who is acting. Authorisation decisions are made on this, inside commands. */
export type Actor =
  | { type: "agent"; id: string; role: AgentRole }
  | { type: "customer"; id: string; role: CustomerRole; companyId: string | null }
  | { type: "system"; name: string; rule?: RuleCause };

/**
 * The automation rule (or SLA escalation level) a system action runs for, and
 * how deep in a chain of rule-caused events it is: rules ignore events their
 * own actions caused, and chains stop at MAX_RULE_DEPTH.
 */
export interface RuleCause {
  /** Rule id, or `sla:<policyId|default>:<level>` for an escalation level. */
  id: string;
  name: string;
  depth: number;
}

export const systemActor = (name = "system"): Actor => ({ type: "system", name });

/** The actor of a rule's actions. */
export const ruleActor = (rule: RuleCause): Actor => ({ type: "system", name: `rule:${rule.name}`, rule });

export function actorRef(actor: Actor): { type: Actor["type"]; id: string | null; name?: string; rule?: RuleCause } {
  if (actor.type !== "system") return { type: actor.type, id: actor.id };
  return actor.rule
    ? { type: "system", id: null, name: actor.name, rule: actor.rule }
    : { type: "system", id: null, name: actor.name };
}
