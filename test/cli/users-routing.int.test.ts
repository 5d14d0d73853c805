/**
 * `helpline users availability` and `helpline users capacity`: routing settings
 * of an agent from the command line (real processes, one shared store).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { runCli } from "./run-cli.js";

describe(`helpline users availability / capacity (${engineUnderTest})`, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  const run = (...args: string[]) => runCli([...target, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-cli-users-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
    const created = await run("users", "create", "--email", "ana@example.com", "--name", "Ana");
    expect(created.code).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("sets an agent out of office until a time, and prints it", async () => {
    const res = await run(
      "users",
      "availability",
      "ana@example.com",
      "out_of_office",
      "--until",
      "2099-01-02T09:00:00Z",
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      "Ana <ana@example.com> is out_of_office until 2099-01-02T09:00:00.000Z (no capacity limit)\n",
    );
  });

  it("sets the capacity, with JSON output", async () => {
    const res = await run("--json", "users", "capacity", "ana@example.com", "5");
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      email: "ana@example.com",
      capacity: 5,
      availability: "out_of_office",
    });
  });

  it("refuses a return time with another availability, and a bad capacity, naming the field (exit 2)", async () => {
    const away = await run("users", "availability", "ana@example.com", "away", "--until", "2099-01-02T09:00:00Z");
    expect(away.code).toBe(2);
    expect(away.stderr).toContain("awayUntil");
    const cap = await run("users", "capacity", "ana@example.com", "lots");
    expect(cap.code).toBe(2);
    expect(cap.stderr).toContain("capacity");
  });
});
