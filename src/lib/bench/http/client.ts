/**
 * A minimal HTTP/1.1 client for the HTTP bench: `node:http` with a keep-alive
 * agent capped at `connections` sockets, so N concurrent callers reuse exactly
 * N connections, as a load tool like autocannon would. No dependencies.
 */
import { Agent, request } from "node:http";

export interface HttpReply {
  status: number;
  body: string;
  /** Wall time from sending the request to the last byte of the answer. */
  ms: number;
}

export interface BenchClient {
  get(path: string): Promise<HttpReply>;
  post(path: string, body: unknown): Promise<HttpReply>;
  /** Sockets opened so far (should stay at `connections`: keep-alive works). */
  socketsOpened(): number;
  close(): void;
}

export function benchClient(baseUrl: string, token: string, connections: number): BenchClient {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  let opened = 0;
  const authorization = `Bearer ${token}`;

  const send = (method: string, path: string, payload?: string) =>
    new Promise<HttpReply>((resolve, reject) => {
      const started = performance.now();
      const headers: Record<string, string | number> = { authorization, accept: "application/json" };
      if (payload !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = Buffer.byteLength(payload);
      }
      const req = request({ agent, host: base.hostname, port: base.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
      });
      req.on("socket", (socket) => {
        // A fresh socket has not connected yet; a reused one has.
        if (socket.connecting) opened++;
      });
      req.on("error", reject);
      req.end(payload);
    });

  return {
    get: (path) => send("GET", path),
    post: (path, body) => send("POST", path, JSON.stringify(body)),
    socketsOpened: () => opened,
    close: () => agent.destroy(),
  };
}
