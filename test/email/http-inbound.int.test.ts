/**
 * The HTTP inbound door: `POST /api/v1/email/inbound` with a raw message as the body,
 * opened only by a mailbox's inbound secret. Stored before the 202; refused with 401
 * without the right secret, 413 above the email size limit, 400 when empty.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, randomToken } from "../../src/core/auth/index.js";
import { buildServer } from "../../src/http/server.js";
import { engineUnderTest, openTestDesk, type TestDesk } from "../harness.js";
import { addMailboxRow, rawMail } from "./email-world.js";

/** Larger than the JSON body limit (1 MiB), so the test shows the email limit applies. */
const LIMIT = 2 * 1024 * 1024;
const SECRET = randomToken();
const DISABLED_SECRET = randomToken();

let t: TestDesk;
let app: FastifyInstance;
let mailboxId: string;

async function setSecret(id: string, secret: string, enabled = true): Promise<void> {
  await t.desk.database.executeSql("update mailboxes set inbound_secret_hash = $2, enabled = $3 where id = $1", [
    id,
    hashToken(secret),
    enabled,
  ]);
}

async function storedCount(): Promise<number> {
  const { rows } = await t.desk.database.executeSql("select count(*)::int as n from inbound_emails");
  return Number(rows[0]?.n);
}

function post(body: Buffer | string, headers: Record<string, string>) {
  return app.inject({
    method: "POST",
    url: "/api/v1/email/inbound",
    headers: { "content-type": "message/rfc822", ...headers },
    payload: body,
  });
}

beforeAll(async () => {
  t = await openTestDesk({ email: { limits: { maxMessageBytes: LIMIT } } });
  mailboxId = await addMailboxRow(t.desk, "support@example.com");
  await setSecret(mailboxId, SECRET);
  await setSecret(await addMailboxRow(t.desk, "old@example.com"), DISABLED_SECRET, false);
  app = await buildServer({ desk: t.desk, logLevel: "silent" });
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe(`HTTP inbound email (${engineUnderTest})`, () => {
  it("stores the raw message for the secret's mailbox and answers 202 queued", async () => {
    const raw = rawMail({ to: "support@example.com", messageId: "http-1@customer.example" });
    const res = await post(raw, { "x-helpline-inbound-secret": SECRET });
    expect(res.statusCode).toBe(202);
    const body = res.json() as { ids: string[]; status: string };
    expect(body.status).toBe("queued");
    expect(body.ids).toHaveLength(1);
    const { rows } = await t.desk.database.executeSql(
      "select source, raw, mailbox_id::text as mailbox, message_id as mid from inbound_emails where id = $1",
      [body.ids[0]],
    );
    expect(rows[0]).toMatchObject({ source: "http", mailbox: mailboxId, mid: "http-1@customer.example" });
    expect(Buffer.from(rows[0]?.raw as Uint8Array).equals(raw)).toBe(true);
  });

  it("takes the secret as a Bearer token too, and the other raw content types", async () => {
    for (const type of ["application/octet-stream", "text/plain"]) {
      const res = await post(rawMail(), { authorization: `Bearer ${SECRET}`, "content-type": type });
      expect(res.statusCode, type).toBe(202);
    }
  });

  it("accepts a message larger than the JSON body limit, up to the email limit", async () => {
    const big = rawMail({ body: "y".repeat(76).concat("\r\n").repeat(20_000) });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect(big.length).toBeLessThan(LIMIT);
    expect((await post(big, { "x-helpline-inbound-secret": SECRET })).statusCode).toBe(202);
  });

  it("refuses a missing, wrong or disabled mailbox's secret with 401 and stores nothing", async () => {
    const before = await storedCount();
    const missing = await post(rawMail(), {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ error: { code: "email.inbound_secret_required" } });
    expect(missing.json().error.message).toContain("X-Helpline-Inbound-Secret");

    const wrong = await post(rawMail(), { "x-helpline-inbound-secret": `${SECRET}x` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: "email.inbound_secret_invalid" } });

    const bearer = await post(rawMail(), { authorization: "Bearer not-a-secret" });
    expect(bearer.statusCode).toBe(401);

    const disabled = await post(rawMail(), { "x-helpline-inbound-secret": DISABLED_SECRET });
    expect(disabled.statusCode).toBe(401);
    expect(await storedCount()).toBe(before);
  });

  it("refuses a message over the email size limit with 413 and an empty body with 400", async () => {
    const before = await storedCount();
    const tooBig = await post(Buffer.alloc(LIMIT + 1, 0x61), { "x-helpline-inbound-secret": SECRET });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });

    const empty = await post("", { "x-helpline-inbound-secret": SECRET });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: "email.empty" } });
    expect(await storedCount()).toBe(before);
  });

  it("refuses a JSON body: the door takes raw MIME only", async () => {
    const res = await post(JSON.stringify({ raw: "x" }), {
      "x-helpline-inbound-secret": SECRET,
      "content-type": "application/json",
    });
    expect(res.statusCode).toBe(415);
  });
});
