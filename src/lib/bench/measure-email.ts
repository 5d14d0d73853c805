/**
 * Issue 5's figures: the threading decision with as many stored Message-IDs as
 * tickets (one per ticket, bulk-inserted), and sustained SMTP ingest — messages
 * sent over real SMTP connections to the built-in receiver, stored, parsed,
 * threaded and turned into tickets by the inbound due work, end to end.
 */
import nodemailer from "nodemailer";
import { type ParsedEmail, threadMessage } from "../../core/channels/index.js";
import type { Tx } from "../../db/connection.js";
import { startSmtpReceiver } from "../../integrations/email/smtp-receiver.js";
import { runDueWork } from "../../jobs/run-due.js";
import type { Helpdesk } from "../create-helpdesk.js";
import { builtInDueWork, detachedEmailEnv } from "../engine-wiring.js";
import { percentile, round } from "./stats.js";

type Tick = (done: number, total: number) => void;

export interface EmailMeasurement {
  message_ids: number;
  thread_calls: number;
  thread_p50_ms: number;
  thread_p95_ms: number;
  ingest: {
    messages: number;
    /** Inbound rows that became tickets (the rest failed or were duplicates: should be none). */
    processed: number;
    connections: number;
    /** Until the last SMTP 250. */
    accepted_s: number;
    /** Until the last message is a ticket. */
    ticketed_s: number;
    per_s: number;
  };
}

const THREAD_CALLS = 1000;
/** Sustained ingest needs a few thousand messages; small (test) datasets send fewer. */
const ingestMessages = (tickets: number) => Math.min(2000, Math.max(100, Math.round(tickets / 50)));
const CONNECTIONS = 4;
const ADDRESS = "bench-inbox@bench.example";

const mailOf = (over: Partial<ParsedEmail>): ParsedEmail => ({
  messageId: null,
  inReplyTo: [],
  references: [],
  from: { address: "stranger@elsewhere.example", name: null },
  replyTo: [],
  to: [{ address: ADDRESS, name: null }],
  cc: [],
  deliveredTo: [],
  subject: "Question",
  date: null,
  headers: {},
  text: "",
  html: null,
  attachments: [],
  dsn: null,
  ...over,
});

export async function measureEmail(desk: Helpdesk, tick: Tick): Promise<EmailMeasurement> {
  const ws = desk.workspace.id;
  const db = desk.database;
  await db.executeSql(
    `insert into email_message_ids (workspace_id, message_id, ticket_id, direction, rule, detail, created_at)
     select workspace_id, 'bench.' || number || '@bench.example', id, 'in', 'new_ticket', '', created_at
       from tickets where workspace_id = $1
     on conflict do nothing`,
    [ws],
  );
  await db.executeSql("analyze email_message_ids");
  const counted = await db.executeSql(
    "select count(*)::int as n, max(number)::int as top from tickets where workspace_id = $1",
    [ws],
  );
  const stats = counted.rows[0] as { n: number; top: number };
  const prefix = desk.workspace.ticketPrefix ?? "TKT";
  const env = detachedEmailEnv();
  const messages = ingestMessages(stats.n);
  const total = THREAD_CALLS + messages;
  const pick = () => 1000 + Math.floor(Math.random() * Math.max(1, stats.top - 1000));
  const samples: number[] = [];
  for (let i = 0; i < THREAD_CALLS; i++) {
    const kind = i % 10;
    const hit = `bench.${pick()}@bench.example`;
    const mail =
      kind < 4
        ? mailOf({ inReplyTo: [hit], references: [`bench.${pick()}@bench.example`, hit] })
        : kind < 7
          ? mailOf({ inReplyTo: ["nobody@else.example"], references: ["x1@else.example", "x2@else.example", hit] })
          : kind < 9
            ? mailOf({ inReplyTo: [`missing.${i}@else.example`], references: [`gone.${i}@else.example`] })
            : mailOf({ subject: `Re: [${prefix}-${pick()}] Question` });
    const started = performance.now();
    await threadMessage(
      db.db as unknown as Tx,
      {
        workspaceId: ws,
        ticketPrefix: prefix,
        mailboxAddresses: [ADDRESS],
        secretKey: env.secretKey,
        sender: "stranger@elsewhere.example",
        envelopeTo: [ADDRESS],
      },
      mail,
    );
    samples.push(performance.now() - started);
    if (i % 50 === 0) tick(i, total);
  }
  const ingest = await measureIngest(desk, messages, (n) => tick(THREAD_CALLS + n, total));
  tick(total, total);
  return {
    message_ids: stats.n,
    thread_calls: THREAD_CALLS,
    thread_p50_ms: round(percentile(samples, 50), 2),
    thread_p95_ms: round(percentile(samples, 95), 2),
    ingest,
  };
}

async function measureIngest(
  desk: Helpdesk,
  count: number,
  progress: (done: number) => void,
): Promise<EmailMeasurement["ingest"]> {
  await desk.database.executeSql(
    `insert into mailboxes (id, workspace_id, address, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, now(), now()) on conflict do nothing`,
    [desk.workspace.id, ADDRESS],
  );
  const receiver = await startSmtpReceiver({ desk, host: "127.0.0.1", port: 0 });
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: receiver.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const deps = {
    database: desk.database,
    listeners: () => [],
    dueWork: () => builtInDueWork(detachedEmailEnv()).filter((w) => w.name === "email.inbound"),
    log: () => undefined,
    clock: { now: () => new Date() },
  };
  const started = performance.now();
  let sending = true;
  let accepted = 0;
  const sends = (async () => {
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      pending.push(
        transport
          .sendMail({
            from: `Customer ${i} <customer${i % 500}@shop${i % 37}.example>`,
            to: ADDRESS,
            subject: `Order ${i} did not arrive`,
            text: `Hello,\n\nmy order number ${i} has not arrived yet. Could you check?\n\nThanks`,
            messageId: `<bench-ingest.${i}.${Date.now()}@shop.example>`,
          })
          .then(() => {
            accepted += 1;
          }),
      );
      if (pending.length >= 64) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    sending = false;
  })();
  let acceptedAt = 0;
  let ticketed = 0;
  while (ticketed < count) {
    const counts = await runDueWork(deps, { only: ["email.inbound"], workspaceId: desk.workspace.id });
    ticketed += counts["email.inbound"] ?? 0;
    progress(ticketed);
    if (!sending && acceptedAt === 0) acceptedAt = performance.now();
    if ((counts["email.inbound"] ?? 0) === 0) await new Promise((r) => setTimeout(r, 20));
  }
  await sends;
  if (acceptedAt === 0) acceptedAt = performance.now();
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  await receiver.close();
  const done = await desk.database.executeSql(
    "select count(*)::int as n from inbound_emails where workspace_id = $1 and status = 'processed'",
    [desk.workspace.id],
  );
  return {
    messages: accepted,
    processed: (done.rows[0] as { n: number }).n,
    connections: CONNECTIONS,
    accepted_s: round((acceptedAt - started) / 1000, 2),
    ticketed_s: round(seconds, 2),
    per_s: Math.round(count / seconds),
  };
}
