import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifyWebhookSignature } from "./signing.js";

describe("webhook signatures", () => {
  const body = JSON.stringify({ id: "d1", event: { type: "ticket.created" } });
  const secret = "s3cret";
  const ts = 1_763_632_800;

  it("is v1=hex HMAC-SHA256 of `<timestamp>.<body>`", () => {
    const hex = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
    expect(signatureHeader(secret, ts, body)).toBe(`v1=${hex}`);
  });

  it("verifies the right secret, body and fresh timestamp only", () => {
    const header = signatureHeader(secret, ts, body);
    const base = { secret, header, timestamp: String(ts), body, nowSeconds: ts + 60 };
    expect(verifyWebhookSignature(base)).toBe(true);
    expect(verifyWebhookSignature({ ...base, secret: "other" })).toBe(false);
    expect(verifyWebhookSignature({ ...base, body: `${body} ` })).toBe(false);
    expect(verifyWebhookSignature({ ...base, timestamp: String(ts + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...base, nowSeconds: ts + 301 })).toBe(false);
    expect(verifyWebhookSignature({ ...base, header: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...base, header: `v0=abc, ${header}` })).toBe(true);
  });
});
