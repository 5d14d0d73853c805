/**
 * Every .eml fixture through the whole inbound pipeline (store → parse → filters
 * → threading → ticket): replies from each client thread into their ticket with
 * the quote trimmed, odd charsets become readable tickets, automated mail and
 * bounces make no ticket, unreadable mail is kept as failed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Helpdesk } from "../../src/lib/index.js";
import { isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { addMailboxRow } from "./email-world.js";

const DIR = join(import.meta.dirname, "../fixtures/email");
const ADDRESS = "support@helpdesk.example.com";
const fixture = (name: string) => readFileSync(join(DIR, name));

let t: TestDesk;
beforeAll(async () => {
  t = await openTestDesk();
});
afterAll(async () => t?.close());

interface Outcome {
  status: string;
  rule: string | null;
  detail: string | null;
  error: string | null;
  ticketId: string | null;
  entryId: string | null;
}

/** A new workspace that now owns the fixtures' mailbox (an address belongs to one workspace). */
async function workspace(): Promise<Helpdesk> {
  const ws = await isolatedWorkspace(t.desk);
  const moved = (await ws.database.db.execute(
    sql`update mailboxes set workspace_id = ${ws.workspace.id} where address = ${ADDRESS} returning id`,
  )) as unknown as { rows: unknown[] };
  if (moved.rows.length === 0) await addMailboxRow(ws, ADDRESS);
  return ws;
}

async function deliver(ws: Helpdesk, raw: Buffer): Promise<Outcome> {
  const [stored] = await ws.email.receive(raw, { source: "smtp", envelopeTo: [ADDRESS] });
  await ws.runPending();
  const r = (await ws.database.db.execute(sql`
    select status, decision->>'rule' as rule, decision->>'detail' as detail, error,
           ticket_id::text as "ticketId", entry_id::text as "entryId"
      from inbound_emails where id = ${stored?.id}`)) as unknown as { rows: Outcome[] };
  return r.rows[0] as Outcome;
}

/** A ticket whose outbound reply had this Message-ID (as if we had sent it). */
async function sentReply(ws: Helpdesk, messageId: string): Promise<string> {
  const ticket = await ws.tickets.create({ subject: "Earlier question", requester: "someone@example.org" });
  await ws.database.db.execute(sql`
    insert into email_message_ids (workspace_id, message_id, ticket_id, direction, rule, detail, created_at)
    values (${ws.workspace.id}, ${messageId}, ${ticket.id}, 'out', 'sent', '', now())`);
  return ticket.id;
}

async function entryBody(ws: Helpdesk, ticketId: string, entryId: string | null) {
  const entries = await ws.tickets.timeline(ticketId);
  return entries.find((e) => e.id === entryId);
}

