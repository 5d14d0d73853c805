/**
 * `helpline mailboxes …` as an admin runs it: real processes on one shared
 * store (a temporary embedded data directory, or a fresh PostgreSQL database
 * when TEST_DATABASE_URL is set) and a real IMAP server (Dovecot). The tests
 * run in order and build on each other.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { createHelpdesk } from "../../src/lib/index.js";
import { runCli } from "../cli/run-cli.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { type Dovecot, freePort, startDovecot } from "./dovecot.js";

// Each command is a process of its own (seconds each on a busy machine).
describe(`helpline mailboxes (${engineUnderTest})`, { timeout: 180_000 }, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  let dovecot: Dovecot;
  const env = { HELPLINE_SECRET_KEY: randomBytes(32).toString("hex") };
  const run = (...args: string[]) => runCli([...target, ...args], env);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-mailboxes-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
    dovecot = await startDovecot();
    const desk = await createHelpdesk({ database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: dir }, migrate: true });
    await desk.close();
  });

  afterAll(async () => {
    await dovecot?.stop();
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("`mailboxes add support@example.com` registers an address the SMTP receiver accepts", async () => {
    const res = await run("mailboxes", "add", "support@example.com", "--name", "Example Support");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(EXIT.ok);
    expect(res.stdout).toContain("Added mailbox support@example.com");
    expect(res.stdout).toMatch(/SMTP\s+accepted by the built-in receiver/);
    const again = await run("mailboxes", "add", "SUPPORT@example.com");
    expect(again.code).toBe(EXIT.conflict);
    expect(again.stderr).toContain("support@example.com is already a mailbox");
    const bad = await run("mailboxes", "add", "not-an-address");
    expect(bad.code).toBe(EXIT.invalid);
    expect(bad.stderr).toContain("(field: address)");
  });

  it("adds an IMAP mailbox with the password from a file and an HTTP secret printed once", async () => {
    const user = dovecot.users[0] ?? { user: "support", password: "" };
    const file = join(dir, "imap-password");
    writeFileSync(file, `${user.password}\n`);
    const res = await run(
      "--json",
      "mailboxes",
      "add",
      "imap@example.com",
      "--imap-host",
      "127.0.0.1",
      "--imap-port",
      String(dovecot.port),
      "--no-imap-tls",
      "--imap-user",
      user.user,
      "--imap-password-file",
      file,
      "--http-secret",
    );
    expect(res.code, res.stderr).toBe(EXIT.ok);
    const body = JSON.parse(res.stdout);
    expect(body.mailbox).toMatchObject({
      address: "imap@example.com",
      imap: { host: "127.0.0.1", port: dovecot.port, tls: false, user: user.user, passwordSet: true },
      httpInbound: true,
    });
    expect(body.httpSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.stdout).not.toContain(user.password);

    const listed = await run("mailboxes", "list");
    expect(listed.code).toBe(EXIT.ok);
    expect(listed.stdout).toMatch(
      new RegExp(`imap@example\\.com\\s+yes\\s+${user.user}@127\\.0\\.0\\.1:${dovecot.port}/INBOX\\s+yes`),
    );
    expect(listed.stdout).toMatch(/support@example\.com\s+yes/);
    expect(listed.stdout).not.toContain(user.password);
    expect(listed.stdout).not.toContain(body.httpSecret);
  });

  it("`mailboxes test` prints the IMAP server's greeting, and exits 9 with the refusal when it cannot connect", async () => {
    const ok = await run("mailboxes", "test", "imap@example.com");
    expect(ok.code, ok.stdout + ok.stderr).toBe(EXIT.ok);
    expect(ok.stdout).toMatch(/^imap@example\.com: ok/);
    expect(ok.stdout).toMatch(/greeting: .*Dovecot/);
    expect(ok.stdout).toMatch(/UIDVALIDITY \d+, IDLE offered/);
    expect(ok.stdout).toMatch(/Outbound\s+off\s+Outbound email is off/);

    const port = await freePort();
    const closed = await run(
      "mailboxes",
      "add",
      "closed@example.com",
      "--imap-host",
      "127.0.0.1",
      "--imap-port",
      String(port),
      "--no-imap-tls",
      "--imap-user",
      "x",
      "--imap-password",
      "y",
    );
    expect(closed.code, closed.stderr).toBe(EXIT.ok);
    const failed = await run("--json", "mailboxes", "test", "closed@example.com");
    expect(failed.code).toBe(EXIT.checkFailed);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      ok: false,
      imap: { status: "failed", server: `127.0.0.1:${port}` },
    });
    expect(failed.stdout).toMatch(/connection refused/i);
  });

  it("`mailboxes remove` deletes a mailbox nothing refers to", async () => {
    const res = await run("mailboxes", "remove", "closed@example.com");
    expect(res.code, res.stderr).toBe(EXIT.ok);
    expect(res.stdout).toContain("Deleted the mailbox closed@example.com.");
  });
});
