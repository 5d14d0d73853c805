/**
 * The webhook action against a real local HTTP server: POSTed once with the
 * event and delivery headers; a receiver answering 500 makes the delivery
 * fail and be retried (same delivery id) until it answers 2xx.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/core/kernel/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import { onCreate, outbox, withoutDefaults } from "./helpers.js";

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
let t: TestDesk;
let server: Server;
let base: string;
const received: Received[] = [];
let answer = 204;

beforeAll(async () => {
  t = await openTestDesk({ clock });
  server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body: JSON.parse(data || "{}") });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.close();
});

describe(`webhook action (${engineUnderTest})`, () => {
  it("POSTs the rule, trigger and ticket as JSON with event and delivery headers, once", async () => {
    const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
    answer = 204;
    received.length = 0;
    await ws.automation.rules.create(onCreate("Tell the ops board", [{ type: "webhook", url: `${base}/hooks/ops` }]));
    const ticket = await ws.tickets.create({ subject: "Disk full", requester: "ops@example.com" });
    await ws.runPending();
    await ws.runPending();
    expect(received).toHaveLength(1);
    const [hit] = received;
    const [event] = await outbox(ws, "automation.webhook");
    const { rows } = await ws.database.executeSql(
      "select id::text as id from outbox_events where workspace_id = $1 and type = 'automation.webhook'",
      [ws.workspace.id],
    );
    expect(event).toBeDefined();
    expect(hit?.url).toBe("/hooks/ops");
    expect(hit?.headers["content-type"]).toBe("application/json");
    expect(hit?.headers["x-helpline-event"]).toBe("automation.webhook");
    expect(hit?.headers["x-helpline-delivery"]).toBe(rows[0]?.id);
    expect(hit?.body).toMatchObject({
      rule: { name: "Tell the ops board" },
      trigger: "ticket.created",
      ticket: { id: ticket.id, number: ticket.number, subject: "Disk full", status: "open" },
      firedAt: "2026-03-02T09:00:00.000Z",
    });
  });

  it("a receiver answering 500 fails the delivery; it is retried with the same delivery id until 2xx", async () => {
    const ws = await withoutDefaults(await isolatedWorkspace(t.desk));
    answer = 500;
    received.length = 0;
    await ws.automation.rules.create(onCreate("Flaky receiver", [{ type: "webhook", url: `${base}/flaky` }]));
    await ws.tickets.create({ subject: "Retry me" });
    // A failed delivery is logged and left for the worker's retries; each drain tries it again.
    await ws.runPending();
    await ws.runPending();
    expect(received.map((r) => r.url)).toEqual(["/flaky", "/flaky"]);
    answer = 200;
    await ws.runPending();
    await ws.runPending();
    expect(received.map((r) => r.url)).toEqual(["/flaky", "/flaky", "/flaky"]);
    expect(new Set(received.map((r) => r.headers["x-helpline-delivery"])).size).toBe(1);
    // The firing itself happened once, whatever the receiver did.
    expect(await outbox(ws, "automation.webhook")).toHaveLength(1);
  });
});
