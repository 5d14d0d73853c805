/**
 * The crash test: `helpline start` with the SMTP receiver runs as a real
 * process; 1,000 messages with unique Message-IDs arrive over several parallel SMTP
 * connections; the server is killed with SIGKILL mid-way and started again; every
 * message that did not get its 250 is sent again (as a real MTA retries). Once no
 * stored message waits for processing, every Message-ID that got a 250 is in
 * exactly one ticket's timeline, exactly once, and in the Message-ID index.
 * The engine is PGlite in a temporary data directory, or PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk, type HelpdeskOptions } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase, type TestDatabase } from "../harness.js";
import { addMailboxRow, rawMail } from "./email-world.js";
import { freePort, launchServer, type ServerProcess } from "./server-process.js";
import { openRawSmtp } from "./smtp-client.js";

const MESSAGES = 1000;
const CONNECTIONS = 8;
const KILL_AFTER = 400;
/** Longer than the inbound pipeline's claim lease. */
const LEASE_MS = 6 * 60_000;
const ADDRESS = "support@example.com";
const ADMIN = { email: "admin@example.com", password: "crash-test-password" };
const run = randomBytes(4).toString("hex");
const messageIdOf = (i: number) => `crash-${i}.${run}@sender.example`;

let dir: string;
let pg: TestDatabase | undefined;
let database: NonNullable<HelpdeskOptions["database"]>;
let env: Record<string, string>;
let httpPort: number;
let smtpPort: number;
const servers: ServerProcess[] = [];

function message(i: number): Buffer {
  return rawMail({
    from: `Customer ${i % 40} <customer${i % 40}@sender.example>`,
    to: ADDRESS,
    subject: `Crash test message ${i}`,
    messageId: messageIdOf(i),
    body: `Message number ${i} of the crash test.`,
  });
}

async function start(): Promise<ServerProcess> {
  const server = launchServer(["start", "--port", String(httpPort), "--host", "127.0.0.1"], env);
  servers.push(server);
  await server.waitFor(`SMTP receiver listening on 127.0.0.1:${smtpPort}`, 60_000);
  return server;
}

/**
 * Sends the queued messages over `CONNECTIONS` parallel sessions, adding to `acked` each
 * index answered 250. A session that loses its server puts its message back and stops.
 */
