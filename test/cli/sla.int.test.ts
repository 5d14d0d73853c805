/**
 * `helpline sla …` as a user runs it: real processes on one shared store (a
 * temporary embedded data directory, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set). The tests run in order and build on each other.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { runCli } from "./run-cli.js";

interface PolicyJson {
  name: string;
  builtIn: boolean;
  enabled: boolean;
}

describe(`helpline sla (${engineUnderTest})`, { timeout: 120_000 }, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  const run = (...args: string[]) => runCli([...target, ...args]);
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === "string" ? body : JSON.stringify(body));
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-sla-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", join(dir, "data")];
    }
    const desk = await createHelpdesk({
      database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: join(dir, "data") },
      migrate: true,
    });
    try {
      await desk.people.createAgent({ email: "ann@example.com", name: "Ann" });
      await desk.tickets.create({ subject: "Printer on fire", priority: "high", tags: ["vip"] });
      // What the worker does in the background: the SLA listener starts the ticket's clocks.
      await desk.runPending();
    } finally {
      await desk.close();
    }
  });

  afterAll(async () => {
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lists only the built-in default when the workspace has no policy", async () => {
    const res = await run("sla", "policies");
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^#\s+NAME\s+CONDITION\s+TARGETS\s+PAUSED IN\s+ESCALATION LEVELS$/);
    expect(lines).toHaveLength(3);
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      "last",
      "Default (seed 002)",
      "(when no policy matches)",
      "resolution by priority 4/24/72/168 h",
      "pending_customer, on_hold",
      "1: at breach notify · 2: +2 h raise_priority, notify · 3: +8 h notify",
    ]);
  });

  it("shows a ticket's clocks under the default policy", async () => {
    const res = await run("sla", "show", "TKT-1001");
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("TKT-1001 · SLA policy Default (seed 002) (built in) · escalation level 0");
    expect(lines[1]).toMatch(/^CLOCK\s+STATE\s+TARGET\s+DUE \(UTC\)\s+REMAINING\s+RESULT$/);
    const cells = lines[3]?.split(/\s{2,}/);
    expect(cells?.slice(0, 3)).toEqual(["resolution", "running", "24 h"]);
    expect(cells?.[3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(cells?.[4]).toMatch(/^2[34] h( \d+ min)?$/);
    expect(cells?.[5]).toBe("on track");
  });

  it("adds a policy from a JSON file and re-evaluates the open tickets", async () => {
    const path = file("premium.json", {
      name: "Premium",
      condition: "tag: vip",
      targets: {
        firstResponse: { minutes: 60 },
        resolution: { byPriority: { critical: 240, high: 480, medium: 1440, low: 2880 }, business: false },
      },
      escalations: [
        { afterBreachMinutes: 0, actions: [{ type: "escalate" }] },
        { afterBreachMinutes: 60, actions: [{ type: "notify", to: { managers: true }, message: "Breached" }] },
      ],
    });
    const res = await run("sla", "policies", "add", "--file", path);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe(
      'Added SLA policy "Premium" (position 0): first response 1 h (business) · resolution by priority 4/8/24/48 h\n',
    );
    const list = await run("sla", "policies", "list");
    const rows = list.stdout.trimEnd().split("\n").slice(2);
    expect(rows.map((l) => l.split(/\s{2,}/))).toEqual([
      [
        "0",
        "Premium",
        "tag: vip",
        "first response 1 h (business) · resolution by priority 4/8/24/48 h",
        "pending_customer, on_hold",
        "1: at breach escalate · 2: +1 h notify",
      ],
      expect.arrayContaining(["last", "Default (seed 002)"]),
    ]);
    const show = await run("--json", "sla", "show", "TKT-1001");
    const sla = JSON.parse(show.stdout);
    expect(sla).toMatchObject({ number: "TKT-1001", policy: { name: "Premium" }, escalationLevel: 0 });
    expect(sla.clocks.map((c: { metric: string; targetMinutes: number }) => [c.metric, c.targetMinutes])).toEqual([
      ["first_response", 60],
      ["resolution", 480],
    ]);
  });

  it("refuses bad files and bad policies with the field named and a meaningful exit code", async () => {
    const unknown = await run("sla", "policies", "add", "--file", file("bad.json", { ...fresh(), colour: "red" }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("(field: colour)");
    const both = await run(
      ...["sla", "policies", "add", "--file"],
      file("both.json", {
        name: "Both",
        targets: { resolution: { minutes: 60, byPriority: { critical: 1, high: 2, medium: 3, low: 4 } } },
      }),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("either minutes or byPriority");
    const notJson = await run("sla", "policies", "add", "--file", file("not.json", "{ name: X"));
    expect([notJson.code, notJson.stderr]).toEqual([2, expect.stringMatching(/not valid JSON .*\(field: file\)/)]);
    const missing = await run("sla", "policies", "add", "--file", join(dir, "nowhere.json"));
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("cannot read it")]);
    const typo = await run(
      "sla",
      "policies",
      "add",
      "--file",
      file("typo.json", { ...taken(), condition: "stauts: open" }),
    );
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("  stauts: open\n  ^^^^^^");
    const duplicate = await run("sla", "policies", "add", "--file", file("dup.json", taken()));
    expect([duplicate.code, duplicate.stderr]).toEqual([4, expect.stringContaining('"Premium" already exists')]);
    const agent = await run("--as", "ann@example.com", "sla", "policies", "add", "--file", file("ann.json", fresh()));
    expect(agent.code).toBe(5);
    const noTicket = await run("sla", "show", "TKT-9999");
    expect(noTicket.code).toBe(3);
  });

  it("updates only the fields in the file; a disabled policy no longer applies", async () => {
    const res = await run("sla", "policies", "update", "premium", "--file", file("off.json", { enabled: false }));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Updated SLA policy "Premium"');
    const json = await run("--json", "sla", "policies");
    const items = (JSON.parse(json.stdout) as { items: PolicyJson[] }).items;
    expect(items.map((p) => [p.name, p.builtIn, p.enabled])).toEqual([
      ["Premium", false, false],
      ["Default (seed 002)", true, true],
    ]);
    const list = await run("sla", "policies");
    expect(list.stdout).toContain("Premium (disabled)");
    const show = await run("sla", "show", "TKT-1001");
    expect(show.stdout.split("\n")[0]).toContain("Default (seed 002)");
  });

  it("removes a policy by name, and exits 3 for one it cannot find", async () => {
    const res = await run("sla", "policies", "remove", "Premium");
    expect([res.code, res.stdout]).toEqual([0, 'Removed SLA policy "Premium" (1 open ticket re-evaluated)\n']);
    const again = await run("sla", "policies", "remove", "Premium");
    expect(again.code).toBe(3);
    expect(again.stderr).toContain("Premium");
  });
});

/** A policy whose name is already taken. */
const taken = () => ({ name: "Premium", targets: { resolution: { minutes: 60 } } });
const fresh = () => ({ name: "Agent's own", targets: { resolution: { minutes: 60 } } });
