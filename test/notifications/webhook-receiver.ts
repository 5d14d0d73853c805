/**
 * Test helper: a local HTTP receiver for webhooks (node:http on a free port).
 * Records every request (headers lower-cased, raw body) and answers with the
 * status `answer(hitNumber)` gives (default 200).
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  /** http://127.0.0.1:<port>/hook */
  url: string;
  hits: ReceivedHook[];
  /** The status to answer the n-th request (1-based). */
  answer: (n: number) => number;
  close(): Promise<void>;
}

export async function startReceiver(answer: (n: number) => number = () => 200): Promise<Receiver> {
  const hits: ReceivedHook[] = [];
  const receiver: Receiver = { url: "", hits, answer, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = receiver.answer(hits.length);
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status >= 200 && status < 300 ? "thanks" : `receiver says no (${status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Fails the first `n` requests with `status`, then answers 200. */
export const failFirst =
  (n: number, status = 500) =>
  (hit: number) =>
    hit <= n ? status : 200;
