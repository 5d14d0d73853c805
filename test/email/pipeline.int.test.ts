import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToken } from "../../src/core/channels/index.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { addMailboxRow, rawMail } from "./email-world.js";

const KEY = Buffer.alloc(32, 7);

let t: TestDesk;
beforeAll(async () => {
  t = await openTestDesk({ secretKey: KEY });
});
afterAll(async () => t?.close());

async function desk(): Promise<{ ws: Helpdesk; address: string }> {
  const ws = await isolatedWorkspace(t.desk);
  const address = `support@${ws.workspace.slug}.example`;
  await addMailboxRow(ws, address);
  return { ws, address };
}

async function deliver(ws: Helpdesk, raw: Buffer, to: string) {
  const [stored] = await ws.email.receive(raw, { source: "smtp", envelopeTo: [to] });
  await ws.runPending();
  const rows = (await ws.database.db.execute(
    sql`select status, decision, error, ticket_id::text as "ticketId", entry_id::text as "entryId"
          from inbound_emails where id = ${stored?.id}`,
  )) as unknown as {
    rows: {
      status: string;
      decision: { rule: string; detail: string } | null;
      error: string | null;
      ticketId: string | null;
      entryId: string | null;
    }[];
  };
  return rows.rows[0] as NonNullable<(typeof rows.rows)[0]>;
}

async function messages(ws: Helpdesk, ticketId: string) {
  const timeline = await ws.tickets.timeline(ticketId);
  return timeline.filter((e) => e.kind === "message");
}

