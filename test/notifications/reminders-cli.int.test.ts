/**
 * `helpline reminders send` as a desk that runs only the CLI does (the GitHub
 * Actions workflow in docs/examples/daily-reminders.yml): real processes on one
 * store (a temporary embedded data directory, or a fresh PostgreSQL database),
 * Slack pointed at the local Slack Web API server. The tests build on each other.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk } from "../../src/lib/index.js";
import { runCli } from "../cli/run-cli.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { dmChannelOf, type SlackTestServer, startSlackServer } from "./slack-server.js";

describe(`helpline reminders send (${engineUnderTest})`, { timeout: 120_000 }, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  let server: SlackTestServer;
  let slackEnv: Record<string, string>;
  const run = (args: string[], env: Record<string, string> = {}) =>
    runCli([...target, "reminders", "send", ...args], { HELPLINE_PUBLIC_URL: "https://desk.example.com", ...env });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-reminders-"));
    server = await startSlackServer({ users: [{ email: "ann@example.com", id: "UANN" }] });
    slackEnv = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: server.url };
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
      await desk.people.createAgent({ email: "bob@example.com", name: "Bob" });
      await desk.people.createAgent({ email: "cleo@example.com", name: "Cleo" });
      await desk.tickets.create({ subject: "Printer on fire", priority: "high", assignee: "ann@example.com" });
      const t2 = await desk.tickets.create({ subject: "Proofs", priority: "low", assignee: "ann@example.com" });
      await desk.tickets.updateStatus(t2.number, "in_progress");
      await desk.tickets.create({ subject: "Invoice question", priority: "medium", assignee: "bob@example.com" });
    } finally {
      await desk.close();
    }
  });

  afterAll(async () => {
    await server?.close();
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("--dry-run --json reports who would get what, and sends nothing", async () => {
    const res = await run(["--dry-run", "--json"], slackEnv);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.dryRun).toBe(true);
    expect(report.runKey).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      report.users.map((u: { email: string; status: string; channel: string; sections: unknown }) => [
        u.email,
        u.status,
        u.channel,
        u.sections,
      ]),
    ).toEqual([
      ["ann@example.com", "would_send", "slack", { open: 1, inProgress: 1, personal: 0, pendingProduction: 0 }],
      ["bob@example.com", "would_send", "slack", { open: 1, inProgress: 0, personal: 0, pendingProduction: 0 }],
    ]);
    expect(server.calls).toHaveLength(0);
  });

  it("without Slack says why nobody gets one", async () => {
    const res = await run(["--dry-run"]);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Daily reminders for \d{4}-\d{2}-\d{2} \(dry run: nothing sent, nothing written\)$/);
    expect(lines[1]).toMatch(/^STATUS\s+AGENT\s+CHANNEL\s+TICKETS\s+WHY$/);
    expect(lines[3]?.split(/\s{2,}/)).toEqual([
      "skipped",
      "ann@example.com",
      "1 open, 1 in progress",
      "Slack is off (SLACK_BOT_TOKEN is not set) and email reminders are off in their preferences",
    ]);
    expect(lines.at(-1)).toBe("0 would be sent, 2 skipped");
  });

  it("--user sends to one person only", async () => {
    const res = await run(["--user", "ann@example.com"], slackEnv);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[3]?.split(/\s{2,}/)).toEqual([
      "sent",
      "ann@example.com",
      "slack",
      "1 open, 1 in progress",
      "Slack DM",
    ]);
    expect(lines[4]).toBe("1 sent, 0 skipped, 0 failed");
    const posts = server.callsTo("chat.postMessage");
    expect(posts.map((p) => p.params.channel)).toEqual([dmChannelOf("UANN")]);
    expect(String(posts[0]?.params.text)).toBe("Your tickets today: 1 open, 1 in progress");
  });

  it("sends the rest, once a day: Ann is not reminded again, Bob is not in Slack", async () => {
    const res = await run(["--json"], slackEnv);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.users.map((u: { status: string; reason: string | null }) => [u.status, u.reason])).toEqual([
      ["skipped", `already reminded for ${report.runKey} (slack)`],
      ["skipped", "no Slack user with email bob@example.com"],
    ]);
    expect(server.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("names an unknown --user", async () => {
    const res = await run(["--user", "nobody@example.com"], slackEnv);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain("No active agent nobody@example.com in this workspace.");
  });
});
