/**
 * `helpline webhooks …` as an admin runs it: real processes on one shared
 * store (a temporary data directory, or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set) and a local receiver. In order, building on each other.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { verifyWebhookSignature } from "../../src/core/notifications/index.js";
import { createHelpdesk } from "../../src/lib/index.js";
import { runCli } from "../cli/run-cli.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { type Receiver, startReceiver } from "./webhook-receiver.js";

describe(`helpline webhooks (${engineUnderTest})`, { timeout: 180_000 }, () => {
  let dir: string;
  let pgDb: TestDatabase | undefined;
  let target: string[];
  let r: Receiver;
  let id = "";
  let secret = "";
  const env = { HELPLINE_SECRET_KEY: randomBytes(32).toString("hex") };
  const run = (...args: string[]) => runCli([...target, ...args], env);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-webhooks-"));
    if (engineUnderTest === "postgres") {
      pgDb = await freshDatabase();
      target = ["--database-url", pgDb.url ?? ""];
    } else {
      target = ["--data-dir", dir];
    }
    r = await startReceiver((n) => (n === 1 ? 200 : 502));
    const desk = await createHelpdesk({ database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: dir }, migrate: true });
    await desk.close();
  });

  afterAll(async () => {
    await r?.close();
    await pgDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("`webhooks add` refuses a local URL without --allow-private and prints the secret once with it", async () => {
    const refused = await run("webhooks", "add", r.url, "--name", "Local", "--events", "ticket.created");
    expect(refused.code).toBe(EXIT.invalid);
    expect(refused.stderr).toContain("--allow-private");
    const unknown = await run(
      "webhooks",
      "add",
      "https://hooks.example.com/",
      "--events",
      "ticket.created,ticket.gone",
    );
    expect(unknown.code).toBe(EXIT.invalid);
    expect(unknown.stderr).toContain('"ticket.gone"');
    const res = await run(
      "--json",
      "webhooks",
      "add",
      r.url,
      "--name",
      "Local",
      "--events",
      "ticket.created,ticket.resolved",
      "--allow-private",
    );
    expect(res.stderr).toBe("");
    expect(res.code).toBe(EXIT.ok);
    const out = JSON.parse(res.stdout);
    expect(out.webhook).toMatchObject({ name: "Local", events: ["ticket.created", "ticket.resolved"], format: "json" });
    id = out.webhook.id;
    secret = out.secret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = await run("webhooks", "list");
    expect(list.code).toBe(EXIT.ok);
    expect(list.stdout).toContain(id);
    expect(list.stdout).not.toContain(secret);
  });

  it("`webhooks test` pings with the stored secret; exit 9 when the receiver refuses", async () => {
    const ok = await run("webhooks", "test", id);
    expect(ok.code).toBe(EXIT.ok);
    expect(ok.stdout).toContain("answered 200");
    const hit = r.hits[0];
    expect(hit?.headers["x-helpline-event"]).toBe("ping");
    expect(
      verifyWebhookSignature({
        secret,
        header: String(hit?.headers["x-helpline-signature"]),
        timestamp: String(hit?.headers["x-helpline-timestamp"]),
        body: hit?.body ?? "",
        nowSeconds: Number(hit?.headers["x-helpline-timestamp"]),
      }),
    ).toBe(true);
    const failed = await run("webhooks", "test", id);
    expect(failed.code).toBe(EXIT.checkFailed);
    expect(failed.stdout).toContain("FAILED");
    expect(failed.stdout).toContain("HTTP 502");
  });

  it("`webhooks deliveries` and `webhooks remove`", async () => {
    const log = await run("webhooks", "deliveries", id);
    expect(log.code).toBe(EXIT.ok);
    expect(log.stdout).toContain("No deliveries yet.");
    const removed = await run("webhooks", "remove", id);
    expect(removed.code).toBe(EXIT.ok);
    expect(removed.stdout).toContain("Deleted webhook Local");
    const gone = await run("webhooks", "deliveries", id);
    expect(gone.code).toBe(EXIT.notFound);
  });
});
