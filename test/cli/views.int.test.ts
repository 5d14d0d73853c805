/**
 * `helpline views …` and `helpline tickets list --view` as a user runs them:
 * real processes on one shared store (a temporary embedded data directory, or
 * a fresh PostgreSQL database when TEST_DATABASE_URL is set). The tests run in
 * order and build on each other's agents, tickets and views.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { runCli } from "./run-cli.js";

const cli = (args: string[], timeoutMs = 45_000) => runCli(args, {}, timeoutMs);

interface ViewJson {
  name: string;
  visibility: string;
  count: number | null;
  capped: boolean;
  error: string | null;
}

describe(`helpline views (${engineUnderTest})`, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  const run = (...args: string[]) => cli([...target, ...args]);
  const asAnn = (...args: string[]) => run("--as", "ann@example.com", ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-views-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
    // Seeded through the library in this process: one database open instead of five CLI runs.
    const desk = await createHelpdesk({ database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: dir }, migrate: true });
    try {
      await desk.people.createAgent({ email: "lead@example.com", name: "Lead", role: "manager" });
      await desk.people.createAgent({ email: "ann@example.com", name: "Ann" });
      await desk.tickets.create({ subject: "Printer on fire", tags: ["vip"], assignee: "ann@example.com" });
      await desk.tickets.create({ subject: "Scanner jams", tags: ["vip"] });
      await desk.tickets.create({ subject: "Password reset" });
    } finally {
      await desk.close();
    }
  });

  afterAll(async () => {
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("saves a personal view for the --as agent", async () => {
    const res = await asAnn("views", "create", "VIP", "-q", "tag: vip");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('Saved view "VIP": tag: vip\n');
  });

  it("refuses a bad query with exit 2 and underlines the problem", async () => {
    const res = await asAnn("views", "create", "Typo", "-q", "stauts: open");
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain("stauts");
    expect(res.stderr).toContain("  stauts: open\n  ^^^^^^");
  });

  it("refuses to share with the workspace for an agent (exit 5) and without --as (exit 2)", async () => {
    const agent = await asAnn("views", "create", "Everyone", "-q", "status: active", "--share", "workspace");
    expect(agent.code).toBe(5);
    expect(agent.stderr).toContain("share");
    const nobody = await run("views", "create", "Everyone", "-q", "status: active");
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain("--as");
    const badShare = await asAnn("views", "create", "Odd", "-q", "", "--share", "everyone");
    expect([badShare.code, badShare.stderr]).toEqual([2, expect.stringContaining("(field: share)")]);
    const noTeam = await asAnn("views", "create", "Team", "-q", "", "--share", "team:Nowhere");
    expect(noTeam.code).toBe(3);
  });

  it("lets a manager share a view with the workspace", async () => {
    const res = await run(
      ...["--as", "lead@example.com", "views", "create", "Everyone", "-q", "status: active"],
      ...["--share", "workspace"],
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("shared with the workspace");
  });

  it("lists the agent's views with live counts, as a table and as JSON", async () => {
    const res = await asAnn("views", "list");
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+SHARED WITH\s+TICKETS\s+QUERY$/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/).slice(0, 3))).toEqual([
      ["Everyone", "workspace", "3"],
      ["VIP", "personal", "2"],
    ]);
    const json = await asAnn("views", "list", "--json");
    const items = (JSON.parse(json.stdout) as { items: ViewJson[] }).items;
    expect(items.map((v) => [v.name, v.count, v.capped, v.error])).toEqual([
      ["Everyone", 3, false, null],
      ["VIP", 2, false, null],
    ]);
    const lead = await run("--as", "lead@example.com", "--json", "views", "list");
    expect((JSON.parse(lead.stdout) as { items: ViewJson[] }).items.map((v) => v.name)).toEqual(["Everyone"]);
  });

  it("lists a view's tickets with tickets list --view", async () => {
    const res = await asAnn("tickets", "list", "--view", "VIP", "--json");
    expect(res.code, res.stderr).toBe(0);
    const subjects = (JSON.parse(res.stdout) as { items: { subject: string }[] }).items.map((t) => t.subject);
    expect(subjects.sort()).toEqual(["Printer on fire", "Scanner jams"]);
    const mixed = await asAnn("tickets", "list", "--view", "VIP", "--status", "open");
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringContaining("--view")]);
    const hidden = await run("--as", "lead@example.com", "tickets", "list", "--view", "VIP");
    expect(hidden.code).toBe(3);
  });

  it("deletes a view by name, and exits 3 for a view it cannot find", async () => {
    const res = await asAnn("views", "delete", "VIP");
    expect([res.code, res.stdout]).toEqual([0, 'Deleted view "VIP"\n']);
    const again = await asAnn("views", "delete", "VIP");
    expect(again.code).toBe(3);
    expect(again.stderr).toContain("VIP");
  });
});
