import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../kernel/index.js";
import { slackSignature, verifySlackSignature } from "./verify-signature.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW = new Date("2026-03-02T09:00:00Z");
const TS = String(NOW.getTime() / 1000);
const BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D";

/** Computed here without the module: v0= + hex HMAC-SHA256 of "v0:<ts>:<body>". */
const independent = (secret: string, ts: string, body: string) =>
  `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;

function refusal(input: Partial<Parameters<typeof verifySlackSignature>[0]>): DomainError {
  try {
    verifySlackSignature({
      signingSecret: SECRET,
      timestamp: TS,
      body: BODY,
      signature: independent(SECRET, TS, BODY),
      now: NOW,
      ...input,
    });
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error("expected a refusal");
}

describe("verifySlackSignature", () => {
  it("accepts Slack's signature over the raw body (string or bytes)", () => {
    const signature = independent(SECRET, TS, BODY);
    expect(slackSignature(SECRET, TS, BODY)).toBe(signature);
    expect(() =>
      verifySlackSignature({ signingSecret: SECRET, timestamp: TS, body: BODY, signature, now: NOW }),
    ).not.toThrow();
    expect(() =>
      verifySlackSignature({ signingSecret: SECRET, timestamp: TS, body: Buffer.from(BODY), signature, now: NOW }),
    ).not.toThrow();
  });

  it("refuses a signature made with another secret, or over another body", () => {
    const wrong = refusal({ signature: independent("another-secret", TS, BODY) });
    expect(wrong.kind).toBe("unauthenticated");
    expect(wrong.code).toBe("slack.signature_invalid");
    expect(wrong.message).toContain("SLACK_SIGNING_SECRET");
    expect(refusal({ body: `${BODY}&x=1` }).code).toBe("slack.signature_invalid");
    expect(refusal({ signature: "v0=abc" }).code).toBe("slack.signature_invalid");
  });

  it("refuses a timestamp more than 5 minutes from now, either way", () => {
    const old = String(NOW.getTime() / 1000 - 6 * 60);
    const stale = refusal({ timestamp: old, signature: independent(SECRET, old, BODY) });
    expect(stale.code).toBe("slack.timestamp_stale");
    expect(stale.message).toMatch(/Stale/);
    const ahead = String(NOW.getTime() / 1000 + 6 * 60);
    expect(refusal({ timestamp: ahead, signature: independent(SECRET, ahead, BODY) }).code).toBe(
      "slack.timestamp_stale",
    );
    const recent = String(NOW.getTime() / 1000 - 4 * 60);
    expect(() =>
      verifySlackSignature({
        signingSecret: SECRET,
        timestamp: recent,
        body: BODY,
        signature: independent(SECRET, recent, BODY),
        now: NOW,
      }),
    ).not.toThrow();
  });

  it("names missing headers and a malformed timestamp", () => {
    expect(refusal({ signature: undefined }).code).toBe("slack.signature_missing");
    expect(refusal({ timestamp: undefined }).message).toContain("X-Slack-Request-Timestamp");
    expect(refusal({ timestamp: "yesterday" }).code).toBe("slack.timestamp_invalid");
  });
});
