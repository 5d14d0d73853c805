import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../kernel/index.js";
import { deliverWebhook, WEBHOOK_TIMEOUT_MS } from "./webhook-listener.js";

const event: DomainEvent = {
  id: "0190a000-0000-7000-8000-000000000001",
  seq: 7,
  workspaceId: "w",
  type: "automation.webhook",
  subjectType: "ticket",
  subjectId: "t",
  actor: { type: "system", id: null, name: "rule:x" },
  payload: { url: "https://hooks.example/in", body: { ticket: { number: "TKT-1001" } } },
  occurredAt: "2026-03-02T09:00:00.000Z",
};

function fakeFetch(status: number) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(null, { status });
  }) as unknown as typeof fetch;
  return { calls, impl };
}

describe("deliverWebhook", () => {
  it("POSTs the body as JSON with event and delivery headers and a timeout", async () => {
    const f = fakeFetch(202);
    await deliverWebhook(event, f.impl);
    const [call] = f.calls;
    expect(call?.url).toBe("https://hooks.example/in");
    expect(call?.init.method).toBe("POST");
    expect(call?.init.headers).toMatchObject({
      "content-type": "application/json",
      "x-helpline-event": "automation.webhook",
      "x-helpline-delivery": event.id,
    });
    expect(JSON.parse(String(call?.init.body))).toEqual({ ticket: { number: "TKT-1001" } });
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
    expect(WEBHOOK_TIMEOUT_MS).toBe(10_000);
  });

  it("throws on a non-2xx answer (redirects included) and on a network error, so the delivery is retried", async () => {
    await expect(deliverWebhook(event, fakeFetch(500).impl)).rejects.toThrow("webhook to hooks.example answered 500");
    await expect(deliverWebhook(event, fakeFetch(302).impl)).rejects.toThrow("answered 302");
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof fetch;
    await expect(deliverWebhook(event, failing)).rejects.toThrow("webhook to hooks.example failed: fetch failed");
  });
});
