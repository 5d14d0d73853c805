/**
 * The `helpline` CLI as a user runs it: real processes (`node --import tsx src/main.ts …`),
 * human output, `--json`, and the documented exit codes. Every command in the file shares one
 * store: a temporary embedded data directory, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set. The tests run in order and build on each other's tickets:
 * TKT-1001 (high), TKT-1002 (high), TKT-1003 (critical, created through the environment variable).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { type Run, runCli } from "./run-cli.js";

const cli = (args: string[], env: Record<string, string> = {}, timeoutMs = 45_000) => runCli(args, env, timeoutMs);

interface TicketJson {
  number: string;
  subject: string;
  priority: string;
  status: string;
  tags: string[];
}

interface PageJson {
  items: TicketJson[];
  nextCursor: string | null;
}

const numbers = (page: PageJson) => page.items.map((t) => t.number);

describe("the helpline CLI", () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  /** Global options selecting the shared store. */
  let target: string[];
  /** The same store, selected through the environment instead. */
  let targetEnv: Record<string, string>;

  /** Commands that fail before opening any database, started in beforeAll to overlap the slow first open. */
  let early: { usage: Promise<Run>; unreachable: Promise<Run>; badPort: Promise<Run> };

  /** Runs a command against the shared store. */
  const run = (...args: string[]) => cli([...target, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-cli-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      const url = pgDb.url ?? "";
      target = ["--database-url", url];
      targetEnv = { DATABASE_URL: url };
    } else {
      target = ["--data-dir", dir];
      targetEnv = { HELPLINE_DATA_DIR: dir };
    }
    early = {
      usage: run("tickets", "create", "-d", "no subject given"),
      unreachable: cli(["--database-url", "postgres://postgres@127.0.0.1:1/nothing", "tickets", "list"]),
      badPort: cli(["--data-dir", join(dir, "never-opened"), "start"], { PORT: "abc" }),
    };
  });

  afterAll(async () => {
    if (early) await Promise.allSettled(Object.values(early));
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("users create", () => {
    it("creates a manager, prints it and exits 0", async () => {
      const res = await run(
        "users",
        "create",
        "--email",
        "lead@example.com",
        "--name",
        "Team Lead",
        "--role",
        "manager",
      );
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^Created manager Team Lead <lead@example\.com> \([0-9a-f-]{36}\)\n$/);
    });

    it("refuses the same email again with exit 4 and says it already exists", async () => {
      const res = await run("users", "create", "--email", "lead@example.com", "--name", "Again");
      expect(res.code).toBe(4);
      expect(res.stdout).toBe("");
      expect(res.stderr).toContain("lead@example.com");
      expect(res.stderr).toContain("already exists");
    });
  });

  describe("tickets create", () => {
    it("creates TKT-1001 and prints it for people", async () => {
      const res = await run(
        ...["tickets", "create", "-s", "Printer on fire", "-d", "Third floor", "-r", "alice@example.com"],
        ...["--priority", "high", "--tag", "vip"],
      );
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^Created TKT-1001 {2}Printer on fire\n/);
      expect(res.stdout).toContain("priority high (urgency high, importance high)");
      expect(res.stdout).toContain("tags vip");
      expect(res.stdout).toContain("channel cli");
    });

    it("prints the created ticket as JSON with --json", async () => {
      const res = await run(
        ...["tickets", "create", "--json", "-s", "Scanner jams", "-d", "Every page", "-r", "alice@example.com"],
        ...["--priority", "high", "--tag", "vip"],
      );
      expect(res.code).toBe(0);
      const ticket = JSON.parse(res.stdout) as TicketJson;
      expect(ticket).toMatchObject({
        number: "TKT-1002",
        subject: "Scanner jams",
        priority: "high",
        status: "open",
        tags: ["vip"],
      });
    });

    it("reads the store from the environment variable exactly as from the global option", async () => {
      const res = await cli(
        ["tickets", "create", "--json", "-s", "Site down", "-r", "bob@example.com", "--priority", "critical"],
        targetEnv,
      );
      expect(res.code).toBe(0);
      // TKT-1003 (not TKT-1001): the command saw the two tickets created through the option.
      expect(JSON.parse(res.stdout)).toMatchObject({ number: "TKT-1003", priority: "critical" });
    });

    it("refuses an empty subject with exit 2, naming the field subject", async () => {
      const res = await run("tickets", "create", "-s", "", "-r", "alice@example.com");
      expect(res.code).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr).toContain("(field: subject)");
    });

    it("exits 2 with usage help when --subject is missing", async () => {
      const res = await early.usage;
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("--subject");
      expect(res.stderr).toContain("--help");
    });

    it("refuses an unknown assignee with exit 3, naming the field assignee", async () => {
      const res = await run("tickets", "create", "-s", "x", "--assignee", "nobody@example.com");
      expect(res.code).toBe(3);
      expect(res.stderr).toContain("nobody@example.com");
      expect(res.stderr).toContain("(field: assignee)");
    });
  });

  describe("tickets list", () => {
    it("prints a table of the queue, most urgent first", async () => {
      const res = await run("tickets", "list");
      expect(res.code).toBe(0);
      const lines = res.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^TICKET\s+PRIORITY\s+STATUS\s+CATEGORY\s+SUBJECT\s+SLA DUE$/);
      const rows = lines.slice(2).map((l) => l.split(/\s+/)[0]);
      expect(rows).toEqual(["TKT-1003", "TKT-1001", "TKT-1002"]);
      expect(res.stdout).toContain("Printer on fire");
      expect(res.stdout).not.toContain("More:");
    });

    it("returns { items, nextCursor } with --json, critical before high and older before newer", async () => {
      const res = await run("tickets", "list", "--json");
      expect(res.code).toBe(0);
      const page = JSON.parse(res.stdout) as PageJson;
      expect(Object.keys(page).sort()).toEqual(["items", "nextCursor"]);
      expect(numbers(page)).toEqual(["TKT-1003", "TKT-1001", "TKT-1002"]);
      expect(page.items.map((t) => t.priority)).toEqual(["critical", "high", "high"]);
      expect(page.nextCursor).toBeNull();
    });

    it("pages with --limit and --cursor without repeating or skipping tickets", async () => {
      const first = await run("tickets", "list", "--json", "--limit", "1");
      expect(first.code).toBe(0);
      const page1 = JSON.parse(first.stdout) as PageJson;
      expect(numbers(page1)).toEqual(["TKT-1003"]);
      expect(page1.nextCursor).toEqual(expect.any(String));

      const second = await run("tickets", "list", "--json", "--limit", "2", "--cursor", page1.nextCursor ?? "");
      expect(second.code).toBe(0);
      const page2 = JSON.parse(second.stdout) as PageJson;
      expect(numbers(page2)).toEqual(["TKT-1001", "TKT-1002"]);
      expect(page2.nextCursor).toBeNull();
    });
  });

  describe("tickets show", () => {
    it("prints the ticket, its SLA line and a timeline with the created event and the message", async () => {
      const res = await run("tickets", "show", "TKT-1001");
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^TKT-1001 {2}Printer on fire\n/);
      expect(res.stdout).toMatch(/^SLA: \d+(\.\d+)? h remaining$/m);
      const [, timeline = ""] = res.stdout.split("\nTimeline\n");
      expect(timeline).toMatch(/event\s+system\s+created: status null → "open"/);
      expect(timeline).toMatch(/message\s+customer\s+Third floor/);
    });

    it("returns ticket, sla and timeline with --json", async () => {
      const res = await run("tickets", "show", "TKT-1001", "--json");
      expect(res.code).toBe(0);
      const body = JSON.parse(res.stdout) as {
        ticket: TicketJson;
        sla: { is_breached: boolean; hours_remaining: number };
        timeline: { kind: string; body: string; event?: { action: string } | null }[];
      };
      expect(Object.keys(body).sort()).toEqual(["sla", "ticket", "timeline"]);
      expect(body.ticket).toMatchObject({ number: "TKT-1001", subject: "Printer on fire", tags: ["vip"] });
      expect(body.sla.is_breached).toBe(false);
      expect(body.sla.hours_remaining).toBeGreaterThan(23);
      expect(body.sla.hours_remaining).toBeLessThanOrEqual(24);
      expect(body.timeline.some((e) => e.kind === "event" && e.event?.action === "created")).toBe(true);
      expect(body.timeline.some((e) => e.kind === "message" && e.body === "Third floor")).toBe(true);
    });

    it("exits 3 with a message naming a ticket that does not exist", async () => {
      const res = await run("tickets", "show", "TKT-9999");
      expect(res.code).toBe(3);
      expect(res.stdout).toBe("");
      expect(res.stderr).toContain("TKT-9999");
      expect(res.stderr).toContain("does not exist");
    });
  });

  describe("report", () => {
    it("prints exactly seed 002's report keys with --json, counting only the tickets that were created", async () => {
      const res = await run("report", "--days", "7", "--json");
      expect(res.code).toBe(0);
      const report = JSON.parse(res.stdout) as Record<string, unknown>;
      expect(Object.keys(report).sort()).toEqual(
        [
          "report_days",
          "generated_at",
          "total_opened",
          "total_resolved",
          "avg_resolution_hours",
          "sla_breach_rate_pct",
          "by_priority",
          "open_by_assignee",
          "currently_open",
        ].sort(),
      );
      // The refused creates above (empty subject, unknown assignee) left nothing behind.
      expect(report).toMatchObject({ report_days: 7, total_opened: 3, total_resolved: 0, currently_open: 3 });
      expect(report.by_priority).toMatchObject({ critical: { opened: 1 }, high: { opened: 2 } });
    });

    it("prints a summary line for people", async () => {
      const res = await run("report", "--days", "7");
      expect(res.code).toBe(0);
      expect(res.stdout).toContain("Last 7 days");
      expect(res.stdout).toContain("opened 3");
    });

    it("refuses --days 0 with exit 2, naming the field days", async () => {
      const res = await run("report", "--days", "0");
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("(field: days)");
    });
  });

  describe("migrate --status", () => {
    it("shows nothing pending once the commands above have run", async () => {
      const res = await run("migrate", "--status", "--json");
      expect(res.code).toBe(0);
      const status = JSON.parse(res.stdout) as { engine: string; after: { applied: number; pending: number } };
      expect(status.engine).toBe(engineUnderTest);
      expect(status.after.pending).toBe(0);
      expect(status.after.applied).toBeGreaterThan(0);
    });
  });

  describe("failures before any data is touched", () => {
    it("exits 7 saying the database cannot be reached when PostgreSQL does not answer", async () => {
      const res = await early.unreachable;
      expect(res.code).toBe(7);
      expect(res.stdout).toBe("");
      expect(res.stderr).toContain("Cannot reach the database");
    });

    it("exits 8 naming PORT when the environment sets PORT=abc for start", async () => {
      const res = await early.badPort;
      expect(res.code).toBe(8);
      expect(res.stderr).toContain("Invalid configuration");
      expect(res.stderr).toContain("PORT");
      expect(existsSync(join(dir, "never-opened"))).toBe(false);
    });
  });
});
