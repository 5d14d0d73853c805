/**
 * Mailbox administration in the library: add, list, get, update, remove; the
 * IMAP password sealed in the row and in no answer; addresses unique on the
 * installation; bad input naming its field; "test connection" reporting what
 * a real server (Dovecot) or a closed port answered.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, hashToken } from "../../src/core/auth/index.js";
import type { MailTransport } from "../../src/core/channels/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import {
  asNewAgent,
  auditActions,
  domainError,
  engineUnderTest,
  isolatedWorkspace,
  openTestDesk,
  type TestDesk,
} from "../harness.js";
import { type Dovecot, freePort, startDovecot } from "./dovecot.js";

const KEY = randomBytes(32);
const PASSWORD = "imap pass word 42";

let verify: () => Promise<string> = async () => "250 smtp.test ready";
const transport: MailTransport = {
  send: async () => ({ response: "250 queued" }),
  verify: () => verify(),
};

let t: TestDesk;
let dovecot: Dovecot;

beforeAll(async () => {
  [t, dovecot] = await Promise.all([openTestDesk({ secretKey: KEY, email: { transport } }), startDovecot()]);
});

afterAll(async () => {
  await Promise.all([t?.close(), dovecot?.stop()]);
});

const rowOf = async (ws: Helpdesk, id: string) => {
  const { rows } = await ws.database.executeSql(
    "select imap_secret, inbound_secret_hash, imap_next_poll_at, imap_last_uid, imap_uid_validity, enabled from mailboxes where id = $1",
    [id],
  );
  return rows[0] as {
    imap_secret: string | null;
    inbound_secret_hash: string | null;
    imap_next_poll_at: unknown;
    imap_last_uid: number | string;
    imap_uid_validity: number | string | null;
    enabled: boolean;
  };
};

const imapAt = (port: number, password = PASSWORD) => ({
  host: "127.0.0.1",
  port,
  tls: false,
  user: "support",
  password,
});

describe(`mailboxes (${engineUnderTest})`, () => {
  it("adds a mailbox with IMAP and an HTTP secret: password sealed in the row, never in an answer", async () => {
    const ws = await isolatedWorkspace(t.desk);
    await ws.people.createTeam({ name: "Billing" });
    const added = await ws.email.mailboxes.add({
      address: "  Support@Example.COM ",
      displayName: "Example Support",
      team: "Billing",
      imap: imapAt(993),
      httpSecret: true,
    });
    expect(added.mailbox).toMatchObject({
      address: "support@example.com",
      displayName: "Example Support",
      team: { name: "Billing" },
      enabled: true,
      httpInbound: true,
      imap: { host: "127.0.0.1", port: 993, user: "support", folder: "INBOX", afterProcess: "seen", passwordSet: true },
      imapState: { uidValidity: null, lastUid: 0, lastError: null },
    });
    expect(added.httpSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await rowOf(ws, added.mailbox.id);
    expect(row.imap_secret).toMatch(/^v1\./);
    expect(row.imap_secret).not.toContain(PASSWORD);
    expect(decryptSecret(KEY, row.imap_secret ?? "", `mailbox:${added.mailbox.id}:imap`)).toBe(PASSWORD);
    expect(() => decryptSecret(KEY, row.imap_secret ?? "", "mailbox:other:imap")).toThrow();
    expect(row.inbound_secret_hash).toBe(hashToken(added.httpSecret ?? ""));
    expect(row.imap_next_poll_at).not.toBeNull();

    const reads = [
      added,
      await ws.email.mailboxes.list(),
      await ws.email.mailboxes.get("SUPPORT@example.com"),
      await ws.email.mailboxes.get(added.mailbox.id),
    ];
    for (const read of reads) {
      const text = JSON.stringify(read);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(row.imap_secret);
    }
    expect(JSON.stringify(reads.slice(1))).not.toContain(added.httpSecret);
    const { rows } = await ws.database.executeSql("select details::text as d from audit_log where workspace_id = $1", [
      ws.workspace.id,
    ]);
    expect(rows.map((r) => String(r.d)).join()).not.toContain(PASSWORD);
    expect(await auditActions(ws, "mailbox.")).toEqual(["mailbox.created"]);
  });

  it("refuses an address any workspace already has, naming it", async () => {
    const a = await isolatedWorkspace(t.desk);
    const b = await isolatedWorkspace(t.desk);
    const address = `dup-${randomBytes(3).toString("hex")}@example.com`;
    await a.email.mailboxes.add({ address });
    for (const ws of [a, b]) {
      const err = await domainError(ws.email.mailboxes.add({ address: address.toUpperCase() }));
      expect([err.kind, err.code, err.field]).toEqual(["conflict", "mailbox.exists", "address"]);
      expect(err.message).toContain(address);
    }
    expect((await b.email.mailboxes.list()).items).toEqual([]);
  });

  it("names the field of bad input", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const field = async (input: unknown) => {
      const err = await domainError(ws.email.mailboxes.add(input as { address: string }));
      return [err.kind, err.field];
    };
    expect(await field({ address: "not an address" })).toEqual(["validation", "address"]);
    expect(await field({ address: "support+tag@example.com" })).toEqual(["validation", "address"]);
    expect(await field({ address: "a@example.com", imap: { ...imapAt(993), afterProcess: "move" } })).toEqual([
      "validation",
      "imap.moveTo",
    ]);
    expect(await field({ address: "a@example.com", imap: { host: "h.example", user: "u" } })).toEqual([
      "validation",
      "imap.password",
    ]);
    expect(await field({ address: "a@example.com", imap: { ...imapAt(70000) } })).toEqual(["validation", "imap.port"]);
    expect(await field({ address: "a@example.com", team: "Nobody" })).toEqual(["not_found", "team"]);
    expect(await field({ address: "a@example.com", secret: "x" })).toEqual(["validation", "secret"]);
    expect((await ws.email.mailboxes.list()).items).toEqual([]);
  });

  it("lets managers manage mailboxes and refuses agents", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const manager = await asNewAgent(ws, "manager");
    const agent = await asNewAgent(ws, "agent");
    const { mailbox } = await manager.email.mailboxes.add({
      address: `m-${randomBytes(3).toString("hex")}@example.com`,
    });
    expect((await domainError(agent.email.mailboxes.list())).kind).toBe("forbidden");
    expect((await domainError(agent.email.mailboxes.get(mailbox.id))).kind).toBe("forbidden");
    expect((await domainError(agent.email.mailboxes.add({ address: "x@example.com" }))).kind).toBe("forbidden");
    expect((await domainError(agent.email.mailboxes.test(mailbox.id))).kind).toBe("forbidden");
    expect((await domainError(agent.email.mailboxes.remove(mailbox.id))).kind).toBe("forbidden");
    const other = await isolatedWorkspace(t.desk);
    expect((await domainError(other.email.mailboxes.get(mailbox.id))).code).toBe("mailbox.not_found");
  });

  it("updates fields, keeps the password unless given, and issues a new HTTP secret on rotation", async () => {
    const ws = await isolatedWorkspace(t.desk);
    await ws.people.createTeam({ name: "Sales" });
    const { mailbox, httpSecret } = await ws.email.mailboxes.add({
      address: `u-${randomBytes(3).toString("hex")}@example.com`,
      imap: imapAt(143),
      httpSecret: true,
    });
    await ws.database.executeSql("update mailboxes set imap_last_uid = 17, imap_uid_validity = 5 where id = $1", [
      mailbox.id,
    ]);
    const renamed = await ws.email.mailboxes.update(mailbox.address, { displayName: "Sales desk", team: "Sales" });
    expect(renamed.mailbox).toMatchObject({ displayName: "Sales desk", team: { name: "Sales" } });
    expect(renamed.httpSecret).toBeNull();

    // Another folder: same password, read from its first message.
    const moved = await ws.email.mailboxes.update(mailbox.id, { imap: { folder: "Support" } });
    expect(moved.mailbox.imap).toMatchObject({ folder: "Support", host: "127.0.0.1", port: 143, passwordSet: true });
    let row = await rowOf(ws, mailbox.id);
    expect(decryptSecret(KEY, row.imap_secret ?? "", `mailbox:${mailbox.id}:imap`)).toBe(PASSWORD);
    expect([Number(row.imap_last_uid), row.imap_uid_validity]).toEqual([0, null]);

    const elsewhere = await domainError(ws.email.mailboxes.update(mailbox.id, { imap: { host: "evil.example" } }));
    expect([elsewhere.kind, elsewhere.field]).toEqual(["validation", "imap.password"]);
    await ws.email.mailboxes.update(mailbox.id, { imap: { password: "new secret" } });
    row = await rowOf(ws, mailbox.id);
    expect(decryptSecret(KEY, row.imap_secret ?? "", `mailbox:${mailbox.id}:imap`)).toBe("new secret");

    const rotated = await ws.email.mailboxes.update(mailbox.id, { rotateSecret: true });
    expect(rotated.httpSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.httpSecret).not.toBe(httpSecret);
    expect((await rowOf(ws, mailbox.id)).inbound_secret_hash).toBe(hashToken(rotated.httpSecret ?? ""));

    const closed = await ws.email.mailboxes.update(mailbox.id, { httpSecret: false, imap: null, enabled: false });
    expect(closed.mailbox).toMatchObject({ httpInbound: false, imap: null, enabled: false });
    row = await rowOf(ws, mailbox.id);
    expect([row.imap_secret, row.inbound_secret_hash]).toEqual([null, null]);
    expect(await auditActions(ws, "mailbox.")).toEqual([
      "mailbox.created",
      "mailbox.changed",
      "mailbox.changed",
      "mailbox.changed",
      "mailbox.changed",
      "mailbox.changed",
    ]);
  });

  it("deletes a mailbox nothing refers to, and disables one that stored mail came through", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const tag = randomBytes(3).toString("hex");
    const fresh = await ws.email.mailboxes.add({ address: `fresh-${tag}@example.com` });
    const used = await ws.email.mailboxes.add({ address: `used-${tag}@example.com`, httpSecret: true });
    await ws.email.receive(Buffer.from("From: c@customer.test\r\nSubject: hi\r\n\r\nhello\r\n"), {
      source: "smtp",
      envelopeTo: [used.mailbox.address],
    });
    const gone = await ws.email.mailboxes.remove(fresh.mailbox.address);
    expect(gone.outcome).toBe("deleted");
    expect((await domainError(ws.email.mailboxes.get(fresh.mailbox.id))).code).toBe("mailbox.not_found");

    const kept = await ws.email.mailboxes.remove(used.mailbox.id);
    expect(kept.outcome).toBe("disabled");
    expect(kept.message).toContain("1 stored message");
    expect(kept.mailbox).toMatchObject({ enabled: false, httpInbound: false });
    expect((await ws.email.mailboxes.list()).items.map((m) => m.address)).toEqual([used.mailbox.address]);
    const refused = await domainError(
      ws.email.receive(Buffer.from("Subject: again\r\n\r\nx\r\n"), {
        source: "smtp",
        envelopeTo: [used.mailbox.address],
      }),
    );
    expect(refused.code).toBe("email.unknown_mailbox");
    expect(await auditActions(ws, "mailbox.")).toEqual([
      "mailbox.created",
      "mailbox.created",
      "mailbox.deleted",
      "mailbox.disabled",
    ]);
  });
});

describe(`mailbox test connection (${engineUnderTest})`, () => {
  it("says what is off for a mailbox without IMAP, and what the SMTP server answered", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const { mailbox } = await ws.email.mailboxes.add({
      address: `plain-${randomBytes(3).toString("hex")}@example.com`,
    });
    const result = await ws.email.mailboxes.test(mailbox.address);
    expect(result).toMatchObject({
      ok: true,
      imap: { status: "off" },
      outbound: { status: "ok", message: "250 smtp.test ready" },
    });
    verify = async () => {
      throw new Error("Invalid login: 535 5.7.8 Authentication credentials invalid");
    };
    try {
      const failed = await ws.email.mailboxes.test(mailbox.id);
      expect(failed.ok).toBe(false);
      expect(failed.outbound).toMatchObject({ status: "failed", message: expect.stringContaining("535 5.7.8") });
    } finally {
      verify = async () => "250 smtp.test ready";
    }
  });

  it("answers ok=false with the refusal for a closed port", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const port = await freePort();
    const { mailbox } = await ws.email.mailboxes.add({
      address: `closed-${randomBytes(3).toString("hex")}@example.com`,
      imap: imapAt(port),
    });
    const result = await ws.email.mailboxes.test(mailbox.id);
    expect(result.ok).toBe(false);
    expect(result.imap).toMatchObject({ status: "failed", server: `127.0.0.1:${port}`, greeting: null });
    expect(result.imap.message).toMatch(/refused/i);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it("reports a real IMAP server's greeting, UIDVALIDITY and IDLE, and its refusal of a wrong password", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const user = dovecot.users[0] ?? { user: "support", password: "" };
    const { mailbox } = await ws.email.mailboxes.add({
      address: `imap-${randomBytes(3).toString("hex")}@example.com`,
      imap: { ...imapAt(dovecot.port, user.password), user: user.user },
    });
    const result = await ws.email.mailboxes.test(mailbox.id);
    expect(result.imap.message, dovecot.log()).not.toMatch(/error/i);
    expect(result).toMatchObject({ ok: true, imap: { status: "ok", idle: true, server: `127.0.0.1:${dovecot.port}` } });
    expect(result.imap.greeting).toMatch(/dovecot|ready/i);
    expect(result.imap.uidValidity).toBeGreaterThan(0);

    await ws.email.mailboxes.update(mailbox.id, { imap: { password: "wrong password" } });
    const refused = await ws.email.mailboxes.test(mailbox.id);
    expect(refused.ok).toBe(false);
    expect(refused.imap.status).toBe("failed");
    expect(refused.imap.message).toMatch(/refused the login|authentication failed/i);
  });
});
