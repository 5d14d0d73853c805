import type { AgentRole, CustomerRole } from "../../../common/enums.js";

/** Who is acting. Authorisation decisions are made on this, inside commands. */
export type Actor =
  | { type: "agent"; id: string; role: AgentRole }
  | { type: "customer"; id: string; role: CustomerRole; companyId: string | null }
  | { type: "system"; name: string };

export const systemActor = (name = "system"): Actor => ({ type: "system", name });

export function actorRef(actor: Actor): { type: Actor["type"]; id: string | null; name?: string } {
  return actor.type === "system" ? { type: "system", id: null, name: actor.name } : { type: actor.type, id: actor.id };
}
