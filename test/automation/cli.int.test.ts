/**
 * `helpline rules …` as a user runs it: real processes on a shared store (a
 * temporary embedded data directory, or a fresh PostgreSQL database).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk } from "../../src/lib/index.js";
import { runCli } from "../cli/run-cli.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";

describe(`helpline rules (${engineUnderTest})`, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  let ticket: string;
  const run = (...args: string[]) => runCli([...target, ...args], {}, 60_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-rules-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
    const desk = await createHelpdesk({
      database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: dir },
      migrate: true,
    });
    ticket = (await desk.tickets.create({ subject: "Printer", tags: ["vip"] })).number;
    await desk.close();
    writeFileSync(
      join(dir, "rule.json"),
      JSON.stringify({
        name: "Tag VIP",
        trigger: { type: "event", events: ["ticket.created"] },
        condition: "tag: vip",
        actions: [{ type: "add_tag", tags: ["gold"] }],
      }),
    );
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({
        name: "Bad",
        trigger: { type: "event", events: ["ticket.created"] },
        actions: [{ type: "add_note", body: "{{oops}}" }],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await pgDb?.drop();
  });

  it("lists the default rules, creates one from a file, shows, tests, disables and deletes it", async () => {
    const listed = await run("rules", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("Resolved for 3 days → auto-close");
    expect(listed.stdout).toContain("3 d after status_changed");

    const created = await run("rules", "create", "--file", join(dir, "rule.json"));
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created rule "Tag VIP"');

    const tested = await run("--json", "rules", "test", "Tag VIP", ticket);
    expect(tested.code).toBe(0);
    const dry = JSON.parse(tested.stdout);
    expect(dry).toMatchObject({ wouldFire: true, actions: [{ summary: "added tag gold", changed: true }] });

    const disabled = await run("rules", "disable", "tag vip");
    expect(disabled.stdout).toContain('Rule "Tag VIP" is disabled');
    const shown = await run("rules", "show", "Tag VIP");
    expect(shown.stdout).toContain("Tag VIP (disabled)");
    expect(shown.stdout).toContain("condition: tag: vip");

    const deleted = await run("rules", "delete", "Tag VIP");
    expect(deleted.stdout).toContain('Deleted rule "Tag VIP"');
    const firings = await run("rules", "firings", ticket);
    expect(firings.stdout).toContain("No firings.");
  }, 180_000);

  it("refuses a rule with an unknown placeholder, naming the field", async () => {
    const bad = await run("rules", "create", "--file", join(dir, "bad.json"));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("actions.0.body: unknown placeholder {{oops}}");
  }, 60_000);
});
