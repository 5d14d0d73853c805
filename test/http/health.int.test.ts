/**
 * GET /health, in process (Fastify inject): 200 with the engine, version and
 * migration state when the database answers, 503 with the reason when it is
 * gone, and no queueing behind a slow query. Runs on PGlite in memory, or on
 * a fresh PostgreSQL database when TEST_DATABASE_URL is set.
 */
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
const journal = JSON.parse(readFileSync(new URL("../../drizzle/meta/_journal.json", import.meta.url), "utf8")) as {
  entries: { tag: string }[];
};

interface HealthBody {
  status: string;
  database: string;
  version: string;
  migrations: { applied: number; pending: number; latest: string | null } | null;
  error?: string;
}

describe("GET /health", () => {
  let testDesk: TestDesk;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDesk = await openTestDesk();
    app = await buildServer({ desk: testDesk.desk, logLevel: "silent" });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await testDesk?.close();
  });

  it("answers 200 with the engine under test, the package version and a fully migrated schema", async () => {
    const res = await app.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json<HealthBody>()).toEqual({
      status: "ok",
      database: engineUnderTest,
      version: pkg.version,
      migrations: { applied: journal.entries.length, pending: 0, latest: journal.entries.at(-1)?.tag },
    });
  });

  it("tells caches and proxies not to store the answer", async () => {
    const res = await app.inject({ method: "GET", url: "/health" });
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("keeps answering 200 quickly while a slow query occupies the database", async () => {
    const slow = testDesk.desk.database.executeSql("select pg_sleep(1.5)");
    const slowStarted = performance.now();
    // Let the slow query reach the database first (as the bench does). A probe in the very same
    // millisecond still queues behind it on PGlite: ping() reads a 0 ms wait as "idle".
    await new Promise((resolve) => setTimeout(resolve, 5));
    const timings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const res = await app.inject({ method: "GET", url: "/health" });
      timings.push(performance.now() - started);
      expect(res.statusCode).toBe(200);
      expect(res.json<HealthBody>().status).toBe("ok");
    }
    // The probes really overlapped the slow query: it was still running when they finished.
    const probesDone = performance.now() - slowStarted;
    await slow;
    expect(probesDone).toBeLessThan(1500);
    expect(Math.max(...timings)).toBeLessThan(500);
  });
});

describe("GET /health when the database is gone", () => {
  let testDesk: TestDesk;
  let app: FastifyInstance;

  beforeAll(async () => {
    testDesk = await openTestDesk();
    app = await buildServer({ desk: testDesk.desk, logLevel: "silent" });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await testDesk?.close();
  });

  it("answers 503 with status unavailable and the reason", async () => {
    const before = await app.inject({ method: "GET", url: "/health" });
    expect(before.statusCode).toBe(200);

    if (engineUnderTest === "postgres") {
      const url = new URL(testDesk.db.url ?? "");
      const name = url.pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`drop database ${name} with (force)`);
      } finally {
        await admin.end();
      }
    } else {
      await testDesk.desk.database.close();
    }

    const res = await app.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json<HealthBody>();
    expect(body).toMatchObject({ status: "unavailable", database: engineUnderTest, version: pkg.version });
    expect(body.error).toEqual(expect.any(String));
    expect(body.error?.length).toBeGreaterThan(0);
  });
});
