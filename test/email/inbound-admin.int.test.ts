import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Helpdesk } from "../../src/lib/index.js";
import {
  asNewAgent,
  domainError,
  engineUnderTest,
  isolatedWorkspace,
  openTestDesk,
  type TestDesk,
} from "../harness.js";
import { addMailboxRow, rawMail } from "./email-world.js";

const KEY = Buffer.alloc(32, 9);
/** A 1x1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

let t: TestDesk;
beforeAll(async () => {
  t = await openTestDesk({ secretKey: KEY });
});
afterAll(async () => t?.close());

interface Mailbox {
  ws: Helpdesk;
  address: string;
}

async function mailbox(): Promise<Mailbox> {
  const ws = await isolatedWorkspace(t.desk);
  const address = `support@${ws.workspace.slug}.example`;
  await addMailboxRow(ws, address);
  return { ws, address };
}

type Row = Record<string, unknown>;
async function rows(ws: Helpdesk, query: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await ws.database.db.execute(query)) as unknown as { rows: Row[] }).rows;
}

/** Receives a raw message at the mailbox and runs the pipeline; the stored row's outcome. */
async function deliver(m: Mailbox, raw: Buffer) {
  const [stored] = await m.ws.email.receive(raw, { source: "smtp", envelopeTo: [m.address] });
  await m.ws.runPending();
  const [row] = await rows(
    m.ws,
    sql`select id::text as id, status, ticket_id::text as "ticketId", entry_id::text as "entryId"
          from inbound_emails where id = ${stored?.id}`,
  );
  return row as { id: string; status: string; ticketId: string; entryId: string };
}

/** A message with one PNG attachment. */
function mailWithPng(to: string, messageId: string, extra: { inReplyTo?: string; subject?: string } = {}): Buffer {
  const b = "b0undary";
  const lines = [
    "From: Dana Customer <dana@customer.example>",
    `To: ${to}`,
    `Subject: ${extra.subject ?? "Screenshot of the error"}`,
    "Date: Mon, 23 Nov 2026 10:00:00 +0000",
    `Message-ID: <${messageId}>`,
    ...(extra.inReplyTo ? [`In-Reply-To: <${extra.inReplyTo}>`] : []),
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Here is the screenshot.",
    `--${b}`,
    'Content-Type: image/png; name="shot.png"',
    'Content-Disposition: attachment; filename="shot.png"',
    "Content-Transfer-Encoding: base64",
    "",
    PNG.toString("base64"),
    `--${b}--`,
    "",
  ];
  return Buffer.from(lines.join("\r\n"));
}

async function customerDesk(ws: Helpdesk, email: string): Promise<Helpdesk> {
  const c = await ws.people.getCustomer(email);
  return ws.as({ type: "customer", id: c.id, role: "customer", companyId: null });
}

describe(`where is this message (${engineUnderTest})`, () => {
  it("answers the ticket and the rule for a received message, with or without <>", async () => {
    const m = await mailbox();
    const first = await deliver(m, rawMail({ to: m.address, messageId: "w1@customer.example" }));
    const reply = await deliver(
      m,
      rawMail({ to: m.address, messageId: "w2+x/y=z@customer.example", inReplyTo: "<w1@customer.example>" }),
    );
    const ticket = await m.ws.tickets.get(first.ticketId);
    const at = await m.ws.email.whereIs("<w1@customer.example>");
    expect(at).toMatchObject({
      messageId: "w1@customer.example",
      direction: "in",
      ticket: { id: ticket.id, number: ticket.number, subject: "Printer on fire" },
      entryId: first.entryId,
      rule: "new_ticket",
      inboundId: first.id,
    });
    const threaded = await m.ws.email.whereIs("w2+x/y=z@customer.example");
    expect(threaded.ticket.number).toBe(ticket.number);
    expect(threaded.rule).toBe("in_reply_to");
    expect(threaded.detail).toContain("w1@customer.example");
    expect(threaded.entryId).toBe(reply.entryId);
  });

  it("names the id it did not find, and refuses customers", async () => {
    const m = await mailbox();
    const err = await domainError(m.ws.email.whereIs("<nobody@nowhere.example>"));
    expect(err.code).toBe("email.message_not_found");
    expect(err.message).toContain("nobody@nowhere.example");
    await deliver(m, rawMail({ to: m.address, messageId: "c1@customer.example" }));
    const customer = await customerDesk(m.ws, "dana@customer.example");
    expect((await domainError(customer.email.whereIs("c1@customer.example"))).kind).toBe("forbidden");
    // Another workspace does not see it either.
    const other = await isolatedWorkspace(t.desk);
    expect((await domainError(other.email.whereIs("c1@customer.example"))).code).toBe("email.message_not_found");
  });
});

