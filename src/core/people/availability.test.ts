import { describe, expect, it } from "vitest";
import { DomainError } from "../kernel/index.js";
import { nextAvailability } from "./availability.js";

const NOW = new Date("2025-03-03T09:00:00.000Z");
const online = { availability: "online" as const, awayUntil: null };
const ooo = { availability: "out_of_office" as const, awayUntil: new Date("2025-03-10T09:00:00.000Z") };

function fails(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error("expected a DomainError");
}

describe("nextAvailability", () => {
  it("sets out of office with a future return time", () => {
    expect(
      nextAvailability(online, { availability: "out_of_office", awayUntil: "2025-03-05T08:00:00+01:00" }, NOW),
    ).toEqual({ availability: "out_of_office", awayUntil: new Date("2025-03-05T07:00:00.000Z") });
  });

  it("allows out of office until further notice", () => {
    expect(nextAvailability(online, { availability: "out_of_office" }, NOW)).toEqual({
      availability: "out_of_office",
      awayUntil: null,
    });
  });

  it("clears the return time when the agent is online, away or offline again", () => {
    expect(nextAvailability(ooo, { availability: "away" }, NOW)).toEqual({ availability: "away", awayUntil: null });
  });

  it("keeps the stored state when neither field changes, and moves only the return time when asked", () => {
    expect(nextAvailability(ooo, {}, NOW)).toEqual(ooo);
    expect(nextAvailability(ooo, { awayUntil: "2025-03-12T09:00:00Z" }, NOW).awayUntil).toEqual(
      new Date("2025-03-12T09:00:00Z"),
    );
    expect(nextAvailability(ooo, { awayUntil: null }, NOW)).toEqual({ availability: "out_of_office", awayUntil: null });
  });

  it("refuses awayUntil without out_of_office, naming the field", () => {
    const err = fails(() => nextAvailability(online, { awayUntil: "2025-03-05T08:00:00Z" }, NOW));
    expect(err).toMatchObject({ code: "agent.away_until_without_out_of_office", field: "awayUntil" });
    expect(err.message).toMatch(/^awayUntil: .*availability is online/);
    expect(
      fails(() => nextAvailability(ooo, { availability: "away", awayUntil: "2025-03-05T08:00:00Z" }, NOW)).field,
    ).toBe("awayUntil");
  });

  it("refuses a return time that is not in the future", () => {
    for (const when of ["2025-03-03T09:00:00Z", "2025-03-01T00:00:00Z"]) {
      const err = fails(() => nextAvailability(online, { availability: "out_of_office", awayUntil: when }, NOW));
      expect(err).toMatchObject({ code: "agent.away_until_past", field: "awayUntil" });
    }
  });
});
