/**
 * `helpline calendars …` as a user runs it: real processes on one shared store
 * (a temporary embedded data directory, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set). The tests run in order and build on each other.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk } from "../../src/lib/index.js";
import { runCli } from "../cli/run-cli.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";

const FEED = fileURLToPath(new URL("../fixtures/calendars/berlin-2026.ics", import.meta.url));

describe(`helpline calendars (${engineUnderTest})`, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  const run = (...args: string[]) => runCli([...target, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-calendars-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
    // Migrated here (hook time) rather than by the first command.
    const desk = await createHelpdesk({ database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: dir }, migrate: true });
    await desk.close();
  });

  afterAll(async () => {
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("creates a calendar from --tz and --hours, the first one being the default", async () => {
    const res = await run(
      "calendars",
      "create",
      "Berlin office",
      "--tz",
      "Europe/Berlin",
      "--hours",
      "mon-thu 09:00-12:00,13:00-18:00",
      "--hours",
      "fri 09:00-15:00",
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Created calendar "Berlin office"');
    expect(res.stdout).toContain("mon-thu 09:00-12:00,13:00-18:00; fri 09:00-15:00");
    expect(res.stdout).toMatch(/Default\s+yes/);
  });

  it("creates one from a JSON file, flags overriding it, and lists them as JSON and as a table", async () => {
    const file = join(dir, "night.json");
    writeFileSync(
      file,
      JSON.stringify({
        timeZone: "UTC",
        hours: { sat: [{ start: "10:00", end: "14:00" }] },
        holidays: [{ yearly: "12-25" }],
      }),
    );
    const created = await run("--json", "calendars", "create", "Weekend desk", "--file", file, "--tz", "Asia/Tokyo");
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: "Weekend desk",
      timeZone: "Asia/Tokyo",
      isDefault: false,
      holidays: [{ yearly: "12-25" }],
    });
    const listed = await run("calendars", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/Berlin office\s+yes\s+Europe\/Berlin\s+mon-thu 09:00-12:00,13:00-18:00; fri/);
    expect(listed.stdout).toMatch(/Weekend desk\s+Asia\/Tokyo\s+sat 10:00-14:00\s+1/);
  });

  it("imports the holidays of an .ics file and says what it left out", async () => {
    const res = await run("calendars", "import-holidays", "berlin OFFICE", FEED);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Berlin office: 9 holidays added, 0 already there (9 in all)");
    expect(res.stdout).toContain("line 35: cancelled event");
    const json = await run("--json", "calendars", "import-holidays", "Berlin office", FEED, "--replace");
    expect(JSON.parse(json.stdout)).toMatchObject({ added: 0, skipped: 9, removed: 0 });
  });

  it("explains bad hours, zones, files and feeds with the field at fault and a failing exit code", async () => {
    const hours = await run("calendars", "create", "Bad", "--hours", "mon-fri 9-5");
    expect(hours.code).not.toBe(0);
    expect(hours.stderr).toMatch(/--hours "mon-fri 9-5": "9-5" is not a range of times.*\(field: hours\)/);
    const zone = await run("calendars", "create", "Bad", "--tz", "Berlin");
    expect(zone.stderr).toMatch(/timeZone: must be an IANA time zone/);
    const missing = await run("calendars", "import-holidays", "Berlin office", join(dir, "nope.ics"));
    expect(missing.stderr).toMatch(/cannot read .*nope\.ics: no such file/);
    const notIcs = join(dir, "notes.ics");
    writeFileSync(notIcs, "just some notes\n");
    const feed = await run("calendars", "import-holidays", "Berlin office", notIcs);
    expect(feed.stderr).toMatch(/ics: no holiday found/);
  });
});