describe(`moving and splitting messages (${engineUnderTest})`, () => {
  it("moves a message with its Message-ID, inbound row and attachments to another ticket, recorded on both", async () => {
    const m = await mailbox();
    const a = await deliver(m, rawMail({ to: m.address, messageId: "m1@customer.example" }));
    const moved = await deliver(m, mailWithPng(m.address, "m2@customer.example", { inReplyTo: "m1@customer.example" }));
    expect(moved.ticketId).toBe(a.ticketId);
    const b = await deliver(m, rawMail({ to: m.address, messageId: "m3@customer.example", subject: "Other" }));
    const [from, to] = [await m.ws.tickets.get(a.ticketId), await m.ws.tickets.get(b.ticketId)];
    expect(from.attachmentCount).toBe(1);

    const result = await m.ws.email.moveEntry(from.number, moved.entryId, to.number);
    expect(result.from.attachmentCount).toBe(0);
    expect(result.to.attachmentCount).toBe(1);
    const fromTimeline = await m.ws.tickets.timeline(from.id);
    const toTimeline = await m.ws.tickets.timeline(to.id);
    expect(fromTimeline.some((e) => e.id === moved.entryId)).toBe(false);
    expect(toTimeline.find((e) => e.id === moved.entryId)?.attachments).toHaveLength(1);
    expect(fromTimeline.map((e) => e.body)).toContainEqual(expect.stringMatching(`Message moved to ${to.number} by`));
    expect(toTimeline.map((e) => e.body)).toContainEqual(expect.stringMatching(`moved here from ${from.number}`));
    expect((await m.ws.email.whereIs("m2@customer.example")).ticket.number).toBe(to.number);
    const [inbound] = await rows(m.ws, sql`select ticket_id::text as t from inbound_emails where id = ${moved.id}`);
    expect(inbound?.t).toBe(to.id);
    const events = await rows(
      m.ws,
      sql`select subject_id::text as s from outbox_events
           where workspace_id = ${m.ws.workspace.id} and type = 'ticket.updated' and payload ? 'moved'`,
    );
    expect(events.map((e) => e.s).sort()).toEqual([from.id, to.id].sort());
    // A reply to the moved message now threads into its new ticket.
    const next = await deliver(m, rawMail({ to: m.address, inReplyTo: "<m2@customer.example>" }));
    expect(next.ticketId).toBe(to.id);
  });

  it("refuses the same ticket, a note, a closed ticket and a ticket's only message, saying why", async () => {
    const m = await mailbox();
    const a = await deliver(m, rawMail({ to: m.address, messageId: "r1@customer.example" }));
    const b = await deliver(m, rawMail({ to: m.address, messageId: "r2@customer.example", subject: "Other" }));
    const only = await domainError(m.ws.email.moveEntry(a.ticketId, a.entryId, b.ticketId));
    expect(only.code).toBe("email.move_only_message");
    expect(only.message).toContain("only message");
    const second = await deliver(m, rawMail({ to: m.address, inReplyTo: "<r1@customer.example>" }));
    expect((await domainError(m.ws.email.moveEntry(a.ticketId, second.entryId, a.ticketId))).code).toBe(
      "email.move_same_ticket",
    );
    await m.ws.tickets.addComment(a.ticketId, { body: "internal", internal: true });
    const note = (await m.ws.tickets.timeline(a.ticketId)).find((e) => e.kind === "note");
    const noteErr = await domainError(m.ws.email.moveEntry(a.ticketId, note?.id ?? "", b.ticketId));
    expect(noteErr.code).toBe("email.move_not_message");
    const closed = await m.ws.tickets.create({ subject: "Done", requester: "x@customer.example" });
    await m.ws.tickets.updateStatus(closed.id, "cancelled");
    expect((await domainError(m.ws.email.moveEntry(a.ticketId, second.entryId, closed.id))).code).toBe("ticket.final");
    const customer = await customerDesk(m.ws, "dana@customer.example");
    expect((await domainError(customer.email.moveEntry(a.ticketId, second.entryId, b.ticketId))).kind).toBe(
      "forbidden",
    );
  });

  it("splits a message into a new email ticket of the same requester", async () => {
    const m = await mailbox();
    const a = await deliver(m, rawMail({ to: m.address, messageId: "s1@customer.example" }));
    const later = await deliver(
      m,
      rawMail({
        to: m.address,
        subject: "Re: Also the scanner",
        inReplyTo: "<s1@customer.example>",
        body: "Scanner too.",
      }),
    );
    const source = await m.ws.tickets.get(a.ticketId);
    const { to, from } = await m.ws.email.splitEntry(source.number, later.entryId);
    expect(from.id).toBe(source.id);
    expect(to.id).not.toBe(source.id);
    expect(to).toMatchObject({ subject: "Also the scanner", channel: "email", requesterId: source.requesterId });
    expect(to.description).toBe("Scanner too.");
    const timeline = await m.ws.tickets.timeline(to.id);
    expect(timeline.filter((e) => e.kind === "message").map((e) => e.id)).toEqual([later.entryId]);
    expect(timeline.map((e) => e.body)).toContainEqual(expect.stringMatching(`Split off from ${source.number}`));
    const named = await m.ws.email.splitEntry(to.number, later.entryId).catch((e: Error) => e);
    expect((named as { code?: string }).code).toBe("email.move_only_message");
  });
});

