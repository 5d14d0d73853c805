import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import type { Helpdesk } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { agentUser, customerUser, type TestUser } from "../http/as-user.js";
import { addMailboxRow, rawMail } from "./email-world.js";

let t: TestDesk;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  t = await openTestDesk({ secretKey: Buffer.alloc(32, 3) });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await t?.close();
});

interface World {
  ws: Helpdesk;
  app: FastifyInstance;
  address: string;
  agent: TestUser;
  manager: TestUser;
  customer: TestUser;
  stranger: TestUser;
}

async function world(): Promise<World> {
  const ws = await isolatedWorkspace(t.desk);
  const address = `support@${ws.workspace.slug}.example`;
  await addMailboxRow(ws, address);
  const app = await buildServer({ desk: ws, logLevel: "silent" });
  apps.push(app);
  return {
    ws,
    app,
    address,
    agent: await agentUser(ws),
    manager: await agentUser(ws, "manager"),
    customer: await customerUser(ws),
    stranger: await customerUser(ws),
  };
}

async function deliver(w: World, raw: Buffer) {
  const [stored] = await w.ws.email.receive(raw, { source: "smtp", envelopeTo: [w.address] });
  await w.ws.runPending();
  const { rows } = (await w.ws.database.db.execute(
    sql`select id::text as id, ticket_id::text as "ticketId", entry_id::text as "entryId"
          from inbound_emails where id = ${stored?.id}`,
  )) as unknown as { rows: { id: string; ticketId: string; entryId: string }[] };
  return rows[0] as { id: string; ticketId: string; entryId: string };
}

function withAttachment(w: World, filename: string, type: string, content: Buffer): Buffer {
  const lines = [
    `From: ${w.customer.email}`,
    `To: ${w.address}`,
    "Subject: File attached",
    `Message-ID: <att-${filename.length}-${Date.now()}@customer.example>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="xx"',
    "",
    "--xx",
    "Content-Type: text/plain",
    "",
    "See attached.",
    "--xx",
    `Content-Type: ${type}`,
    `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Content-Transfer-Encoding: base64",
    "",
    content.toString("base64"),
    "--xx--",
    "",
  ];
  return Buffer.from(lines.join("\r\n"));
}

