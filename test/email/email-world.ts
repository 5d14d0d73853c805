/** Small builders for email tests: mailbox rows and raw messages. */
import { sql } from "drizzle-orm";
import type { Helpdesk } from "../../src/lib/index.js";

let counter = 0;

/** Registers a mailbox address for the desk's workspace straight in the table (no IMAP, no secret). */
export async function addMailboxRow(desk: Helpdesk, address: string, teamId: string | null = null): Promise<string> {
  const id = (await desk.database.db.execute(sql`
    insert into mailboxes (id, workspace_id, address, team_id, created_at, updated_at)
    values (gen_random_uuid(), ${desk.workspace.id}, ${address}, ${teamId}, now(), now())
    returning id::text as id`)) as unknown as { rows: { id: string }[] };
  return id.rows[0]?.id as string;
}

export interface RawMail {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A plain-text RFC 5322 message (CRLF line ends). */
export function rawMail(m: RawMail = {}): Buffer {
  counter += 1;
  const lines = [
    `From: ${m.from ?? "Dana Customer <dana@customer.example>"}`,
    `To: ${m.to ?? "support@desk.example"}`,
    ...(m.cc ? [`Cc: ${m.cc}`] : []),
    `Subject: ${m.subject ?? "Printer on fire"}`,
    "Date: Mon, 23 Nov 2026 10:00:00 +0000",
    ...(m.messageId === null ? [] : [`Message-ID: <${m.messageId ?? `m${counter}.${process.pid}@customer.example`}>`]),
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    m.body ?? "The printer in room 4 is on fire. Please help.",
    "",
  ];
  return Buffer.from(lines.join("\r\n"));
}
