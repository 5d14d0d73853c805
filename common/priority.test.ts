import { describe, expect, it } from "vitest";
import { LEVELS, type Level } from "./enums.js";
import { effectivePriority, escalateLevels, levelNumber, levelOf } from "./priority.js";

const pairs: [Level, Level][] = LEVELS.flatMap((u) => LEVELS.map((i): [Level, Level] => [u, i]));
const n = (l: Level) => levelNumber(l);
/** One step towards critical, or undefined at critical. */
const raise = (l: Level): Level | undefined => LEVELS[LEVELS.indexOf(l) - 1];

describe("levelNumber and levelOf", () => {
  it("number the levels 1 critical, 2 high, 3 medium, 4 low as in seed 002", () => {
    expect(levelNumber("critical")).toBe(1);
    expect(levelNumber("high")).toBe(2);
    expect(levelNumber("medium")).toBe(3);
    expect(levelNumber("low")).toBe(4);
  });

  it("round-trip every level and every priority number", () => {
    for (const level of LEVELS) expect(levelOf(levelNumber(level))).toBe(level);
    for (const p of [1, 2, 3, 4]) expect(levelNumber(levelOf(p))).toBe(p);
  });

  it("reject priority numbers outside 1..4", () => {
    expect(() => levelOf(0)).toThrow(RangeError);
    expect(() => levelOf(5)).toThrow(RangeError);
    expect(() => levelOf(-1)).toThrow(RangeError);
    expect(() => levelOf(0)).toThrow(/1\.\.4, got 0/);
    expect(() => levelOf(5)).toThrow(/1\.\.4, got 5/);
  });
});

describe("effectivePriority", () => {
  it("covers all 16 urgency × importance pairs", () => {
    expect(pairs).toHaveLength(16);
    for (const [u, i] of pairs) expect(LEVELS).toContain(effectivePriority(u, i));
  });

  it("equals the level when urgency and importance agree", () => {
    for (const level of LEVELS) expect(effectivePriority(level, level)).toBe(level);
  });

  it("is symmetric in urgency and importance", () => {
    for (const [u, i] of pairs) {
      expect(effectivePriority(u, i), `${u} × ${i}`).toBe(effectivePriority(i, u));
    }
  });

  it("never lowers the priority when urgency rises", () => {
    for (const [u, i] of pairs) {
      const higher = raise(u);
      if (!higher) continue;
      expect(n(effectivePriority(higher, i)), `${u}→${higher} × ${i}`).toBeLessThanOrEqual(n(effectivePriority(u, i)));
    }
  });

  it("never lowers the priority when importance rises", () => {
    for (const [u, i] of pairs) {
      const higher = raise(i);
      if (!higher) continue;
      expect(n(effectivePriority(u, higher)), `${u} × ${i}→${higher}`).toBeLessThanOrEqual(n(effectivePriority(u, i)));
    }
  });

  it("stays between the two dimensions it combines", () => {
    for (const [u, i] of pairs) {
      const p = n(effectivePriority(u, i));
      expect(p, `${u} × ${i}`).toBeGreaterThanOrEqual(Math.min(n(u), n(i)));
      expect(p, `${u} × ${i}`).toBeLessThanOrEqual(Math.max(n(u), n(i)));
    }
  });

  it("matches the documented matrix", () => {
    const expected: Record<Level, Level[]> = {
      critical: ["critical", "critical", "high", "medium"],
      high: ["critical", "high", "high", "medium"],
      medium: ["high", "high", "medium", "low"],
      low: ["medium", "medium", "low", "low"],
    };
    for (const u of LEVELS) {
      expect(
        LEVELS.map((i) => effectivePriority(u, i)),
        u,
      ).toEqual(expected[u]);
    }
  });
});

describe("escalateLevels", () => {
  it("raises the effective priority by exactly one level for every non-critical pair", () => {
    const nonCritical = pairs.filter(([u, i]) => effectivePriority(u, i) !== "critical");
    expect(nonCritical.length).toBeGreaterThan(0);
    for (const [u, i] of nonCritical) {
      const before = n(effectivePriority(u, i));
      const after = escalateLevels(u, i);
      expect(n(effectivePriority(after.urgency, after.importance)), `${u} × ${i}`).toBe(before - 1);
    }
  });

  it("never lowers urgency or importance while escalating", () => {
    for (const [u, i] of pairs) {
      const after = escalateLevels(u, i);
      expect(n(after.urgency), `${u} × ${i}`).toBeLessThanOrEqual(n(u));
      expect(n(after.importance), `${u} × ${i}`).toBeLessThanOrEqual(n(i));
    }
  });

  it("leaves a critical pair unchanged", () => {
    const critical = pairs.filter(([u, i]) => effectivePriority(u, i) === "critical");
    expect(critical.length).toBeGreaterThan(0);
    for (const [u, i] of critical) {
      expect(escalateLevels(u, i), `${u} × ${i}`).toEqual({ urgency: u, importance: i });
    }
  });

  it("raises the lower dimension first", () => {
    expect(escalateLevels("critical", "low")).toEqual({ urgency: "critical", importance: "medium" });
    expect(escalateLevels("low", "critical")).toEqual({ urgency: "medium", importance: "critical" });
  });

  it("reaches critical from low × low in three escalations", () => {
    let state = { urgency: "low" as Level, importance: "low" as Level };
    const seen: Level[] = [];
    for (let k = 0; k < 3; k++) {
      state = escalateLevels(state.urgency, state.importance);
      seen.push(effectivePriority(state.urgency, state.importance));
    }
    expect(seen).toEqual(["medium", "high", "critical"]);
  });
});
