import type { AgentAvailability } from "../../../common/enums.js";
import { invalid } from "../kernel/index.js";

/**
 * The availability and return time an agent ends up with after a change:
 * `awayUntil` only with `out_of_office` and in the future; any other
 * availability clears it. `current` is the stored state (for a partial update).
 */
export function nextAvailability(
  current: { availability: AgentAvailability; awayUntil: Date | null },
  change: { availability?: AgentAvailability | undefined; awayUntil?: string | null | undefined },
  now: Date,
): { availability: AgentAvailability; awayUntil: Date | null } {
  const availability = change.availability ?? current.availability;
  if (change.awayUntil === undefined || change.awayUntil === null) {
    const keep = change.availability === undefined && change.awayUntil === undefined;
    return { availability, awayUntil: availability === "out_of_office" && keep ? current.awayUntil : null };
  }
  if (availability !== "out_of_office") {
    throw invalid(
      "agent.away_until_without_out_of_office",
      `awayUntil: only an out_of_office agent has a return time (availability is ${availability}).`,
      "awayUntil",
    );
  }
  const awayUntil = new Date(change.awayUntil);
  if (awayUntil.getTime() <= now.getTime()) {
    throw invalid(
      "agent.away_until_past",
      `awayUntil: must be in the future (now is ${now.toISOString()}).`,
      "awayUntil",
    );
  }
  return { availability, awayUntil };
}