async function sendAll(queue: number[], acked: Set<number>, onAck: () => void): Promise<void> {
  const worker = async () => {
    let session: Awaited<ReturnType<typeof openRawSmtp>>;
    try {
      session = await openRawSmtp(smtpPort);
      if ((await session.command("EHLO crash.test")).code !== 250) return;
    } catch {
      return;
    }
    try {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const current = i;
        try {
          const from = await session.command("MAIL FROM:<customer@sender.example>");
          const rcpt = await session.command(`RCPT TO:<${ADDRESS}>`);
          const data = await session.command("DATA");
          if (from.code !== 250 || rcpt.code !== 250 || data.code !== 354) throw new Error("refused");
          const answer = await session.data(message(current));
          if (answer.code === 250) {
            acked.add(current);
            onAck();
          } else queue.push(current);
        } catch {
          queue.push(current);
          return;
        }
      }
    } finally {
      session.close();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

/** Signs in as the bootstrap admin; returns the session cookie. */
async function signIn(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("helpline_session="));
  expect(cookie).toBeDefined();
  return (cookie as string).split(";")[0] as string;
}

/** Stored messages waiting for processing, counted through the manager API. */
async function countWaiting(cookie: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const url = `http://127.0.0.1:${httpPort}/api/v1/email/inbound?status=received&limit=500`;
    const res = await fetch(cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url, { headers: { cookie } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

/**
 * Polls the server until no stored message waits for processing, or the number waiting
 * has not moved for `quietMs` (messages claimed by the killed process wait for their lease
 * to run out); returns how many still wait.
 */
async function waitUntilSettled(cookie: string, quietMs: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const waiting = await countWaiting(cookie);
    if (waiting === 0) return 0;
    if (waiting !== last) {
      last = waiting;
      since = Date.now();
    } else if (Date.now() - since > quietMs || Date.now() > deadline) return waiting;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "helpline-email-crash-"));
  if (engineUnderTest === "postgres") {
    pg = await freshDatabase();
    database = { url: pg.url as string };
    env = { DATABASE_URL: pg.url as string };
  } else {
    database = { dataDir: dir };
    env = { HELPLINE_DATA_DIR: dir };
  }
  httpPort = await freePort();
  smtpPort = await freePort();
  env = {
    ...env,
    HELPLINE_SMTP_PORT: String(smtpPort),
    HELPLINE_SMTP_HOST: "127.0.0.1",
    HELPLINE_ADMIN_EMAIL: ADMIN.email,
    HELPLINE_ADMIN_PASSWORD: ADMIN.password,
    HELPLINE_RATE_LIMIT_PER_MINUTE: "100000",
    LOG_LEVEL: "info",
  };
  // The mailbox, before the server starts (one process per embedded data directory).
  const desk = await createHelpdesk({ database, migrate: true });
  try {
    await addMailboxRow(desk, ADDRESS);
  } finally {
    await desk.close();
  }
});

afterAll(async () => {
  for (const s of servers) if (!s.hasExited()) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => s.exited));
  await pg?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`SMTP receiver killed with SIGKILL mid-stream (${engineUnderTest})`, () => {
  it("loses no message that got a 250 and puts each in exactly one timeline, once", { timeout: 180_000 }, async () => {
    const acked = new Set<number>();
    const queue = Array.from({ length: MESSAGES }, (_, i) => i);

    const first = await start();
    let killed = false;
    await sendAll(queue, acked, () => {
      if (!killed && acked.size >= KILL_AFTER) {
        killed = true;
        first.child.kill("SIGKILL");
      }
    });
    expect((await first.exited).signal).toBe("SIGKILL");
    const beforeKill = acked.size;
    expect(beforeKill).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(beforeKill).toBeLessThan(MESSAGES);

    // Restarted, the server takes the rest, and again what was cut off (stored or not).
    const second = await start();
    const retry = Array.from({ length: MESSAGES }, (_, i) => i).filter((i) => !acked.has(i));
    await sendAll(retry, acked, () => undefined);
    expect(acked.size).toBe(MESSAGES);
    const stranded = await waitUntilSettled(await signIn(), 10_000, 90_000);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);

    // Messages the killed process had claimed wait out their lease (a minute) before another
    // worker takes them. Rather than wait, run the same due work with the clock past the lease.
    const desk = await createHelpdesk({
      database,
      migrate: false,
      clock: { now: () => new Date(Date.now() + LEASE_MS) },
    });
    try {
      const q = async (text: string) => (await desk.database.executeSql(text)).rows;
      if (stranded > 0) await desk.runPending();
      // Nothing waits or failed; a copy stored before the kill cut off its 250 is a duplicate.
      expect(
        await q("select id, status, error from inbound_emails where status not in ('processed', 'duplicate')"),
      ).toEqual([]);
      const [processed] = await q("select count(*)::int as n from inbound_emails where status = 'processed'");
      expect(processed?.n).toBe(MESSAGES);

      const entries = await q(`
        select e.email->>'messageId' as mid, count(*)::int as n, count(distinct e.ticket_id)::int as tickets,
               min(e.ticket_id::text) as ticket
          from timeline_entries e
         where e.email->>'direction' = 'in'
         group by 1`);
      const entryOf = new Map(entries.map((r) => [String(r.mid), r]));
      const index = await q(
        "select message_id as mid, ticket_id::text as ticket from email_message_ids where direction = 'in'",
      );
      const indexOf = new Map(index.map((r) => [String(r.mid), String(r.ticket)]));

      const missing: string[] = [];
      const twice: string[] = [];
      const misfiled: string[] = [];
      for (const i of acked) {
        const mid = messageIdOf(i);
        const entry = entryOf.get(mid);
        if (!entry) missing.push(mid);
        else if (entry.n !== 1 || entry.tickets !== 1) twice.push(mid);
        else if (indexOf.get(mid) !== entry.ticket) misfiled.push(mid);
      }
      expect(missing).toEqual([]);
      expect(twice).toEqual([]);
      expect(misfiled).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});
