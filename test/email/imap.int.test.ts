/**
 * IMAP polling against a real Dovecot: storage before flags, cursor by UID
 * across restarts, UIDVALIDITY changes, move/delete, errors an admin can act
 * on, IDLE, and the way from an appended message to a ticket.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "../../src/core/auth/index.js";
import {
  DEFAULT_EMAIL_LIMITS,
  type EmailEnv,
  type ImapSettings,
  inboundEmailWork,
  mailboxesDueForPoll,
  pollMailbox,
} from "../../src/core/channels/index.js";
import { mailboxes } from "../../src/db/schema/index.js";
import { imapflowConnector } from "../../src/integrations/email/imap-client.js";
import { parseMime } from "../../src/integrations/email/parse-mime.js";
import { pollDueMailboxes } from "../../src/jobs/poll-mailboxes.js";
import { createHelpdesk, type Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { type Dovecot, freePort, startDovecot, testMessage } from "./dovecot.js";

const KEY = Buffer.alloc(32, 9);
const clock = { now: () => new Date() };
const USERS = [
  "seen",
  "move",
  "del",
  "again",
  "validity",
  "wrong",
  "tls",
  "big",
  "idle",
  "e2e",
  "restart",
  "job1",
  "job2",
];

let t: TestDesk;
let imap: Dovecot;
beforeAll(async () => {
  imap = await startDovecot({ tls: true, users: USERS.map((user) => ({ user, password: `pw-${user}` })) });
  t = await openTestDesk({ secretKey: KEY });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await imap?.stop();
});

function envFor(limits = DEFAULT_EMAIL_LIMITS): EmailEnv {
  return { parse: parseMime, imap: imapflowConnector, secretKey: KEY, limits };
}

/** A mailbox row polling `user`'s folder (plain port with STARTTLS and the self-signed certificate allowed). */
async function addImapMailbox(
  ws: Helpdesk,
  user: string,
  settings: Partial<ImapSettings> = {},
  password = `pw-${user}`,
): Promise<{ id: string; address: string }> {
  const id = randomUUID();
  const address = `${user}-${id.slice(0, 6)}@${ws.workspace.slug}.example`;
  const now = new Date();
  await ws.database.db.insert(mailboxes).values({
    id,
    workspaceId: ws.workspace.id,
    address,
    imap: { host: imap.host, port: imap.port, tls: false, allowSelfSigned: true, user, ...settings },
    imapSecret: encryptSecret(KEY, password, `mailbox:${id}:imap`),
    createdAt: now,
    updatedAt: now,
  });
  return { id, address };
}

async function inboundRows(ws: Helpdesk, mailboxId: string) {
  const res = (await ws.database.db.execute(sql`
    select raw, source, imap_uid as uid, imap_uid_validity as "uidValidity", status
      from inbound_emails where mailbox_id = ${mailboxId} order by received_at, imap_uid`)) as unknown as {
    rows: {
      raw: Buffer | Uint8Array;
      source: string;
      uid: string | number;
      uidValidity: string | number;
      status: string;
    }[];
  };
  return res.rows.map((r) => ({
    ...r,
    raw: Buffer.from(r.raw).toString(),
    uid: Number(r.uid),
    uidValidity: Number(r.uidValidity),
  }));
}

async function mailboxRow(ws: Helpdesk, id: string) {
  const [row] = await ws.database.db.select().from(mailboxes).where(eq(mailboxes.id, id));
  return row as NonNullable<typeof row>;
}

/** UID → flags of every message in a user's folder (empty when the folder is empty). */
async function serverFlags(user: string, folder = "INBOX"): Promise<Map<number, string[]>> {
  const c = await imap.client(user);
  try {
    const box = await c.mailboxOpen(folder);
    const out = new Map<number, string[]>();
    if (box.exists === 0) return out;
    for (const m of await c.fetchAll("1:*", { uid: true, flags: true })) out.set(m.uid, [...(m.flags ?? [])]);
    return out;
  } finally {
    await c.logout();
  }
}

