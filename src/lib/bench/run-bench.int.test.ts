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
      queryRounds: 4,
      idleWaitMs: 50,
      onProgress: (p: BenchProgress) => phases.add(p.phase),
    });
    expect(result.engine).toBe("pglite");
    const d = result.details.dataset;
    expect(d.tickets).toBe(600);
    // The opening event and message, then ~3 replies and notes per ticket; every text searchable.
    expect(d.timeline_entries).toBeGreaterThan(600 * 4.4);
    expect(d.timeline_entries).toBeLessThan(600 * 5.6);
    expect(d.timeline_entries - d.messages - d.notes).toBe(600);
    expect(d.notes).toBeGreaterThan(0);
    expect(d.searchable_tickets).toBe(600);
    expect(d.searchable_entries).toBe(d.messages + d.notes);
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
    // Issue 8: structured queries, full-text search and autocomplete, every kind measured and found.
    for (const [key, details, perRound] of [
      ["query_p95_ms", result.details.query, 8],
      ["search_p95_ms", result.details.search, 9],
      ["autocomplete_p95_ms", result.details.autocomplete, 7],
    ] as const) {
      expect(result.targets.checks[key]).toBeDefined();
      expect(details?.calls).toBe(4 * perRound);
      expect(details?.worst.length).toBeGreaterThan(0);
    }
    expect(Object.keys(result.details.search?.p95_by_kind_ms ?? {})).toHaveLength(9);
    // Searches find something: the order number names exactly one ticket, common words fill the page.
    const searched = (result.details.search?.worst ?? []).filter((w) => (w.hits ?? 0) > 0);
    expect(searched.length).toBeGreaterThan(0);
    expect([...phases]).toEqual(
      expect.arrayContaining([
        "people",
        "load",
        "vacuum",
        "queue",
        "breached",
        "report",
        "query",
        "search",
        "autocomplete",
        "health",
        "engine",
        "email",
        "notify",
        "create",
      ]),
    );
    // Issue 6: every ticket got a clock and a schedule; both bursts were processed in full.
    const engine = result.details.engine;
    expect(engine?.clocks).toBe(d.tickets);
    expect(engine?.sla_burst.processed).toBe(engine?.sla_burst.due);
    expect(engine?.rules_burst.processed).toBe(engine?.rules_burst.due);
    expect(engine?.rules_burst.due).toBeGreaterThan(0);
    expect(result.targets.checks.assign_p95_ms ?? result.assign_p95_ms).toBeDefined();
    // Issue 5: one Message-ID per ticket to thread against; every SMTP message became a ticket.
    const email = result.details.email;
    expect(email?.message_ids).toBe(d.tickets);
    expect(email?.thread_p95_ms).toBeGreaterThan(0);
    expect(email?.ingest.messages).toBe(100);
    expect(email?.ingest.processed).toBe(100);
    // Issue 7: every assignment fanned out; every reminded agent got one Slack DM.
    const notify = result.details.notify;
    expect(notify?.fanout.events).toBeGreaterThan(0);
    expect(notify?.fanout.in_app).toBeGreaterThan(0);
    expect(notify?.reminders.users).toBeGreaterThan(0);
    expect(notify?.reminders.slack_posts).toBe(notify?.reminders.users);
  }, 180_000);
});
