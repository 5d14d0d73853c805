/** `runBench` with its HTTP part, served in-process (the embedded engine allows one process). */
import { describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import { type BenchHttpServerFactory, runBench } from "../../src/lib/index.js";

const inProcess: BenchHttpServerFactory = async ({ desk }) => {
  const app = await buildServer({ desk, logLevel: "silent", rateLimitPerMinute: 1_000_000 });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return { baseUrl: address, sameProcess: true, description: "in-process test server", close: () => app.close() };
};

describe("runBench --http", () => {
  it("lists and creates tickets over HTTP with a minted token and reports the HTTP targets", async () => {
    const phases = new Set<string>();
    const result = await runBench({
      tickets: 300,
      create: 10,
      writers: 2,
      chunkSize: 150,
      idleWaitMs: 10,
      http: inProcess,
      httpSeconds: 1,
      httpWarmupSeconds: 0,
      httpConnections: 4,
      onProgress: (p) => phases.add(p.phase),
    });
    const http = result.details.http;
    expect(http).toBeDefined();
    expect(result.http_same_process).toBe(true);
    expect(http?.sockets_opened).toBe(4);
    expect(http?.list.failures).toEqual({});
    expect(http?.create.failures).toEqual({});
    expect(http?.list.requests).toBeGreaterThan(0);
    expect(http?.create.requests).toBeGreaterThan(0);
    expect(Object.keys(http?.list.p95_by_filter_ms ?? {}).sort()).toEqual(
      ["assignee", "default", "next_page", "priority", "team", "unassigned"].sort(),
    );
    expect(result.http_list_p95_ms).toBeGreaterThan(0);
    expect(result.http_create_req_per_s).toBeGreaterThan(0);
    // The HTTP targets belong to the PostgreSQL profile only.
    expect(result.targets.checks.http_list_p95_ms).toBeUndefined();
    expect([...phases]).toEqual(expect.arrayContaining(["http list", "http create"]));
  });
});
