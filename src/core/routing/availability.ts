import type { AgentAvailability } from "../../../common/enums.js";

/** What eligibility needs to know about an agent. */
export interface AvailabilityFacts {
  active: boolean;
  availability: AgentAvailability;
  /** With `out_of_office`: back at this moment. */
  awayUntil: Date | null;
  /** Most active tickets routing gives the agent; null = no limit. */
  capacity: number | null;
  /** Active tickets assigned to the agent. */
  workload: number;
}

/** The availability at `now`: out of office with a return time that has passed counts as online. */
export function availabilityAt(a: Pick<AvailabilityFacts, "availability" | "awayUntil">, now: Date): AgentAvailability {
  if (a.availability === "out_of_office" && a.awayUntil !== null && a.awayUntil.getTime() <= now.getTime()) {
    return "online";
  }
  return a.availability;
}

export const atCapacity = (a: Pick<AvailabilityFacts, "capacity" | "workload">) =>
  a.capacity !== null && a.workload >= a.capacity;

export interface EligiblePool<A> {
  /** Who routing may pick: online agents, else away ones. */
  agents: A[];
  /** The pool is made of `away` agents because no online agent was eligible. */
  away: boolean;
}

/**
 * The members routing may give a ticket: active, under capacity and online
 * (out of office past their return counts as online); `away` members only
 * when no online member qualifies. Offline and out-of-office agents never.
 */
export function eligiblePool<A extends AvailabilityFacts>(members: readonly A[], now: Date): EligiblePool<A> {
  const open = members.filter((a) => a.active && !atCapacity(a));
  const online = open.filter((a) => availabilityAt(a, now) === "online");
  if (online.length > 0) return { agents: online, away: false };
  const away = open.filter((a) => availabilityAt(a, now) === "away");
  return { agents: away, away: away.length > 0 };
}

/** Why a team lead cannot take a critical ticket; undefined when they can (capacity does not stop them). */
export function leadUnavailability(
  lead: (Pick<AvailabilityFacts, "active" | "availability" | "awayUntil"> & { name: string }) | undefined,
  now: Date,
): string | undefined {
  if (!lead) return "the team has no lead";
  if (!lead.active) return "the team has no active lead";
  const status = availabilityAt(lead, now);
  if (status === "offline") return `team lead ${lead.name} is offline`;
  if (status === "out_of_office") return `team lead ${lead.name} is out of office`;
  return undefined;
}