describe("fixtures through the inbound pipeline", () => {
  const replies: [string, string, RegExp][] = [
    ["gmail-reply.eml", "helpline.a1b2c3.1001@helpdesk.example.com", /wrote:/],
    ["gmail-reply-de.eml", "helpline.d4e5f6.1002@helpdesk.example.com", /schrieb/],
    ["outlook-reply.eml", "helpline.g7h8i9.1003@helpdesk.example.com", /Original Message|^From:/m],
    ["apple-mail-reply.eml", "helpline.j1k2l3.1004@helpdesk.example.com", /Sent from my iPhone|wrote:/],
    ["thunderbird-reply.eml", "helpline.m4n5o6.1005@helpdesk.example.com", /wrote:/],
  ];
  for (const [file, parent, quoteMark] of replies) {
    it(`threads ${file} by In-Reply-To and trims the quote`, async () => {
      const ws = await workspace();
      const ticketId = await sentReply(ws, parent);
      const got = await deliver(ws, fixture(file));
      expect(got.status, got.error ?? "").toBe("processed");
      expect(got.rule).toBe("in_reply_to");
      expect(got.ticketId).toBe(ticketId);
      const entry = await entryBody(ws, ticketId, got.entryId);
      expect(entry?.body.length).toBeGreaterThan(0);
      expect(entry?.body).not.toMatch(quoteMark);
      expect(entry?.email?.trimmed).toBe(true);
    });
  }

  const fresh: [string, RegExp | null][] = [
    ["forwarded.eml", /Forwarded message/],
    ["html-only.eml", null],
    ["iso-8859-1.eml", null],
    ["windows-1252.eml", /€/],
    ["shift-jis.eml", /[\u3040-\u30ff\u4e00-\u9fff]/],
    ["koi8-r.eml", /[\u0400-\u04ff]/],
    ["encoded-words.eml", null],
    ["missing-message-id.eml", null],
    ["broken-headers.eml", null],
  ];
  for (const [file, bodyMark] of fresh) {
    it(`makes a readable new ticket of ${file}`, async () => {
      const ws = await workspace();
      const got = await deliver(ws, fixture(file));
      expect(got.status, got.error ?? "").toBe("processed");
      expect(got.rule).toBe("new_ticket");
      const ticket = await ws.tickets.get(got.ticketId as string);
      expect(ticket.subject).not.toMatch(/=\?|\uFFFD/);
      const entry = await entryBody(ws, ticket.id, got.entryId);
      expect(entry?.body).not.toMatch(/\uFFFD|<script/i);
      if (bodyMark) expect(entry?.body).toMatch(bodyMark);
    });
  }

  it("keeps attachments with their sniffed types, inline images too", async () => {
    const ws = await workspace();
    const got = await deliver(ws, fixture("attachments.eml"));
    const entry = await entryBody(ws, got.ticketId as string, got.entryId);
    expect(entry?.attachments.map((a) => a.contentType).sort()).toEqual(["application/pdf", "image/png"]);
    expect((await ws.tickets.get(got.ticketId as string)).attachmentCount).toBe(2);
    const inline = await deliver(ws, fixture("inline-image.eml"));
    const inlineEntry = await entryBody(ws, inline.ticketId as string, inline.entryId);
    expect(inlineEntry?.attachments.some((a) => a.contentType === "image/png")).toBe(true);
  });

  it("never serves a mislabeled attachment as an image", async () => {
    const ws = await workspace();
    const got = await deliver(ws, fixture("mislabeled-attachment.eml"));
    const entry = await entryBody(ws, got.ticketId as string, got.entryId);
    expect(entry?.attachments).toHaveLength(1);
    expect(entry?.attachments[0]?.contentType).not.toMatch(/^image\//);
  });

  for (const file of ["auto-replied.eml", "out-of-office.eml", "mailing-list.eml", "own-outbound.eml"]) {
    it(`makes no ticket of ${file}`, async () => {
      const ws = await workspace();
      const got = await deliver(ws, fixture(file));
      expect(got.status).toBe("ignored");
      expect(got.ticketId).toBeNull();
    });
  }

  it("marks our outbound message failed when its bounce arrives, and makes no ticket", async () => {
    const ws = await workspace();
    const ticketId = await sentReply(ws, "helpline.p7q8r9.1006@helpdesk.example.com");
    const got = await deliver(ws, fixture("dsn-rfc822.eml"));
    expect(got.status).toBe("ignored");
    expect(got.rule).toBe("bounce");
    expect(got.detail).toMatch(/5\.1\.1/);
    const entries = await ws.tickets.timeline(ticketId);
    expect(entries.some((e) => e.event?.action === "email_bounced")).toBe(true);
    const delayed = await deliver(ws, fixture("dsn-headers.eml"));
    expect(delayed.status).toBe("ignored");
    expect(delayed.ticketId).toBeNull();
  });

  it("keeps unreadable mail as failed with a reason, and goes on", async () => {
    const ws = await workspace();
    const garbage = await deliver(ws, fixture("malformed-garbage.eml"));
    expect(garbage.status).toBe("failed");
    expect(garbage.error).toMatch(/\w/);
    const truncated = await deliver(ws, fixture("malformed-truncated.eml"));
    expect(["processed", "failed"]).toContain(truncated.status);
    const next = await deliver(ws, fixture("html-only.eml"));
    expect(next.status).toBe("processed");
  });
});
