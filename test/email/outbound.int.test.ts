import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_EMAIL_LIMITS,
  type MailTransport,
  outboundEmailWork,
  queueEmail,
  readReplyToken,
  splitPlusAddress,
  TRANSPORT_OFF,
} from "../../src/core/channels/index.js";
import { parseMime } from "../../src/integrations/email/parse-mime.js";
import { fixedClock, type Helpdesk, smtpTransport, systemActor } from "../../src/lib/index.js";
import { isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { addMailboxRow, rawMail } from "./email-world.js";
import { deadPort, type SmtpSink, startSmtpSink } from "./smtp-sink.js";

const KEY = Buffer.alloc(32, 9);
const MINUTE = 60_000;
const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));

let t: TestDesk;
let sink: SmtpSink;
let sinkTransport: ReturnType<typeof smtpTransport>;
let downTransport: ReturnType<typeof smtpTransport>;
/** The desk's transport: the sink, or (to play "server down") a port nobody listens on. */
let current: MailTransport;

beforeAll(async () => {
  sink = await startSmtpSink();
  sinkTransport = smtpTransport(sink.url);
  downTransport = smtpTransport(`smtp://127.0.0.1:${await deadPort()}`);
  current = sinkTransport;
  const transport: MailTransport = { send: (m) => current.send(m), verify: () => current.verify() };
  t = await openTestDesk({ clock, secretKey: KEY, email: { transport } });
});

afterAll(async () => {
  sinkTransport?.close();
  downTransport?.close();
  await t?.close();
  await sink?.close();
});

beforeEach(() => {
  sink.reset();
  current = sinkTransport;
});

interface World {
  ws: Helpdesk;
  address: string;
  agent: Helpdesk;
}

async function world(): Promise<World> {
  const ws = await isolatedWorkspace(t.desk);
  // These tests count the reply mails; the requester's acknowledgement (notifications) is tested there.
  await ws.settings.update({ notifyCustomers: false });
  const address = `support@${ws.workspace.slug}.example`;
  await addMailboxRow(ws, address);
  const a = await ws.people.createAgent({
    email: `bob@${ws.workspace.slug}.example`,
    name: "Bob Agent",
    role: "agent",
  });
  return { ws, address, agent: ws.as({ type: "agent", id: a.id, role: "agent" }) };
}

