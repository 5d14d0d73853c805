import { describe, expect, it } from "vitest";
import { median, percentile, round } from "./stats.js";
import { evaluateTargets } from "./targets.js";

describe("percentile", () => {
  it("uses the nearest rank", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 50)).toBe(7);
  });

  it("is 0 without samples", () => {
    expect(percentile([], 95)).toBe(0);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("round", () => {
  it("rounds to the given digits", () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.25, 1)).toBe(1.3);
  });
});

describe("evaluateTargets", () => {
  const good = {
    tickets: 1_000_000,
    queue_p95_ms: 4,
    breached_p95_ms: 5,
    report_7d_ms: 120,
    create_tickets_per_s: 2500,
    rss_mb_idle: 120,
    health_p99_ms_during_slow_query: 3,
  };

  it("checks PostgreSQL runs against the 1,000,000-ticket targets", () => {
    const t = evaluateTargets("postgres", good);
    expect(Object.keys(t.checks).sort()).toEqual(
      [
        "breached_p95_ms",
        "create_tickets_per_s",
        "health_p99_ms_during_slow_query",
        "queue_p95_ms",
        "report_7d_ms",
        "rss_mb_idle",
      ].sort(),
    );
    expect(t.all_met).toBe(true);
    expect(t.at_target_scale).toBe(true);
  });

  it("marks a missed minimum and a missed maximum", () => {
    const t = evaluateTargets("pglite", { ...good, tickets: 20_000, create_tickets_per_s: 100, queue_p95_ms: 15.01 });
    expect(t.checks.create_tickets_per_s).toEqual({ min: 800, value: 100, met: false });
    expect(t.checks.queue_p95_ms?.met).toBe(false);
    expect(t.checks.breached_p95_ms).toBeUndefined();
    expect(t.at_target_scale).toBe(false);
    expect(t.all_met).toBe(false);
  });
});
