import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchClient } from "./client.js";
import { runLoad } from "./load.js";

let server: Server;
let baseUrl = "";
const seen: { method?: string; url?: string; authorization?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      const fail = req.url?.includes("fail") ?? false;
      res.writeHead(fail ? 503 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: !fail }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("HTTP bench load", () => {
  it("keeps exactly `connections` keep-alive sockets and sends the token", async () => {
    const client = benchClient(baseUrl, "hlp_test", 3);
    try {
      const result = await runLoad({
        connections: 3,
        warmupMs: 50,
        durationMs: 200,
        send: (i) => (i % 2 === 0 ? client.get(`/list?i=${i}`) : client.post("/create", { i })),
        kindOf: (i) => (i % 2 === 0 ? "get" : "post"),
      });
      expect(result.requests).toBeGreaterThan(0);
      expect(result.latencies).toHaveLength(result.requests);
      expect(result.failures).toEqual({});
      expect([...result.byKind.keys()].sort()).toEqual(["get", "post"]);
      expect(client.socketsOpened()).toBe(3);
      expect(seen.every((r) => r.authorization === "Bearer hlp_test")).toBe(true);
      expect(seen.some((r) => r.method === "POST" && JSON.parse(r.body).i !== undefined)).toBe(true);
    } finally {
      client.close();
    }
  });

  it("counts failures by status and keeps them out of the latencies", async () => {
    const client = benchClient(baseUrl, "hlp_test", 2);
    try {
      const result = await runLoad({
        connections: 2,
        warmupMs: 0,
        durationMs: 100,
        send: (i) => client.get(i % 2 === 0 ? "/fail" : "/ok"),
      });
      expect(result.failures["503"]).toBeGreaterThan(0);
      expect(result.latencies.length + (result.failures["503"] ?? 0)).toBe(result.requests);
      expect(result.firstFailure).toMatch(/^503 /);
    } finally {
      client.close();
    }
  });
});