describe("inbound email pipeline", () => {
  it("makes a new ticket for the sender, records the Message-ID and why", async () => {
    const { ws, address } = await desk();
    const got = await deliver(ws, rawMail({ to: address, messageId: "first@customer.example" }), address);
    expect(got.status).toBe("processed");
    expect(got.decision?.rule).toBe("new_ticket");
    const ticket = await ws.tickets.get(got.ticketId as string);
    expect(ticket.subject).toBe("Printer on fire");
    expect(ticket.channel).toBe("email");
    const [first] = await messages(ws, ticket.id);
    expect(first?.body).toContain("room 4 is on fire");
    expect(first?.author.type).toBe("customer");
    const ids = (await ws.database.db.execute(
      sql`select ticket_id::text as "ticketId", rule from email_message_ids
            where workspace_id = ${ws.workspace.id} and direction = 'in'`,
    )) as unknown as { rows: { ticketId: string; rule: string }[] };
    expect(ids.rows).toEqual([{ ticketId: ticket.id, rule: "new_ticket" }]);
  });

  it("threads a reply by In-Reply-To, trims the quote and brings a waiting ticket back to open", async () => {
    const { ws, address } = await desk();
    const first = await deliver(ws, rawMail({ to: address, messageId: "a1@customer.example" }), address);
    await ws.tickets.updateStatus(first.ticketId as string, "pending_customer");
    const reply = rawMail({
      to: address,
      subject: "Re: Printer on fire",
      inReplyTo: "<a1@customer.example>",
      body: "Still burning.\r\n\r\nOn Mon, 23 Nov 2026 at 10:00, Support <support@x.example> wrote:\r\n> The printer in room 4\r\n> is on fire.",
    });
    const got = await deliver(ws, reply, address);
    expect(got.decision?.rule).toBe("in_reply_to");
    expect(got.decision?.detail).toBe("threaded by In-Reply-To <a1@customer.example>");
    expect(got.ticketId).toBe(first.ticketId);
    const all = await messages(ws, first.ticketId as string);
    expect(all).toHaveLength(2);
    expect(all[1]?.body).toBe("Still burning.");
    expect((await ws.tickets.get(first.ticketId as string)).status).toBe("open");
  });

  it("threads by References when In-Reply-To is unknown", async () => {
    const { ws, address } = await desk();
    const first = await deliver(ws, rawMail({ to: address, messageId: "r1@customer.example" }), address);
    const got = await deliver(
      ws,
      rawMail({
        to: address,
        inReplyTo: "<unknown@else.example>",
        references: "<r1@customer.example> <unknown@else.example>",
      }),
      address,
    );
    expect(got.decision?.rule).toBe("references");
    expect(got.ticketId).toBe(first.ticketId);
  });

  it("threads by a signed reply token and refuses a forged one", async () => {
    const { ws, address } = await desk();
    const first = await deliver(ws, rawMail({ to: address }), address);
    const ticket = await ws.tickets.get(first.ticketId as string);
    const number = Number(ticket.number.split("-")[1]);
    const tokenAddress = address.replace("@", `+${replyToken(KEY, ws.workspace.id, number)}@`);
    const good = await deliver(
      ws,
      rawMail({ to: tokenAddress, from: "someone@else.example", subject: "hello" }),
      tokenAddress,
    );
    expect(good.decision?.rule).toBe("reply_token");
    expect(good.ticketId).toBe(ticket.id);
    const forgedAddress = address.replace("@", `+${number}.aaaaaaaaaaaa@`);
    const forged = await deliver(ws, rawMail({ to: forgedAddress, subject: "hello" }), forgedAddress);
    expect(forged.decision?.rule).toBe("new_ticket");
    expect(forged.ticketId).not.toBe(ticket.id);
  });

  it("threads by [TKT-n] in the subject only for a participant", async () => {
    const { ws, address } = await desk();
    const first = await deliver(ws, rawMail({ to: address, cc: "boss@customer.example" }), address);
    const ticket = await ws.tickets.get(first.ticketId as string);
    const mine = await deliver(ws, rawMail({ to: address, subject: `Re: [${ticket.number}] Printer` }), address);
    expect(mine.decision?.rule).toBe("subject_number");
    expect(mine.ticketId).toBe(ticket.id);
    const cc = await deliver(
      ws,
      rawMail({ to: address, from: "boss@customer.example", subject: `[${ticket.number}]` }),
      address,
    );
    expect(cc.ticketId).toBe(ticket.id);
    const stranger = await deliver(
      ws,
      rawMail({ to: address, from: "mallory@evil.example", subject: `Re: [${ticket.number}] Printer` }),
      address,
    );
    expect(stranger.decision?.rule).toBe("new_ticket");
    expect(stranger.decision?.detail).toContain("mallory@evil.example has not taken part");
    expect(stranger.ticketId).not.toBe(ticket.id);
  });

  it("stores the same Message-ID once, however often it arrives", async () => {
    const { ws, address } = await desk();
    const raw = rawMail({ to: address, messageId: "twice@customer.example" });
    const a = await deliver(ws, raw, address);
    const b = await deliver(ws, raw, address);
    expect(a.status).toBe("processed");
    expect(b.status).toBe("duplicate");
    expect(b.ticketId).toBe(a.ticketId);
    expect(await messages(ws, a.ticketId as string)).toHaveLength(1);
  });

  it("dedupes messages without a Message-ID by their bytes", async () => {
    const { ws, address } = await desk();
    const raw = rawMail({ to: address, messageId: null });
    const a = await deliver(ws, raw, address);
    const b = await deliver(ws, raw, address);
    expect([a.status, b.status]).toEqual(["processed", "duplicate"]);
  });

  it("opens a follow-up ticket for a reply to a closed ticket", async () => {
    const { ws, address } = await desk();
    const first = await deliver(ws, rawMail({ to: address, messageId: "c1@customer.example" }), address);
    await ws.tickets.updateStatus(first.ticketId as string, "resolved");
    await ws.tickets.updateStatus(first.ticketId as string, "closed");
    const got = await deliver(ws, rawMail({ to: address, inReplyTo: "<c1@customer.example>" }), address);
    expect(got.decision?.rule).toBe("follow_up");
    expect(got.decision?.detail).toMatch(/is closed: follow-up ticket/);
    expect(got.ticketId).not.toBe(first.ticketId);
  });

  it("ignores auto-replies and our own address, and makes no ticket", async () => {
    const { ws, address } = await desk();
    const auto = await deliver(
      ws,
      rawMail({ to: address, subject: "Out of office", headers: { "Auto-Submitted": "auto-replied" } }),
      address,
    );
    expect(auto.status).toBe("ignored");
    expect(auto.ticketId).toBeNull();
    const loop = await deliver(ws, rawMail({ to: address, from: address }), address);
    expect(loop.status).toBe("ignored");
    const count = (await ws.database.db.execute(
      sql`select count(*)::int as n from tickets where workspace_id = ${ws.workspace.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(count.rows[0]?.n).toBe(0);
  });

  it("keeps unreadable mail as failed with the reason", async () => {
    const { ws, address } = await desk();
    const got = await deliver(ws, Buffer.from([0, 159, 146, 150, 0, 255, 1, 2, 3]), address);
    expect(["failed", "ignored"]).toContain(got.status);
    if (got.status === "failed") expect(got.error).toBeTruthy();
    expect(got.ticketId).toBeNull();
  });

  it("does not thread across workspaces", async () => {
    const one = await desk();
    const two = await desk();
    await deliver(one.ws, rawMail({ to: one.address, messageId: "shared@customer.example" }), one.address);
    const got = await deliver(
      two.ws,
      rawMail({ to: two.address, inReplyTo: "<shared@customer.example>" }),
      two.address,
    );
    expect(got.decision?.rule).toBe("new_ticket");
  });
});
