import { describe, expect, it } from "vitest";
import { duration } from "./explain.js";

const MIN = 60_000;

describe("duration (dry-run wording)", () => {
  it("says the largest whole units", () => {
    expect(duration(MIN)).toBe("1 minute");
    expect(duration(45 * MIN)).toBe("45 minutes");
    expect(duration(60 * MIN)).toBe("1 hour");
    expect(duration(90 * MIN)).toBe("1 hour 30 minutes");
    expect(duration(3 * 1440 * MIN)).toBe("3 days");
    expect(duration((1440 + 120) * MIN)).toBe("1 day 2 hours");
    expect(duration((2 * 1440 + 10) * MIN)).toBe("2 days");
    expect(duration(-2 * 60 * MIN)).toBe("2 hours");
  });
});