describe(`email admin API (${engineUnderTest})`, () => {
  it("answers where a URL-encoded Message-ID went, to agents only", async () => {
    const w = await world();
    const id = `${"a".repeat(150)}+tag/x=y@customer.example`;
    const got = await deliver(w, rawMail({ from: w.customer.email, to: w.address, messageId: id }));
    const url = `/api/v1/email/messages/${encodeURIComponent(`<${id}>`)}`;
    const res = await w.app.inject({ method: "GET", url, headers: w.agent.headers });
    expect(res.statusCode).toBe(200);
    const ticket = await w.ws.tickets.get(got.ticketId);
    expect(res.json()).toMatchObject({
      messageId: id,
      direction: "in",
      rule: "new_ticket",
      ticket: { number: ticket.number },
    });
    const missing = await w.app.inject({
      method: "GET",
      url: "/api/v1/email/messages/nope%40x.example",
      headers: w.agent.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("email.message_not_found");
    expect((await w.app.inject({ method: "GET", url, headers: w.customer.headers })).statusCode).toBe(403);
  });

  it("lists failed messages, shows an original and retries it", async () => {
    const w = await world();
    const got = await deliver(w, rawMail({ from: w.customer.email, to: w.address, messageId: "h1@customer.example" }));
    await w.ws.database.db.execute(
      sql`update inbound_emails set status = 'failed', error = 'boom' where id = ${got.id}`,
    );
    const list = await w.app.inject({
      method: "GET",
      url: "/api/v1/email/inbound?status=failed",
      headers: w.manager.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toMatchObject([{ id: got.id, status: "failed", error: "boom" }]);
    const denied = await w.app.inject({ method: "GET", url: "/api/v1/email/inbound", headers: w.agent.headers });
    expect(denied.statusCode).toBe(403);
    const original = await w.app.inject({
      method: "GET",
      url: `/api/v1/email/inbound/${got.id}`,
      headers: w.agent.headers,
    });
    expect(original.statusCode).toBe(200);
    expect(original.json().headers).toContain("Message-ID: <h1@customer.example>");
    expect(original.json().parsed.text).toContain("on fire");
    const retry = () =>
      w.app.inject({ method: "POST", url: `/api/v1/email/inbound/${got.id}/retry`, headers: w.manager.headers });
    expect((await retry()).json()).toMatchObject({ status: "received", previousStatus: "failed" });
    const twice = await retry();
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain("received");
  });

  it("moves and splits a message over HTTP", async () => {
    const w = await world();
    const a = await deliver(w, rawMail({ from: w.customer.email, to: w.address, messageId: "v1@customer.example" }));
    const b = await deliver(w, rawMail({ from: w.customer.email, to: w.address, subject: "Other" }));
    const r1 = await deliver(w, rawMail({ from: w.customer.email, to: w.address, inReplyTo: "<v1@customer.example>" }));
    const r2 = await deliver(w, rawMail({ from: w.customer.email, to: w.address, inReplyTo: "<v1@customer.example>" }));
    const ticketA = await w.ws.tickets.get(a.ticketId);
    const ticketB = await w.ws.tickets.get(b.ticketId);
    const move = await w.app.inject({
      method: "POST",
      url: `/api/v1/tickets/${ticketA.number}/entries/${r1.entryId}/move`,
      headers: w.agent.headers,
      payload: { ticket: ticketB.number },
    });
    expect(move.statusCode).toBe(200);
    expect(move.json()).toMatchObject({
      entryId: r1.entryId,
      from: { number: ticketA.number },
      to: { number: ticketB.number },
    });
    const byCustomer = await w.app.inject({
      method: "POST",
      url: `/api/v1/tickets/${ticketA.number}/entries/${r2.entryId}/move`,
      headers: w.customer.headers,
      payload: { ticket: ticketB.number },
    });
    expect(byCustomer.statusCode).toBe(403);
    const split = await w.app.inject({
      method: "POST",
      url: `/api/v1/tickets/${ticketA.number}/entries/${r2.entryId}/split`,
      headers: w.agent.headers,
      payload: { subject: "Split off" },
    });
    expect(split.statusCode).toBe(201);
    expect(split.json().to).toMatchObject({ subject: "Split off", channel: "email" });
  });

  it("serves attachments with safe headers: images inline, everything else as a download", async () => {
    const w = await world();
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    const got = await deliver(w, withAttachment(w, "Bericht für Jörg (1).html", "text/html", html));
    const [meta] = (await w.ws.tickets.timeline(got.ticketId)).find((e) => e.id === got.entryId)?.attachments ?? [];
    const url = `/api/v1/tickets/${got.ticketId}/attachments/${meta?.storageKey}`;
    const res = await w.app.inject({ method: "GET", url, headers: w.customer.headers });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(html)).toBe(true);
    expect(res.headers["content-length"]).toBe(String(html.length));
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(String(res.headers["content-security-policy"])).toMatch(/^sandbox/);
    expect(res.headers["content-disposition"]).toContain("attachment;");
    expect(res.headers["content-disposition"]).toContain(
      "filename*=UTF-8''Bericht%20f%C3%BCr%20J%C3%B6rg%20%281%29.html",
    );
    // Active content keeps its sniffed type but only ever downloads, sandboxed.
    expect(String(res.headers["content-type"])).toContain("text/html");
    const other = await w.app.inject({ method: "GET", url, headers: w.stranger.headers });
    expect(other.statusCode).toBe(404);
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const image = await deliver(w, withAttachment(w, "pic.png", "application/octet-stream", png));
    const [pic] = (await w.ws.tickets.timeline(image.ticketId)).find((e) => e.id === image.entryId)?.attachments ?? [];
    const shown = await w.app.inject({
      method: "GET",
      url: `/api/v1/tickets/${image.ticketId}/attachments/${pic?.storageKey}`,
      headers: w.agent.headers,
    });
    expect(shown.headers["content-type"]).toBe("image/png");
    expect(shown.headers["content-disposition"]).toMatch(/^inline; /);
  });
});
