/**
 * The signature receivers verify: `X-Helpline-Signature: v1=<hex>` where hex is
 * HMAC-SHA256 over `<X-Helpline-Timestamp>.<raw body>` with the subscription's
 * secret. Receivers recompute it over the bytes they received, compare in
 * constant time, and refuse timestamps older than a few minutes (replays).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_VERSION = "v1";

/** The hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function webhookSignature(secret: string, timestamp: number | string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The X-Helpline-Signature header value. */
export function signatureHeader(secret: string, timestamp: number | string, body: string): string {
  return `${SIGNATURE_VERSION}=${webhookSignature(secret, timestamp, body)}`;
}

/**
 * What a receiver does (exported for tests and as the reference): true when
 * `header` carries a v1 signature of `<timestamp>.<body>` with `secret` and the
 * timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  header: string | undefined;
  timestamp: string | undefined;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const { header, timestamp } = input;
  if (!header || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(input.nowSeconds - Number(timestamp)) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureHeader(input.secret, timestamp, input.body));
  return header
    .split(",")
    .map((part) => Buffer.from(part.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