describe("IMAP polling (Dovecot)", () => {
  it("stores each message raw with its UID before marking it \\Seen; a second poll stores nothing", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "seen");
    const first = testMessage({ to: box.address, subject: "First" });
    await imap.append("seen", "INBOX", first, testMessage({ to: box.address, subject: "Second" }));

    const result = await ws.email.pollMailbox(box.address);
    expect(result).toMatchObject({ fetched: 2, stored: 2, lastUid: 2, error: null });
    const rows = await inboundRows(ws, box.id);
    expect(rows.map((r) => [r.uid, r.source, r.uidValidity])).toEqual([
      [1, "imap", result.uidValidity],
      [2, "imap", result.uidValidity],
    ]);
    expect(rows[0]?.raw).toBe(first);
    const flags = await serverFlags("seen");
    expect([...flags.values()].every((f) => f.includes("\\Seen"))).toBe(true);

    const row = await mailboxRow(ws, box.id);
    expect(row).toMatchObject({ imapLastUid: 2, imapUidValidity: result.uidValidity, lastError: null });
    expect(row.lastPolledAt).toBeInstanceOf(Date);
    expect(row.imapNextPollAt?.getTime()).toBeGreaterThan(row.lastPolledAt?.getTime() ?? 0);

    const again = await ws.email.pollMailbox(box.id);
    expect(again).toMatchObject({ fetched: 0, stored: 0, lastUid: 2, error: null });
    expect(await inboundRows(ws, box.id)).toHaveLength(2);
  });

  it("moves processed messages to the configured folder, creating it", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "move", { afterProcess: "move", moveTo: "Processed" });
    await imap.append("move", "INBOX", testMessage({ to: box.address }), testMessage({ to: box.address }));
    expect(await ws.email.pollMailbox(box.id)).toMatchObject({ stored: 2, error: null });
    expect((await serverFlags("move")).size).toBe(0);
    expect((await serverFlags("move", "Processed")).size).toBe(2);
  });

  it("deletes processed messages when told to", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "del", { afterProcess: "delete" });
    await imap.append("del", "INBOX", testMessage({ to: box.address }));
    expect(await ws.email.pollMailbox(box.id)).toMatchObject({ stored: 1, error: null });
    expect((await serverFlags("del")).size).toBe(0);
    expect(await inboundRows(ws, box.id)).toHaveLength(1);
  });

  it("resumes after the last stored UID when a new desk opens the same database", async () => {
    const dataDir = engineUnderTest === "pglite" ? mkdtempSync(join(tmpdir(), "helpline-imap-")) : undefined;
    const pg = dataDir ? undefined : await freshDatabase();
    const database = dataDir ? { dataDir } : (pg?.database as { url: string });
    try {
      let desk = await createHelpdesk({ database, migrate: true, secretKey: KEY });
      const box = await addImapMailbox(desk, "restart");
      await imap.append("restart", "INBOX", testMessage({ to: box.address }), testMessage({ to: box.address }));
      expect(await desk.email.pollMailbox(box.id)).toMatchObject({ stored: 2, lastUid: 2 });
      await desk.close();

      await imap.append("restart", "INBOX", testMessage({ to: box.address }), testMessage({ to: box.address }));
      // Even with the \Seen flags gone, the cursor (not the flags) decides what is new.
      const c = await imap.client("restart");
      await c.mailboxOpen("INBOX");
      await c.messageFlagsRemove("1:*", ["\\Seen"]);
      await c.logout();
      desk = await createHelpdesk({ database, secretKey: KEY });
      try {
        expect(await desk.email.pollMailbox(box.address)).toMatchObject({ fetched: 2, stored: 2, lastUid: 4 });
        expect((await inboundRows(desk, box.id)).map((r) => r.uid)).toEqual([1, 2, 3, 4]);
      } finally {
        await desk.close();
      }
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await pg?.drop();
    }
  }, 120_000);

  it("reads the folder again from the start when its UIDVALIDITY changes", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "validity", { folder: "Support" });
    await imap.append("validity", "Support", testMessage({ to: box.address }), testMessage({ to: box.address }));
    const before = await ws.email.pollMailbox(box.id);
    expect(before).toMatchObject({ stored: 2, lastUid: 2 });

    const c = await imap.client("validity");
    await c.mailboxDelete("Support");
    await c.logout();
    await imap.append("validity", "Support", testMessage({ to: box.address, subject: "After the reset" }));

    const after = await ws.email.pollMailbox(box.id);
    expect(after).toMatchObject({ fetched: 1, stored: 1, lastUid: 1, error: null });
    expect(after.uidValidity).not.toBe(before.uidValidity);
    const rows = await inboundRows(ws, box.id);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ uid: 1, uidValidity: after.uidValidity });
    expect(rows[2]?.raw).toContain("After the reset");
    expect(await mailboxRow(ws, box.id)).toMatchObject({ imapLastUid: 1, imapUidValidity: after.uidValidity });
  });

  it("records a refused login on the mailbox, and clears it once the password is right", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "wrong", {}, "not-the-password");
    await imap.append("wrong", "INBOX", testMessage({ to: box.address }));
    const failed = await ws.email.pollMailbox(box.id);
    expect(failed.stored).toBe(0);
    expect(failed.error).toMatch(/^the IMAP server refused the login for wrong: .*(authentication|failed)/i);
    const row = await mailboxRow(ws, box.id);
    expect(row.lastError).toBe(failed.error);
    expect(row.lastErrorAt).toBeInstanceOf(Date);

    await ws.database.db
      .update(mailboxes)
      .set({ imapSecret: encryptSecret(KEY, "pw-wrong", `mailbox:${box.id}:imap`) })
      .where(eq(mailboxes.id, box.id));
    expect(await ws.email.pollMailbox(box.id)).toMatchObject({ stored: 1, error: null });
    expect(await mailboxRow(ws, box.id)).toMatchObject({ lastError: null, lastErrorAt: null });
  });

  it("names host and port when nothing listens there", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const port = await freePort();
    const box = await addImapMailbox(ws, "seen", { port });
    const result = await ws.email.pollMailbox(box.id);
    expect(result.error).toBe(`could not connect to the IMAP server 127.0.0.1:${port}: connection refused`);
    expect((await mailboxRow(ws, box.id)).lastError).toBe(result.error);
  });

  it("speaks implicit TLS and STARTTLS, and refuses a self-signed certificate unless allowed", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const strict = await addImapMailbox(ws, "tls", { port: imap.tlsPort, tls: true, allowSelfSigned: false });
    expect((await ws.email.pollMailbox(strict.id)).error).toMatch(
      new RegExp(`^TLS with the IMAP server 127\\.0\\.0\\.1:${imap.tlsPort} failed: .*self[- ]signed`),
    );
    const starttls = await addImapMailbox(ws, "tls", { allowSelfSigned: false });
    expect((await ws.email.pollMailbox(starttls.id)).error).toMatch(/^TLS with the IMAP server .*self[- ]signed/);

    await imap.append("tls", "INBOX", testMessage({ to: strict.address }));
    const trusting = await addImapMailbox(ws, "tls", { port: imap.tlsPort, tls: true, allowSelfSigned: true });
    expect(await ws.email.pollMailbox(trusting.id)).toMatchObject({ stored: 1, error: null });
  });

  it("leaves a message over the size limit on the server, unmarked, and says which one", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "big");
    await imap.append(
      "big",
      "INBOX",
      testMessage({ to: box.address, body: "x".repeat(5000) }),
      testMessage({ to: box.address, body: "small" }),
    );
    const env = envFor({ ...DEFAULT_EMAIL_LIMITS, maxMessageBytes: 2000 });
    const result = await pollMailbox(ws.database.db, clock, env, box.id);
    expect(result).toMatchObject({ fetched: 2, stored: 1, lastUid: 2, error: null });
    expect((await inboundRows(ws, box.id)).map((r) => r.uid)).toEqual([2]);
    const flags = await serverFlags("big");
    expect(flags.get(1)).not.toContain("\\Seen");
    expect(flags.get(2)).toContain("\\Seen");
    const row = await mailboxRow(ws, box.id);
    expect(row.lastError).toMatch(/message UID 1 is \d{4} bytes, over this desk's limit of 2000/);

    // Kept visible on the next, uneventful poll.
    await pollMailbox(ws.database.db, clock, env, box.id);
    expect((await mailboxRow(ws, box.id)).lastError).toBe(row.lastError);
  });

  it("with IDLE, stores a message that arrives during the wait before the poll returns", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "idle", { idleSeconds: 30 });
    let appended = false;
    const stored: number[] = [];
    const poll = pollMailbox(ws.database.db, clock, envFor(), box.id, {
      idleMs: 4000,
      onStored: async () => {
        stored.push((await inboundRows(ws, box.id)).length);
      },
    });
    setTimeout(() => {
      imap.append("idle", "INBOX", testMessage({ to: box.address, subject: "During IDLE" })).then(() => {
        appended = true;
      });
    }, 500);
    const result = await poll;
    expect(appended).toBe(true);
    expect(result).toMatchObject({ fetched: 1, stored: 1, error: null });
    expect(stored).toEqual([1]);
    expect((await inboundRows(ws, box.id))[0]?.raw).toContain("During IDLE");
  });

  it("lists mailboxes due for a poll until they are polled", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "again", { idleSeconds: 7 });
    const due = async (at: Date) => (await mailboxesDueForPoll(ws.database.db, at)).filter((m) => m.id === box.id);
    expect(await due(new Date())).toEqual([{ id: box.id, idleSeconds: 7 }]);
    await ws.email.pollMailbox(box.id);
    expect(await due(new Date())).toEqual([]);
    expect(await due(new Date(Date.now() + 2 * 60_000))).toHaveLength(1);
  });

  it("the poll job polls every due mailbox and hands what it stored to inbound processing", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const one = await addImapMailbox(ws, "job1");
    const two = await addImapMailbox(ws, "job2", { afterProcess: "delete" });
    await imap.append("job1", "INBOX", testMessage({ to: one.address }));
    await imap.append("job2", "INBOX", testMessage({ to: two.address }), testMessage({ to: two.address }));
    const env = envFor();
    const logged: string[] = [];
    await pollDueMailboxes(
      {
        database: ws.database,
        listeners: () => [],
        dueWork: () => [inboundEmailWork(env)],
        log: (msg) => logged.push(msg),
        clock,
        email: env,
      },
      { budgetMs: 1500 },
    );
    const statuses = [...(await inboundRows(ws, one.id)), ...(await inboundRows(ws, two.id))].map((r) => r.status);
    expect(statuses).toEqual(["processed", "processed", "processed"]);
    expect((await serverFlags("job2")).size).toBe(0);
    expect(logged).not.toContain("IMAP poll failed");
  });

  it("turns an appended message into a ticket: poll, then the inbound pipeline", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const box = await addImapMailbox(ws, "e2e");
    await imap.append(
      "e2e",
      "INBOX",
      testMessage({ to: box.address, subject: "Scanner jammed", body: "The scanner on floor 2 is jammed." }),
    );
    expect(await ws.email.pollMailbox(box.id)).toMatchObject({ stored: 1 });
    await ws.runPending();
    const [row] = (
      (await ws.database.db.execute(
        sql`select status, ticket_id::text as "ticketId" from inbound_emails where mailbox_id = ${box.id}`,
      )) as unknown as { rows: { status: string; ticketId: string }[] }
    ).rows;
    expect(row?.status).toBe("processed");
    const ticket = await ws.tickets.get(row?.ticketId as string);
    expect(ticket.subject).toBe("Scanner jammed");
    const timeline = await ws.tickets.timeline(ticket.id);
    expect(timeline.find((e) => e.kind === "message")?.body).toContain("floor 2 is jammed");
  });
});
