import { describe, expect, it } from "vitest";
import type { ParsedEmail } from "../types.js";
import { detectAutomated } from "./automated.js";

const OWN = { domains: ["helpdesk.example.com"], messageIdDomains: ["helpdesk.example.com"] };

function mail(headers: Record<string, string>, patch: Partial<ParsedEmail> = {}): ParsedEmail {
  const map: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) map[k.toLowerCase()] = [v];
  return {
    messageId: "abc.1@mail.example.org",
    inReplyTo: [],
    references: [],
    from: { address: "jane@example.org", name: "Jane" },
    replyTo: [],
    to: [{ address: "support@helpdesk.example.com", name: null }],
    cc: [],
    deliveredTo: [],
    subject: "Help with my order",
    date: null,
    headers: map,
    text: "Hello",
    html: null,
    attachments: [],
    dsn: null,
    ...patch,
  };
}

describe("detectAutomated", () => {
  it("lets a message a person wrote through", () => {
    expect(detectAutomated(mail({}), OWN)).toBeNull();
    expect(detectAutomated(mail({ "Auto-Submitted": "no" }), OWN)).toBeNull();
  });

  it("flags Auto-Submitted other than no", () => {
    expect(detectAutomated(mail({ "Auto-Submitted": "auto-replied" }), OWN)).toEqual({
      reason: "auto_reply",
      detail: "Auto-Submitted: auto-replied",
    });
    expect(detectAutomated(mail({ "Auto-Submitted": "auto-generated" }), OWN)?.reason).toBe("auto_reply");
  });

  it.each(["X-Autoreply", "X-Autorespond"])("flags %s", (name) => {
    expect(detectAutomated(mail({ [name]: "yes" }), OWN)).toEqual({
      reason: "auto_reply",
      detail: `${name} header present`,
    });
  });

  it.each(["bulk", "junk", "list"])("treats Precedence: %s as bulk", (value) => {
    expect(detectAutomated(mail({ Precedence: value }), OWN)?.reason).toBe("bulk");
  });

  it("names List-Id when it comes with Precedence, but List-Id alone is not bulk", () => {
    expect(detectAutomated(mail({ Precedence: "list", "List-Id": "<news.example.net>" }), OWN)?.detail).toBe(
      "Precedence: list with List-Id",
    );
    expect(detectAutomated(mail({ "List-Id": "<news.example.net>" }), OWN)).toBeNull();
  });

  it("believes an out-of-office subject only together with a header sign", () => {
    expect(detectAutomated(mail({}, { subject: "Out of Office: Help" }), OWN)).toBeNull();
    expect(detectAutomated(mail({}, { subject: "Automatic reply: Help" }), OWN)).toBeNull();
    const verdict = detectAutomated(
      mail({ "X-Auto-Response-Suppress": "All" }, { subject: "Automatic reply: Help" }),
      OWN,
    );
    expect(verdict?.reason).toBe("auto_reply");
    expect(detectAutomated(mail({ "Return-Path": "<>" }, { subject: "Out of Office: Help" }), OWN)?.reason).toBe(
      "auto_reply",
    );
  });

  it("recognises our own outbound mail coming back", () => {
    expect(detectAutomated(mail({ "X-Helpline-Outbound": "1001" }), OWN)?.reason).toBe("own_outbound");
    const echoed = mail({}, { messageId: "helpline.x1.1001@helpdesk.example.com" });
    expect(detectAutomated(echoed, OWN)).toEqual({
      reason: "own_outbound",
      detail: "Message-ID <helpline.x1.1001@helpdesk.example.com> is one we generate",
    });
    expect(detectAutomated(mail({}, { messageId: "x@other.example.com" }), OWN)).toBeNull();
    // A colleague on our own mail domain (an internal IT desk) is not an echo.
    expect(detectAutomated(mail({}, { messageId: "CAF3x9.abc@helpdesk.example.com" }), OWN)).toBeNull();
  });

  it("flags a loop: X-Loop naming our domain, or too many hops", () => {
    expect(detectAutomated(mail({ "X-Loop": "support@helpdesk.example.com" }), OWN)?.reason).toBe("loop");
    expect(detectAutomated(mail({ "X-Loop": "lists.example.net" }), OWN)).toBeNull();
    const hops = mail({});
    hops.headers.received = Array.from({ length: 51 }, (_, i) => `from hop${i}.example.net`);
    expect(detectAutomated(hops, OWN)?.reason).toBe("loop");
  });

  it("says no_sender when there is no usable From", () => {
    expect(detectAutomated(mail({}, { from: null }), OWN)).toEqual({
      reason: "no_sender",
      detail: "the message has no From address",
    });
    expect(detectAutomated(mail({}, { from: { address: "undisclosed-recipients", name: null } }), OWN)?.reason).toBe(
      "no_sender",
    );
  });

  it("does not judge bounces: a DSN without auto headers passes", () => {
    const bounce = mail({}, { from: { address: "mailer-daemon@mx.example.org", name: null } });
    expect(detectAutomated(bounce, OWN)).toBeNull();
  });
});
