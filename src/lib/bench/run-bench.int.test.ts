import { describe, expect, it } from "vitest";
import { runBench } from "./run-bench.js";
import type { BenchProgress } from "./types.js";

describe("runBench on the embedded database", () => {
  it("loads a consistent dataset, measures every path and reports the targets", async () => {
    const phases = new Set<string>();
    const result = await runBench({
      tickets: 600,
      create: 30,
      writers: 3,
      chunkSize: 250,
      idleWaitMs: 50,
      onProgress: (p: BenchProgress) => phases.add(p.phase),
    });
    expect(result.engine).toBe("pglite");
    const d = result.details.dataset;
    expect(d.tickets).toBe(600);
    expect(d.timeline_entries).toBe(1200);
    expect(d.active).toBeGreaterThan(60);
    expect(d.active).toBeLessThan(300);
    expect(d.ticket_transitions).toBeGreaterThan(d.tickets - d.active);
    // Creates after the bulk load got fresh numbers (the sequence was moved past it).
    expect(result.create_sample).toBe(30);
    expect(result.create_tickets_per_s).toBeGreaterThan(0);
    expect(result.details.queue_calls).toBeGreaterThanOrEqual(200);
    expect(result.details.breached_calls).toBeGreaterThanOrEqual(100);
    expect(result.details.report_7d_runs_ms).toHaveLength(5);
    expect(result.details.health_failures).toBe(0);
    expect(result.details.slow_query_ms).toBeGreaterThanOrEqual(900);
    expect(result.targets.checks.queue_p95_ms).toBeDefined();
    expect([...phases]).toEqual(
      expect.arrayContaining(["people", "load", "vacuum", "queue", "breached", "report", "health", "create"]),
    );
  });
});