async function row<T>(ws: Helpdesk, query: ReturnType<typeof sql>): Promise<T> {
  const result = (await ws.database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows[0] as T;
}

async function entryEmail(ws: Helpdesk, entryId: string) {
  const r = await row<{ email: Record<string, unknown> | null }>(
    ws,
    sql`select email from timeline_entries where id = ${entryId}`,
  );
  return r.email as { messageId: string; delivery: { status: string; attempts: number; error?: string } } | null;
}

/** A ticket by API with a requester, and an agent's public reply on it, queued and tried once. */
async function replied(w: World, body = "We are on it.") {
  const ticket = await w.ws.tickets.create({
    subject: "Laptop will not boot",
    requester: `carla@${w.ws.workspace.slug}.example`,
    description: "It shows a black screen.",
  });
  clock.advance(MINUTE);
  await w.agent.tickets.addComment(ticket.id, { body });
  await w.ws.runPending();
  const [mail] = await w.ws.email.outbox.list({ ticket: ticket.id });
  if (!mail?.entryId) throw new Error("the reply was not queued");
  return { ticket, mail, entryId: mail.entryId };
}

describe("outbound email through a real SMTP server", () => {
  it("sends an agent's reply in the customer's thread, quoting the history, and threads the answer back", async () => {
    const w = await world();
    const { ws, address } = w;
    const customer = `dana@${ws.workspace.slug}.example`;
    const [stored] = await ws.email.receive(
      rawMail({
        from: `Dana Customer <${customer}>`,
        to: address,
        cc: `Eve <eve@${ws.workspace.slug}.example>, ${address}`,
        messageId: `first.${ws.workspace.slug}@customer.example`,
      }),
      { source: "smtp", envelopeTo: [address] },
    );
    await ws.runPending();
    const inbound = await row<{ ticketId: string }>(
      ws,
      sql`select ticket_id::text as "ticketId" from inbound_emails where id = ${stored?.id}`,
    );
    const ticket = await ws.tickets.get(inbound.ticketId);
    clock.advance(5 * MINUTE);
    await w.agent.tickets.addComment(ticket.id, { body: "Please switch it off.\nThen on again." });
    await ws.runPending();

    expect(sink.accepted).toHaveLength(1);
    const mail = sink.accepted[0]?.parsed;
    const [queued] = await ws.email.outbox.list({ ticket: ticket.id });
    expect(queued?.status).toBe("sent");
    expect(mail?.from?.value[0]?.address).toBe(address);
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.value.map((v) => v.address) : []).toEqual([customer]);
    expect(mail?.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((v) => v.address) : []).toEqual([
      `eve@${ws.workspace.slug}.example`,
    ]);
    expect(mail?.subject).toBe(`[${ticket.number}] Re: Printer on fire`);
    expect(mail?.messageId).toBe(`<${queued?.messageId}>`);
    expect(queued?.messageId).toMatch(new RegExp(`@${ws.workspace.slug}\\.example$`));
    expect(mail?.inReplyTo).toBe(`<first.${ws.workspace.slug}@customer.example>`);
    expect([mail?.references].flat()).toEqual([`<first.${ws.workspace.slug}@customer.example>`]);
    const replyTo = mail?.replyTo?.value[0]?.address ?? "";
    const { base, tag } = splitPlusAddress(replyTo);
    expect(base).toBe(address);
    expect(readReplyToken(KEY, ws.workspace.id, tag ?? "")).toBe(Number(ticket.number.split("-")[1]));
    expect(mail?.text).toContain("Please switch it off.\nThen on again.");
    expect(mail?.text).toContain("Bob Agent");
    expect(mail?.text).toMatch(/Dana Customer wrote:\n> The printer in room 4 is on fire/);
    expect(mail?.html).toContain("Please switch it off.<br>");
    expect(mail?.html).toContain("<blockquote");
    expect(mail?.headers.get("auto-submitted")).toBeUndefined();
    expect(sink.accepted[0]?.envelope.to.sort()).toEqual([customer, `eve@${ws.workspace.slug}.example`].sort());

    const entry = await entryEmail(ws, queued?.entryId as string);
    expect(entry?.messageId).toBe(queued?.messageId);
    expect(entry?.delivery).toMatchObject({ status: "sent", attempts: 1 });

    // The customer answers our mail: it threads into the same ticket by In-Reply-To.
    const [answer] = await ws.email.receive(
      rawMail({
        from: customer,
        to: replyTo,
        subject: `Re: [${ticket.number}] Re: Printer on fire`,
        inReplyTo: `<${queued?.messageId}>`,
        body: "It works again, thanks!",
      }),
      { source: "smtp", envelopeTo: [replyTo] },
    );
    await ws.runPending();
    const back = await row<{ ticketId: string; rule: string }>(
      ws,
      sql`select ticket_id::text as "ticketId", decision->>'rule' as rule from inbound_emails where id = ${answer?.id}`,
    );
    expect(back).toEqual({ ticketId: ticket.id, rule: "in_reply_to" });
    expect(sink.accepted).toHaveLength(1);
  });

  it("verifies the connection with the server's own answer", async () => {
    expect(await sinkTransport.verify()).toMatch(/^127\.0\.0\.1:\d+ answered 250[ -]/);
    await expect(downTransport.verify()).rejects.toMatchObject({ code: "email.transport", permanent: false });
  });

  it("sends nothing for an internal note, nor for a reply on a chat-widget ticket", async () => {
    const w = await world();
    const ticket = await w.ws.tickets.create({ subject: "Quiet", requester: `q@${w.ws.workspace.slug}.example` });
    await w.agent.tickets.addComment(ticket.id, { body: "only for us", internal: true });
    const chat = await w.ws.tickets.create({
      subject: "Chat",
      requester: `c@${w.ws.workspace.slug}.example`,
      channel: "widget",
    });
    await w.agent.tickets.addComment(chat.id, { body: "answered in the widget" });
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(0);
    expect(await w.ws.email.outbox.list()).toEqual([]);
  });

  it("retries a 451 with backoff (1, then 2 minutes) and sends once", async () => {
    const w = await world();
    const refusedBefore = sink.refused();
    sink.failNext([451, 451]);
    const { mail, entryId } = await replied(w);
    expect(sink.refused()).toBe(refusedBefore + 1);
    let [now] = await w.ws.email.outbox.list({ ticket: mail.ticketId as string });
    expect(now).toMatchObject({ status: "queued", attempts: 1 });
    expect(now?.lastError).toContain("451");
    expect((await entryEmail(w.ws, entryId))?.delivery).toMatchObject({ status: "queued", attempts: 1 });

    clock.advance(30_000);
    await w.ws.runPending();
    [now] = await w.ws.email.outbox.list({ ticket: mail.ticketId as string });
    expect(now?.attempts).toBe(1);

    clock.advance(30_000);
    await w.ws.runPending();
    [now] = await w.ws.email.outbox.list({ ticket: mail.ticketId as string });
    expect(now).toMatchObject({ status: "queued", attempts: 2 });
    expect(sink.accepted).toHaveLength(0);

    clock.advance(2 * MINUTE);
    await w.ws.runPending();
    [now] = await w.ws.email.outbox.list({ ticket: mail.ticketId as string });
    expect(now).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(sink.refused()).toBe(refusedBefore + 2);
    expect(now?.smtpResponse).toMatch(/^250/);
    expect(sink.accepted).toHaveLength(1);
    expect((await entryEmail(w.ws, entryId))?.delivery).toMatchObject({ status: "sent", attempts: 3 });
    expect((await entryEmail(w.ws, entryId))?.delivery.error).toBeUndefined();
  });

  it("fails a 550 at once with the server's words on the entry; an admin's retry sends it", async () => {
    const w = await world();
    sink.failNext([550]);
    const { mail, entryId } = await replied(w);
    const [failed] = await w.ws.email.outbox.list({ status: "failed" });
    expect(failed).toMatchObject({ id: mail.id, attempts: 1 });
    const delivery = (await entryEmail(w.ws, entryId))?.delivery;
    expect(delivery?.status).toBe("failed");
    expect(delivery?.error).toContain("550 5.1.1 <nobody@example.com>: Recipient address rejected");
    clock.advance(60 * MINUTE);
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(0);

    const retried = await w.ws.email.outbox.retry(mail.id);
    expect(retried).toMatchObject({ status: "queued", attempts: 0 });
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(1);
    expect((await entryEmail(w.ws, entryId))?.delivery).toMatchObject({ status: "sent", attempts: 1 });
    await expect(w.ws.email.outbox.retry(mail.id)).rejects.toMatchObject({ code: "email.already_sent" });
  });

  it("keeps mail queued while the server is down and sends it when it is back", async () => {
    const w = await world();
    current = downTransport;
    const { mail, entryId } = await replied(w);
    const [waiting] = await w.ws.email.outbox.list({ ticket: mail.ticketId as string });
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(waiting?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await entryEmail(w.ws, entryId))?.delivery?.error).toBe(waiting?.lastError);

    current = sinkTransport;
    clock.advance(MINUTE);
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(1);
    expect(sink.accepted[0]?.parsed.messageId).toBe(`<${mail.messageId}>`);
  });

  it("sends one mail when the same event is delivered twice", async () => {
    const w = await world();
    const { mail } = await replied(w);
    expect(sink.accepted).toHaveLength(1);
    // Forget that the listener saw the event: the next drain delivers it again.
    await w.ws.database.db.execute(
      sql`delete from listener_receipts where listener = 'email.replies'
            and event_id in (select id from outbox_events where workspace_id = ${w.ws.workspace.id})`,
    );
    const again = await w.ws.runPending();
    expect(again.delivered).toBeGreaterThan(0);
    clock.advance(10 * MINUTE);
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(1);
    expect((await w.ws.email.outbox.list({ ticket: mail.ticketId as string })).map((m) => m.id)).toEqual([mail.id]);
  });

  it("without a transport leaves mail queued and says why; the listener later finds it queued", async () => {
    const w = await world();
    const env = { parse: parseMime, secretKey: KEY, limits: DEFAULT_EMAIL_LIMITS };
    const ticket = await w.ws.tickets.create({ subject: "Offline", requester: `o@${w.ws.workspace.slug}.example` });
    clock.advance(MINUTE);
    await w.agent.tickets.addComment(ticket.id, { body: "Queued while off." });
    const entryId = (await w.ws.tickets.getComments(ticket.id)).at(-1)?.id as string;
    // What the reply listener does, queued by hand so no transport sees it yet.
    const mail = await w.ws.database.db.transaction((tx) =>
      queueEmail(tx, { actor: systemActor(), workspaceId: w.ws.workspace.id, db: w.ws.database.db, clock }, env, {
        kind: "reply",
        dedupeKey: `reply:${entryId}`,
        to: [`o@${w.ws.workspace.slug}.example`],
        subject: "Re: Offline",
        text: "Queued while off.",
        ticketId: ticket.id,
        entryId,
      }),
    );
    const off = outboundEmailWork(env);
    expect(await off.runDue(w.ws.database.db, clock, { limit: 10, workspaceId: w.ws.workspace.id })).toBe(1);
    const [held] = await w.ws.email.outbox.list({ ticket: ticket.id });
    expect(held).toMatchObject({ id: mail.id, status: "queued", attempts: 0, lastError: TRANSPORT_OFF });
    expect(held?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + 10 * MINUTE);
    expect((await entryEmail(w.ws, entryId))?.delivery).toMatchObject({ status: "queued", error: TRANSPORT_OFF });
    expect(await off.runDue(w.ws.database.db, clock, { limit: 10, workspaceId: w.ws.workspace.id })).toBe(0);
    // The event reaches the listener: same key, no second message. With a transport it goes out once due.
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(0);
    clock.advance(10 * MINUTE);
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(1);
    expect((await w.ws.email.outbox.list({ ticket: ticket.id })).map((m) => m.id)).toEqual([mail.id]);
  });

  it("sends automation's email_requester as an automatic mail from the workspace's From setting", async () => {
    const w = await world();
    await w.ws.settings.update({ emailFromName: "Acme Help", emailFromAddress: "Help@Acme.example" });
    await w.ws.automation.rules.create({
      name: "welcome",
      trigger: { type: "event", events: ["ticket.created"] },
      actions: [{ type: "email_requester", subject: "We got {{ticket.number}}", body: "Hello <friend>,\nthanks." }],
    });
    const ticket = await w.ws.tickets.create({ subject: "New", requester: `new@${w.ws.workspace.slug}.example` });
    await w.ws.runPending();
    expect(sink.accepted).toHaveLength(1);
    const mail = sink.accepted[0]?.parsed;
    expect(mail?.from?.value[0]).toEqual({ address: "help@acme.example", name: "Acme Help" });
    expect(mail?.subject).toBe(`[${ticket.number}] We got ${ticket.number}`);
    expect(mail?.headers.get("auto-submitted")).toBe("auto-replied");
    expect(mail?.headers.get("x-helpline-outbound")).toBe("1");
    expect(mail?.text).toContain("Hello <friend>,\nthanks.");
    expect(mail?.html).toContain("Hello &lt;friend&gt;,<br>");
    const [queued] = await w.ws.email.outbox.list({ ticket: ticket.id });
    expect(queued).toMatchObject({ kind: "automation", status: "sent", entryId: null });
    expect(queued?.replyTo).toMatch(new RegExp(`^support\\+\\d+\\.[a-z2-7]{12}@${w.ws.workspace.slug}\\.example$`));
  });
});
