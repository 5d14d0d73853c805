/**
 * The built-in SMTP receiver, over real SMTP conversations: nodemailer (plain and
 * STARTTLS with a self-signed certificate made by openssl), Debian's swaks, and a
 * raw socket client for exact control. The message is stored before the 250, an
 * unknown recipient is refused, an oversized message gets 552, a storage outage
 * gets 451 (the sender keeps the message and retries), and garbage is stored too.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Helpdesk, type SmtpReceiver, startSmtpReceiver } from "../../src/lib/index.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { addMailboxRow, rawMail } from "./email-world.js";
import { openRawSmtp } from "./smtp-client.js";

const run = promisify(execFile);
const LIMIT = 64 * 1024;
const ADDRESS = "support@example.com";

let t: TestDesk;
let receiver: SmtpReceiver;
let dir: string;

interface StoredRow {
  id: string;
  source: string;
  raw: Buffer;
  envelopeFrom: string | null;
  envelopeTo: string[];
  messageId: string | null;
}

async function rows(desk: Helpdesk, where = "true", values: unknown[] = []): Promise<StoredRow[]> {
  const { rows } = await desk.database.executeSql(
    `select id::text as id, source, raw, envelope_from as "envelopeFrom", envelope_to as "envelopeTo",
            message_id as "messageId"
       from inbound_emails where ${where} order by received_at, id`,
    values,
  );
  return rows.map((r) => ({ ...(r as unknown as StoredRow), raw: Buffer.from(r.raw as Uint8Array) }));
}

const byMessageId = (desk: Helpdesk, id: string) => rows(desk, "message_id = $1", [id]);

function transport(port: number, extra: Record<string, unknown> = {}) {
  return nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, ...extra });
}

/** Sends raw bytes with nodemailer; resolves with the server's answer or the refusal. */
async function send(port: number, raw: Buffer, to: string, extra: Record<string, unknown> = {}) {
  const tx = transport(port, extra);
  try {
    const info = await tx.sendMail({ envelope: { from: "dana@customer.example", to: [to] }, raw });
    return { ok: true as const, response: info.response };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message: string };
    return { ok: false as const, code: e.responseCode, response: e.response ?? e.message };
  } finally {
    tx.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "helpline-smtp-"));
  t = await openTestDesk({ email: { limits: { maxMessageBytes: LIMIT } } });
  await addMailboxRow(t.desk, ADDRESS);
  receiver = await startSmtpReceiver({ desk: t.desk, host: "127.0.0.1", port: 0, name: "mx.test" });
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`SMTP receiver (${engineUnderTest})`, () => {
  it("greets as Helpline, offers SIZE, and no STARTTLS or AUTH without a certificate", async () => {
    const s = await openRawSmtp(receiver.port);
    try {
      expect(s.greeting.code).toBe(220);
      expect(s.greeting.text).toContain("Helpline");
      const ehlo = await s.command("EHLO client.test");
      expect(ehlo.code).toBe(250);
      expect(ehlo.text).toContain(`SIZE ${LIMIT}`);
      expect(ehlo.text).not.toContain("STARTTLS");
      expect(ehlo.text).not.toContain("AUTH");
    } finally {
      s.close();
    }
  });

  it("answers 250 to nodemailer only once the exact bytes are stored", async () => {
    const raw = rawMail({ to: ADDRESS, messageId: "nodemailer-1@customer.example" });
    const got = await send(receiver.port, raw, ADDRESS);
    expect(got).toMatchObject({ ok: true });
    expect(got.response).toMatch(/^250 /);
    const [row, extra] = await byMessageId(t.desk, "nodemailer-1@customer.example");
    expect(extra).toBeUndefined();
    expect(row?.source).toBe("smtp");
    expect(row?.raw.equals(raw)).toBe(true);
    expect(row?.envelopeFrom).toBe("dana@customer.example");
    expect(row?.envelopeTo).toEqual([ADDRESS]);
    expect(got.response).toContain(row?.id);
  });

  it("accepts a message from swaks", async () => {
    const { stdout } = await run("swaks", [
      ...["--server", `127.0.0.1:${receiver.port}`, "--to", ADDRESS, "--from", "ops@sender.example"],
      ...["--header", "Message-Id: <swaks-1@sender.example>", "--header", "Subject: sent by swaks"],
      ...["--body", "Hello from swaks", "--timeout", "20"],
    ]);
    expect(stdout).toMatch(/<- {2}250 OK: stored as /);
    const [row] = await byMessageId(t.desk, "swaks-1@sender.example");
    expect(row?.envelopeFrom).toBe("ops@sender.example");
    expect(row?.raw.toString()).toContain("Hello from swaks");
  });

  it("refuses an unknown recipient with 550 and stores nothing", async () => {
    const raw = rawMail({ to: "nobody@example.com", messageId: "unknown-rcpt@customer.example" });
    const got = await send(receiver.port, raw, "nobody@example.com");
    expect(got.ok).toBe(false);
    expect(got.code).toBe(550);
    expect(got.response).toContain("5.1.1 <nobody@example.com>: no such mailbox here");
    expect(await byMessageId(t.desk, "unknown-rcpt@customer.example")).toEqual([]);

    const swaks = await run("swaks", [
      ...["--server", `127.0.0.1:${receiver.port}`, "--to", "stranger@example.com", "--from", "a@b.example"],
      ...["--timeout", "20"],
    ]).then(
      () => ({ code: 0, stdout: "" }),
      (err: { code: number; stdout: string }) => err,
    );
    expect(swaks.code).not.toBe(0);
    expect(swaks.stdout).toMatch(/<\*\* 550 /);
  });

  it("accepts plus-addresses of a mailbox (reply tokens)", async () => {
    const to = "support+1001.abcdef@example.com";
    const raw = rawMail({ to, messageId: "plus-1@customer.example" });
    const got = await send(receiver.port, raw, to);
    expect(got.ok).toBe(true);
    const [row] = await byMessageId(t.desk, "plus-1@customer.example");
    expect(row?.envelopeTo).toEqual([to]);
  });

  it("refuses a message over the size limit with 552, whether SIZE was declared or not", async () => {
    const big = rawMail({
      to: ADDRESS,
      messageId: "big-1@customer.example",
      body: "x".repeat(70).concat("\r\n").repeat(1500),
    });
    expect(big.length).toBeGreaterThan(LIMIT);
    const declared = await send(receiver.port, big, ADDRESS);
    expect(declared).toMatchObject({ ok: false, code: 552 });

    // No SIZE parameter: the receiver counts the streamed bytes.
    const s = await openRawSmtp(receiver.port);
    try {
      await s.command("EHLO client.test");
      expect((await s.command("MAIL FROM:<dana@customer.example>")).code).toBe(250);
      expect((await s.command(`RCPT TO:<${ADDRESS}>`)).code).toBe(250);
      expect((await s.command("DATA")).code).toBe(354);
      const answer = await s.data(big);
      expect(answer.code).toBe(552);
      // The session goes on: a small message right after is accepted.
      const small = rawMail({ to: ADDRESS, messageId: "after-big@customer.example" });
      expect((await s.command("MAIL FROM:<dana@customer.example>")).code).toBe(250);
      expect((await s.command(`RCPT TO:<${ADDRESS}>`)).code).toBe(250);
      expect((await s.command("DATA")).code).toBe(354);
      expect((await s.data(small)).code).toBe(250);
    } finally {
      s.close();
    }
    expect(await byMessageId(t.desk, "big-1@customer.example")).toEqual([]);
    expect(await byMessageId(t.desk, "after-big@customer.example")).toHaveLength(1);
  });

  it("stores binary garbage without headers, and keeps serving the next connection", async () => {
    const garbage = Buffer.alloc(3000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    // Keep the framing unambiguous: no bare CR/LF or line-leading dots inside the garbage.
    for (let i = 0; i < garbage.length; i++) if ([10, 13, 46].includes(garbage[i] as number)) garbage[i] = 0;
    const body = Buffer.concat([garbage, Buffer.from("\r\n")]);
    const before = (await rows(t.desk)).length;
    const s = await openRawSmtp(receiver.port);
    try {
      await s.command("EHLO client.test");
      await s.command("MAIL FROM:<>");
      await s.command(`RCPT TO:<${ADDRESS}>`);
      expect((await s.command("DATA")).code).toBe(354);
      expect((await s.data(body)).code).toBe(250);
    } finally {
      s.close();
    }
    const all = await rows(t.desk);
    expect(all).toHaveLength(before + 1);
    const stored = all.find((r) => r.raw.equals(body));
    expect(stored?.messageId).toBeNull();
    expect(stored?.envelopeFrom).toBeNull();

    const next = await send(receiver.port, rawMail({ to: ADDRESS, messageId: "after-garbage@x.example" }), ADDRESS);
    expect(next.ok).toBe(true);
  });

  it("answers 451 (try again later) when storing fails, and 250 for nothing it did not store", async () => {
    const failing = await startSmtpReceiver({
      desk: {
        database: t.desk.database,
        email: {
          limits: t.desk.email.limits,
          receive: () => Promise.reject(new Error("Connection terminated unexpectedly")),
        },
      },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const raw = rawMail({ to: ADDRESS, messageId: "outage-1@customer.example" });
      const got = await send(failing.port, raw, ADDRESS);
      expect(got).toMatchObject({ ok: false, code: 451 });
      expect(got.response).toContain("4.3.0");
      expect(await byMessageId(t.desk, "outage-1@customer.example")).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it("answers 451 when the database is gone under the receiver", async () => {
    const other = await openTestDesk();
    await addMailboxRow(other.desk, ADDRESS);
    const orphan = await startSmtpReceiver({ desk: other.desk, host: "127.0.0.1", port: 0 });
    try {
      await other.desk.close();
      const got = await send(orphan.port, rawMail({ to: ADDRESS }), ADDRESS);
      expect(got.ok).toBe(false);
      expect(got.code).toBe(451);
      expect(got.response).toContain("try again later");
    } finally {
      await orphan.close();
      await other.db.drop();
    }
  });

  it("offers STARTTLS with a configured certificate and stores mail sent over it", async () => {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    await run("openssl", [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=mx.test"],
      ...["-keyout", key, "-out", cert],
    ]);
    const tls = { key: readFileSync(key), cert: readFileSync(cert) };
    const secured = await startSmtpReceiver({ desk: t.desk, host: "127.0.0.1", port: 0, tls });
    try {
      const s = await openRawSmtp(secured.port);
      const ehlo = await s.command("EHLO client.test");
      s.close();
      expect(ehlo.text).toContain("STARTTLS");
      const raw = rawMail({ to: ADDRESS, messageId: "tls-1@customer.example" });
      const got = await send(secured.port, raw, ADDRESS, {
        ignoreTLS: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      expect(got.ok).toBe(true);
      const [row] = await byMessageId(t.desk, "tls-1@customer.example");
      expect(row?.raw.equals(raw)).toBe(true);
    } finally {
      await secured.close();
    }
  });
});