describe(`stored inbound messages (${engineUnderTest})`, () => {
  it("lists failed messages, shows the original and retries one through the pipeline", async () => {
    const m = await mailbox();
    const ok = await deliver(m, rawMail({ to: m.address, messageId: "f1@customer.example", subject: "Öl" }));
    const [stored] = await m.ws.email.receive(rawMail({ to: m.address, messageId: "f2@customer.example" }), {
      source: "smtp",
      envelopeTo: [m.address],
      envelopeFrom: "bounce@customer.example",
    });
    const id = stored?.id as string;
    await m.ws.database.db.execute(
      sql`update inbound_emails set status = 'failed', error = 'parser exploded', attempts = 5, next_attempt_at = null
           where id = ${id}`,
    );
    const failed = await m.ws.email.inbound.list({ status: "failed" });
    expect(failed.items.map((i) => i.id)).toEqual([id]);
    expect(failed.items[0]).toMatchObject({ error: "parser exploded", from: "bounce@customer.example", attempts: 5 });
    expect(failed.items[0]?.mailbox?.address).toBe(m.address);
    const all = await m.ws.email.inbound.list({ limit: 1 });
    expect(all.items).toHaveLength(1);
    expect((await m.ws.email.inbound.list({ cursor: all.nextCursor ?? "" })).items).toHaveLength(1);

    const original = await m.ws.email.inbound.get(ok.id);
    expect(original.headers).toContain("Message-ID: <f1@customer.example>");
    expect(original.parsed?.text).toContain("room 4 is on fire");
    expect(original.ticket?.number).toBe((await m.ws.tickets.get(ok.ticketId)).number);

    const agent = m.ws.as({ type: "agent", id: (await agentId(m.ws)) ?? "", role: "agent" });
    expect((await domainError(agent.email.inbound.list())).kind).toBe("forbidden");
    expect((await domainError(agent.email.inbound.retry(id))).kind).toBe("forbidden");

    const retried = await m.ws.email.inbound.retry(id);
    expect(retried).toMatchObject({ status: "received", previousStatus: "failed" });
    await m.ws.runPending();
    const [after] = await rows(m.ws, sql`select status, ticket_id::text as t from inbound_emails where id = ${id}`);
    expect(after?.status).toBe("processed");
    expect(after?.t).toBeTruthy();
    const audit = await rows(
      m.ws,
      sql`select details from audit_log where workspace_id = ${m.ws.workspace.id} and action = 'email.inbound_retried'`,
    );
    expect(audit[0]?.details).toMatchObject({ previousStatus: "failed", error: "parser exploded" });
    const again = await domainError(m.ws.email.inbound.retry(id));
    expect(again.code).toBe("email.inbound_not_retryable");
    expect(again.message).toContain("processed");
  });
});

