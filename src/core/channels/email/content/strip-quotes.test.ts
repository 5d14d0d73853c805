import { describe, expect, it } from "vitest";
import { stripQuotedText } from "./strip-quotes.js";

const REPLY = "Thanks, that fixed it.\n\nJane";

function cutAfterReply(tail: string): void {
  const result = stripQuotedText(`${REPLY}\n\n${tail}`);
  expect(result).toEqual({ body: REPLY, trimmed: true });
}

describe("stripQuotedText", () => {
  it("cuts a Gmail attribution and the quote under it", () => {
    cutAfterReply("On Mon, 5 Jan 2026 at 10:00, Support <support@example.com> wrote:\n\n> Hello Jane,\n> try again.");
  });

  it("cuts a Gmail attribution wrapped over two lines", () => {
    cutAfterReply("On Mon, 5 Jan 2026 at 10:00, Support Team <\nsupport@example.com> wrote:\n\n> Hello");
    cutAfterReply("On Mon, 5 Jan 2026 at 10:00, Support Team <support@example.com>\nwrote:\n> Hello");
  });

  it.each([
    ["de", "Am Mo., 5. Jan. 2026 um 10:00 Uhr schrieb Support <support@example.com>:"],
    ["fr", "Le lun. 5 janv. 2026 à 10:00, Support <support@example.com> a écrit :"],
    ["es", "El lun, 5 ene 2026 a las 10:00, Support (<support@example.com>) escribió:"],
    ["nl", "Op ma 5 jan. 2026 om 10:00 schreef Support <support@example.com>:"],
  ])("cuts the %s Gmail attribution", (_lang, line) => {
    cutAfterReply(`${line}\n\n> Hallo`);
  });

  it("cuts an Apple Mail attribution", () => {
    cutAfterReply("On 3 Jan 2026, at 10:00, Support <support@example.com> wrote:\n\n> Hello");
  });

  it("cuts a Thunderbird attribution", () => {
    cutAfterReply("On 1/3/26 10:00 AM, Support wrote:\n> Hello");
  });

  it("cuts Outlook's Original Message separator", () => {
    cutAfterReply(
      "-----Original Message-----\nFrom: Support <support@example.com>\nSent: Monday\nSubject: Hi\n\nHello",
    );
  });

  it("cuts an Outlook header block after the underscore separator", () => {
    cutAfterReply(
      "________________________________\nFrom: Support <support@example.com>\nSent: Monday, January 5, 2026 10:00 AM\nTo: Jane\nSubject: [TKT-1001] Help\n\nHello",
    );
  });

  it("cuts an Outlook header block without separator, also localized", () => {
    cutAfterReply(
      "From: Support <support@example.com>\nSent: Monday, January 5, 2026\nTo: Jane\nSubject: Help\n\nHello",
    );
    cutAfterReply(
      "Von: Support <support@example.com>\nGesendet: Montag, 5. Januar 2026\nAn: Jane\nBetreff: Hilfe\n\nHallo",
    );
  });

  it("cuts a trailing block of > quotes but keeps quotes between answers", () => {
    cutAfterReply("> Hello Jane,\n>\n> did that help?\n");
    const inline = "> Which browser?\nFirefox.\n> Which version?\n128.";
    expect(stripQuotedText(inline)).toEqual({ body: inline, trimmed: false });
  });

  it("cuts a signature after '-- '", () => {
    cutAfterReply("-- \nJane Example\nExample Corp | +1 555 0100");
  });

  it.each([
    "Sent from my iPhone",
    "Get Outlook for iOS",
    "Sent from my Samsung Galaxy smartphone.",
    "Von meinem iPhone gesendet",
  ])("cuts the mobile signature %j", (signature) => {
    cutAfterReply(`${signature}\n\n> On 3 Jan 2026, at 10:00, Support wrote:`);
  });

  it("keeps forwarded content (Gmail and Apple Mail markers)", () => {
    const gmail =
      "Please look at this.\n\n---------- Forwarded message ---------\nFrom: Shop <orders@example.net>\nDate: Fri, 9 Jan 2026\nSubject: Your order\nTo: <jane@example.com>\n\nYour order shipped.";
    expect(stripQuotedText(gmail)).toEqual({ body: gmail, trimmed: false });
    const apple =
      "FYI\n\nBegin forwarded message:\n\nFrom: Shop <orders@example.net>\nSubject: Your order\nDate: 9 January 2026\n\n> quoted in the forward";
    expect(stripQuotedText(apple)).toEqual({ body: apple, trimmed: false });
  });

  it("keeps an Outlook forward whose header block has an FW: subject", () => {
    const forward =
      "See below.\n\n________________________________\nFrom: Shop <orders@example.net>\nSent: Friday, January 9, 2026\nTo: Jane\nSubject: FW: Your order\n\nShipped.";
    expect(stripQuotedText(forward).trimmed).toBe(false);
  });

  it("cuts history above a forward but not the forward itself", () => {
    const text =
      "My answer\n\nOn Mon, 5 Jan 2026, Support <s@example.com> wrote:\n> ---------- Forwarded message ---------";
    expect(stripQuotedText(text)).toEqual({ body: "My answer", trimmed: true });
  });

  it("never returns an empty body: when everything would be cut the original stays", () => {
    const onlyQuote = "> Hello Jane,\n> did that help?";
    expect(stripQuotedText(onlyQuote)).toEqual({ body: onlyQuote, trimmed: false });
    const bottomPosted = "On 1/3/26 10:00 AM, Support wrote:\n> Hello\n\nYes it did.";
    expect(stripQuotedText(bottomPosted).body).toBe(bottomPosted);
    expect(stripQuotedText("")).toEqual({ body: "", trimmed: false });
  });

  it("reads CRLF text and leaves text without history alone", () => {
    expect(stripQuotedText("Hi\r\n\r\nOn 1/3/26 10:00 AM, Support wrote:\r\n> x")).toEqual({
      body: "Hi",
      trimmed: true,
    });
    const plain = "Hello,\nmy order did not arrive.\nOn Monday I will call you.";
    expect(stripQuotedText(plain)).toEqual({ body: plain, trimmed: false });
  });

  it("cuts at our own reply marker, quoted or not, when no attribution line came first", () => {
    const text = "Thanks, that fixed it.\n\n> ##- Reply above this line -##\n>\n> Have you tried turning it off?";
    expect(stripQuotedText(text)).toEqual({ body: "Thanks, that fixed it.", trimmed: true });
    const bare = "Works now.\n##- Reply above this line -##\nOld text";
    expect(stripQuotedText(bare).body).toBe("Works now.");
  });
});
