/**
 * `helpline classify` as a user runs it: a real process on a temporary
 * embedded data directory, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { runCli } from "./run-cli.js";

/** Seed 004's curl example, verbatim. */
const SUBJECT = "URGENT: Database connection failed";
const DESCRIPTION = "Our production database is down and customers cannot access their accounts. This is critical!";

describe(`helpline classify (${engineUnderTest})`, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  const run = (...args: string[]) => runCli([...target, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-classify-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
  });

  afterAll(async () => {
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the verdict and, line by line, the words behind it", async () => {
    const res = await run("classify", "--subject", SUBJECT, "--description", DESCRIPTION);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(EXIT.ok);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("priority critical · category technical · sentiment negative · resolve within 4 h");
    expect(lines).toContain("Why:");
    expect(res.stdout).toMatch(/^ {2}- urgency critical: .*"urgent" \(high \+2\)/m);
    expect(res.stdout).toMatch(/^ {2}- category technical \(confidence 0\.7\): .*database/m);
    expect(res.stdout).toMatch(/^ {2}- sentiment negative \(score -6, .*"critical" -2/m);
    expect(res.stdout).toContain("  - estimated resolution 4 h (default SLA policy: critical → 4 h)");
  }, 60_000);

  it("prints the whole classification as JSON with --json, and flags an angry customer", async () => {
    const res = await run("--json", "classify", "-s", "THIS IS RIDICULOUS", "-d", "Still broken!!! Fix it NOW.");
    expect(res.code).toBe(EXIT.ok);
    const body = JSON.parse(res.stdout);
    expect(body).toMatchObject({ angry: true, sentiment: { label: "negative" } });
    expect(body.angryReasons[0]).toBe('strongly negative word "ridiculous" (-3)');
    expect(body.explanation).toEqual(expect.arrayContaining([expect.stringMatching(/^angry: /)]));
  }, 60_000);

  it("requires --subject", async () => {
    const res = await run("classify", "--description", "no subject");
    expect(res.code).toBe(EXIT.invalid);
    expect(res.stderr).toMatch(/--subject/);
  }, 60_000);
});