async function agentId(ws: Helpdesk): Promise<string | undefined> {
  const a = await ws.people.createAgent({ email: `ag-${Date.now()}@desk.test`, name: "Plain Agent", role: "agent" });
  return a.id;
}

describe(`attachment downloads (${engineUnderTest})`, () => {
  it("serves a message's attachment to its ticket's readers only, never a note's to a customer", async () => {
    const m = await mailbox();
    const got = await deliver(m, mailWithPng(m.address, "p1@customer.example"));
    const entry = (await m.ws.tickets.timeline(got.ticketId)).find((e) => e.id === got.entryId);
    const meta = entry?.attachments[0];
    expect(meta?.storageKey).toBeTruthy();
    const key = meta?.storageKey as string;
    const file = await m.ws.email.attachment(got.ticketId, key);
    expect(file).toMatchObject({ filename: "shot.png", contentType: "image/png", size: PNG.length });
    expect(Buffer.compare(file.data, PNG)).toBe(0);

    const customer = await customerDesk(m.ws, "dana@customer.example");
    expect((await customer.email.attachment(got.ticketId, key)).size).toBe(PNG.length);

    // The same bytes on an internal note of another ticket of this customer: not for them.
    const other = await m.ws.tickets.create({ subject: "Second", requester: "dana@customer.example" });
    await m.ws.tickets.addComment(other.id, {
      body: "see file",
      internal: true,
      attachments: [{ filename: "secret.png", contentType: "image/png", size: PNG.length, storageKey: key }],
    });
    expect((await m.ws.email.attachment(other.id, key)).filename).toBe("secret.png");
    expect((await domainError(customer.email.attachment(other.id, key))).code).toBe("attachment.not_found");
    // A blob that is not on this ticket, and another workspace.
    const third = await m.ws.tickets.create({ subject: "Third", requester: "dana@customer.example" });
    expect((await domainError(m.ws.email.attachment(third.id, key))).code).toBe("attachment.not_found");
    const foreign = await isolatedWorkspace(t.desk);
    expect((await domainError(foreign.email.attachment(got.ticketId, key))).kind).toBe("not_found");
  });
});

describe("attachment storage keys", () => {
  it("cannot be set by an agent or a customer (only the server's channels point at stored bytes)", async () => {
    const ws = await isolatedWorkspace(t.desk);
    const ticket = await ws.tickets.create({ subject: "Keys", requester: "keys@example.org" });
    const agent = await asNewAgent(ws, "agent");
    const err = await domainError(
      agent.tickets.addComment(ticket.id, {
        body: "see file",
        attachments: [
          {
            filename: "x.pdf",
            contentType: "application/pdf",
            size: 3,
            storageKey: "00000000-0000-7000-8000-000000000000",
          },
        ],
      }),
    );
    expect(err.code).toBe("attachment.storage_key");
    expect(err.field).toBe("attachments");
  });
});
