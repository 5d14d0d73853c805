/**
 * Slack's request signing: every request Slack sends carries
 * `X-Slack-Request-Timestamp` and `X-Slack-Signature: v0=<hex>`, where hex is
 * HMAC-SHA256, keyed with the app's signing secret, of `v0:<timestamp>:<raw body>`.
 * A request older than five minutes is refused, so a captured one cannot be replayed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { DomainError } from "../../kernel/index.js";

/** How far the timestamp may be from now (either way). */
export const SLACK_SIGNATURE_MAX_AGE_S = 5 * 60;

export interface SlackSignatureInput {
  signingSecret: string;
  /** X-Slack-Request-Timestamp: Unix seconds. */
  timestamp: string | undefined;
  /** The raw request body, exactly as received. */
  body: string | Buffer;
  /** X-Slack-Signature: `v0=<64 hex digits>`. */
  signature: string | undefined;
  now: Date;
}

const unauthenticated = (code: string, message: string) => new DomainError("unauthenticated", code, message);

/** The signature Slack would send for this body at this timestamp. */
export function slackSignature(signingSecret: string, timestamp: string, body: string | Buffer): string {
  const mac = createHmac("sha256", signingSecret);
  mac.update(`v0:${timestamp}:`);
  mac.update(body);
  return `v0=${mac.digest("hex")}`;
}

/** Throws a DomainError (kind `unauthenticated`) naming why the request is not Slack's. */
export function verifySlackSignature(input: SlackSignatureInput): void {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) {
    throw unauthenticated(
      "slack.signature_missing",
      "Missing Slack signature headers: X-Slack-Request-Timestamp and X-Slack-Signature are required.",
    );
  }
  if (!/^\d{1,12}$/.test(timestamp.trim())) {
    throw unauthenticated("slack.timestamp_invalid", "X-Slack-Request-Timestamp must be Unix seconds.");
  }
  const age = Math.abs(input.now.getTime() / 1000 - Number(timestamp.trim()));
  if (age > SLACK_SIGNATURE_MAX_AGE_S) {
    throw unauthenticated(
      "slack.timestamp_stale",
      "Stale Slack request: its timestamp is more than 5 minutes from now (replayed, or the server clock is off).",
    );
  }
  const expected = Buffer.from(slackSignature(input.signingSecret, timestamp.trim(), input.body), "utf8");
  const given = Buffer.from(signature.trim(), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated(
      "slack.signature_invalid",
      "Bad Slack signature: check SLACK_SIGNING_SECRET against the app's Signing Secret (Basic Information).",
    );
  }
}
