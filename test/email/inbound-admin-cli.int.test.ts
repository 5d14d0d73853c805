/**
 * `helpline email why|failed|retry` as an admin runs them: real processes on a
 * store prepared through the library (a temporary embedded data directory, or
 * a fresh PostgreSQL database when TEST_DATABASE_URL is set).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { createHelpdesk } from "../../src/lib/index.js";
import { runCli } from "../cli/run-cli.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { addMailboxRow, rawMail } from "./email-world.js";

describe(`helpline email (${engineUnderTest})`, { timeout: 120_000 }, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  let failedId = "";
  let number = "";
  const run = (...args: string[]) => runCli([...target, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-email-admin-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
    const desk = await createHelpdesk({ database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: dir }, migrate: true });
    try {
      await addMailboxRow(desk, "support@cli.example");
      const arrival = { source: "smtp" as const, envelopeTo: ["support@cli.example"] };
      await desk.email.receive(rawMail({ to: "support@cli.example", messageId: "cli1@customer.example" }), arrival);
      await desk.runPending();
      const [stored] = await desk.email.receive(rawMail({ to: "support@cli.example" }), arrival);
      failedId = stored?.id ?? "";
      await desk.database.db.execute(
        sql`update inbound_emails set status = 'failed', error = 'could not parse' where id = ${failedId}`,
      );
      number = (await desk.email.whereIs("cli1@customer.example")).ticket.number;
    } finally {
      await desk.close();
    }
  });

  afterAll(async () => {
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("`email why <id>` names the ticket and the rule; an unknown id exits not-found", async () => {
    const res = await run("email", "why", "<cli1@customer.example>");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(EXIT.ok);
    expect(res.stdout).toContain(`is on ${number}`);
    expect(res.stdout).toContain("rule     new_ticket");
    const missing = await run("email", "why", "nobody@else.example");
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.stderr).toContain("nobody@else.example");
  });

  it("`email failed` lists the failed message and `email retry` queues it again, once", async () => {
    const list = await run("email", "failed");
    expect(list.code).toBe(EXIT.ok);
    expect(list.stdout).toContain(failedId);
    expect(list.stdout).toContain("could not parse");
    const retry = await run("email", "retry", failedId);
    expect(retry.code).toBe(EXIT.ok);
    expect(retry.stdout).toContain("was failed; queued");
    const again = await run("email", "retry", failedId);
    expect(again.code).toBe(EXIT.conflict);
    expect(again.stderr).toContain("only failed or ignored");
  });
});
