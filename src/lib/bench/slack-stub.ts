/**
 * A Slack-compatible Web API on loopback for the bench: every address is a
 * Slack user, DMs open and messages post. The bench drives the real
 * @slack/web-api client against it, so request building, HTTP and parsing are
 * measured; Slack's own latency is not.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackStub {
  url: string;
  posted: () => number;
  close(): Promise<void>;
}

function params(req: IncomingMessage, body: string): Record<string, string> {
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    return JSON.parse(body || "{}") as Record<string, string>;
  }
  return Object.fromEntries(new URLSearchParams(body));
}

const idOf = (email: string) => `U${createHash("sha1").update(email).digest("hex").slice(0, 10).toUpperCase()}`;

export async function startSlackStub(): Promise<SlackStub> {
  let posted = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0];
      const p = params(req, body);
      let answer: Record<string, unknown>;
      if (method === "users.lookupByEmail") answer = { ok: true, user: { id: idOf(String(p.email)) } };
      else if (method === "conversations.open") answer = { ok: true, channel: { id: `D${String(p.users).slice(1)}` } };
      else if (method === "chat.postMessage") {
        posted += 1;
        answer = { ok: true, channel: p.channel, ts: `${Date.now() / 1000}` };
      } else if (method === "users.info") answer = { ok: true, user: { id: p.user, profile: { email: null } } };
      else answer = { ok: false, error: "unknown_method" };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    posted: () => posted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
