import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectAutomated, sniffContentType, stripQuotedText } from "../../src/core/channels/email/content/index.js";
import { MalformedEmailError, type ParsedEmail } from "../../src/core/channels/email/types.js";
import { parseMime } from "../../src/integrations/email/parse-mime.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "email");
const OWN = { domains: ["helpdesk.example.com"], messageIdDomains: ["helpdesk.example.com"] };

const raw = (name: string): Buffer => readFileSync(join(DIR, name));
const parse = (name: string): Promise<ParsedEmail> => parseMime(raw(name));

describe("email fixtures: replies by client", () => {
  it("Gmail reply: headers, threading ids, and the quoted history cut", async () => {
    const mail = await parse("gmail-reply.eml");
    expect(mail.from).toEqual({ address: "maria.gonzalez@example.com", name: "Maria Gonzalez" });
    expect(mail.subject).toBe("Re: [TKT-1001] Cannot log in to my account");
    expect(mail.inReplyTo).toEqual(["helpline.a1b2c3.1001@helpdesk.example.com"]);
    expect(mail.deliveredTo).toEqual(["support+1001.k2n5x8q3ma7d@helpdesk.example.com"]);
    expect(mail.date?.toISOString()).toBe("2026-01-06T17:12:31.000Z");
    expect(mail.html).toContain('class="gmail_quote"');
    expect(stripQuotedText(mail.text)).toEqual({
      body: "Hi,\n\nI tried resetting the password again but the link says it has expired.\nCould you send a new one?\n\nThanks,\nMaria",
      trimmed: true,
    });
    expect(detectAutomated(mail, OWN)).toBeNull();
  });

  it("German Gmail reply with the attribution wrapped", async () => {
    const mail = await parse("gmail-reply-de.eml");
    const stripped = stripQuotedText(mail.text);
    expect(stripped.trimmed).toBe(true);
    expect(stripped.body).toBe("Hallo,\n\ndie Rechnung ist immer noch nicht angekommen.\n\nViele Grüße\nLukas");
  });

  it("Outlook reply: text without the header block, HTML without style", async () => {
    const mail = await parse("outlook-reply.eml");
    expect(mail.from).toEqual({ address: "sean.obrien@corp.example.net", name: "O'Brien, Sean" });
    const stripped = stripQuotedText(mail.text);
    expect(stripped.trimmed).toBe(true);
    expect(stripped.body).toMatch(/Please enable VPN access for her account\.\n\nKind regards,\nSean O'Brien/);
    expect(stripped.body).not.toContain("Sent: Thursday");
    expect(mail.html).toContain("Aoife Kelly");
    expect(mail.html).not.toMatch(/<style|<head|margin-top:0;margin-bottom:0/);
  });

  it("Apple Mail reply: the mobile signature and quote cut", async () => {
    const mail = await parse("apple-mail-reply.eml");
    expect(mail.messageId).toBe("8F1C2D3E-4A5B-6C7D-8E9F-0A1B2C3D4E5F@example.net");
    expect(stripQuotedText(mail.text)).toEqual({
      body: "Yes, the box was crushed on one side and the lamp inside is broken. I kept the packaging.",
      trimmed: true,
    });
  });

  it("Thunderbird reply: flowed text joined, attribution and signature cut", async () => {
    const mail = await parse("thunderbird-reply.eml");
    expect(stripQuotedText(mail.text)).toEqual({
      body: 'The export still fails with "timeout" after about 30 seconds. It happens with every report that has more than 10,000 rows.',
      trimmed: true,
    });
  });

  it("forwarded mail keeps the forwarded content", async () => {
    const mail = await parse("forwarded.eml");
    const stripped = stripQuotedText(mail.text);
    expect(stripped.trimmed).toBe(false);
    expect(stripped.body).toContain("Tracking number: ZX-99-1234-5678.");
  });
});

describe("email fixtures: HTML, images and attachments", () => {
  it("HTML-only mail: sanitised HTML and readable text made from it", async () => {
    const mail = await parse("html-only.eml");
    const html = mail.html ?? "";
    for (const bad of [
      "<script",
      "onload",
      "onclick",
      "onerror",
      "javascript:",
      "<iframe",
      "<form",
      "<input",
      "<style",
      "<title",
      "tracker.example.net",
    ]) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain(
      '<a href="https://shop.example.net/orders/5512" rel="noopener noreferrer" target="_blank">5512</a>',
    );
    expect(html).toContain("<table");
    expect(html).toContain('<img src="https://shop.example.net/logo.png" alt="Shop logo" />');
    expect(mail.text).toBe(
      [
        "Hello,",
        "",
        "I would like a refund for order 5512 <https://shop.example.net/orders/5512>. The item arrived broken.",
        "",
        "Item | Price",
        "Desk lamp | €39.00",
        "",
        "click me",
        "",
        "[Shop logo]",
        "",
        "Best wishes,",
        "Fatima",
      ].join("\n"),
    );
  });

  it("inline image: cid: kept in the HTML, the part listed as an inline attachment", async () => {
    const mail = await parse("inline-image.eml");
    expect(mail.html).toContain('src="cid:checkout.part1@mail.example.net"');
    expect(mail.attachments).toHaveLength(1);
    const [image] = mail.attachments;
    expect(image).toMatchObject({
      filename: "checkout.png",
      contentId: "checkout.part1@mail.example.net",
      inline: true,
    });
    expect(sniffContentType(image?.content ?? Buffer.alloc(0), image?.declaredType ?? "", "checkout.png")).toEqual({
      contentType: "image/png",
      mismatch: false,
    });
  });

  it("attachments: a PDF and a PNG with the types their bytes confirm", async () => {
    const mail = await parse("attachments.eml");
    expect(mail.text.trim()).toBe("Hi, the invoice and a screenshot of the error are attached.");
    const sniffed = mail.attachments.map((a) => ({
      filename: a.filename,
      inline: a.inline,
      head: a.content.subarray(0, 4).toString("latin1"),
      ...sniffContentType(a.content, a.declaredType, a.filename),
    }));
    expect(sniffed).toEqual([
      {
        filename: "invoice-2026-001.pdf",
        inline: false,
        head: "%PDF",
        contentType: "application/pdf",
        mismatch: false,
      },
      { filename: "error.png", inline: false, head: "\x89PNG", contentType: "image/png", mismatch: false },
    ]);
  });

  it("mislabeled attachment: HTML declared image/png is not served as an image", async () => {
    const mail = await parse("mislabeled-attachment.eml");
    const [fake] = mail.attachments;
    expect(fake?.declaredType).toBe("image/png");
    expect(sniffContentType(fake?.content ?? Buffer.alloc(0), fake?.declaredType ?? "", fake?.filename ?? "")).toEqual({
      contentType: "application/octet-stream",
      mismatch: true,
    });
  });
});

describe("email fixtures: charsets and headers", () => {
  it("ISO-8859-1 body, Q-encoded subject and a raw 8-bit display name", async () => {
    const mail = await parse("iso-8859-1.eml");
    expect(mail.subject).toBe("Bestellung für Frau Müller");
    expect(mail.from).toEqual({ address: "joerg.kraemer@example.org", name: "Jörg Krämer" });
    expect(mail.text).toContain("die Lieferung für Frau Müller aus Köln ist nicht angekommen.");
    expect(mail.text).toContain("12,50 £ wurde trotzdem abgebucht. ¿Können Sie helfen?");
  });

  it("Windows-1252 quoted-printable: curly quotes, euro sign, dash, ellipsis", async () => {
    const mail = await parse("windows-1252.eml");
    expect(mail.text).toContain("the invoice says “paid” but I was charged €49.90 twice – see my bank statement…");
    expect(mail.text).toContain("Chloé");
    expect(mail.from?.name).toBe("Chloé Martin");
  });

  it("Shift_JIS body, subject and sender name", async () => {
    const mail = await parse("shift-jis.eml");
    expect(mail.subject).toBe("注文の件について");
    expect(mail.from).toEqual({ address: "taro.yamada@example.com", name: "山田 太郎" });
    expect(mail.text).toContain("注文番号12345の商品がまだ届いていません。");
  });

  it("KOI8-R body and subject", async () => {
    const mail = await parse("koi8-r.eml");
    expect(mail.subject).toBe("Заказ не пришёл");
    expect(mail.text).toContain("Мой заказ номер 5531 ещё не пришёл.");
  });

  it("encoded words: UTF-8 B subject split over two words, ISO-8859-1 Q sender", async () => {
    const mail = await parse("encoded-words.eml");
    expect(mail.subject).toBe("Rückerstattung für Bestellung 7781 ✓");
    expect(mail.from).toEqual({ address: "renee.lefevre@example.net", name: "Renée Lefèvre" });
    expect(mail.to).toEqual([{ address: "support@helpdesk.example.com", name: "Support équipe" }]);
    expect(mail.headers.subject).toEqual(["Rückerstattung für Bestellung 7781 ✓"]);
    expect(mail.headers.from).toEqual(["Renée Lefèvre <renee.lefevre@example.net>"]);
  });

  it("missing Message-ID gives null, the rest parses", async () => {
    const mail = await parse("missing-message-id.eml");
    expect(mail.messageId).toBeNull();
    expect(mail.text).toBe("Are you open on public holidays?\nOlu\n");
  });

  it("broken headers: no colon, unterminated encoded word, bad date — read as far as they go", async () => {
    const mail = await parse("broken-headers.eml");
    expect(mail.from).toEqual({ address: "beatrice.dubois@example.net", name: "Béatrice Dubois" });
    expect(mail.subject).toBe("Problème de facturation");
    expect(mail.date).toBeNull();
    expect(mail.messageId).toBe("broken.headers.1@example.net");
    expect(mail.headers["x-odd-header"]).toEqual([""]);
    expect(Object.keys(mail.headers)).not.toContain("");
    expect(mail.text).toContain("Bonjour, ma facture est incorrecte.\nBéatrice");
  });
});

describe("email fixtures: bounces and automated mail", () => {
  it("DSN with message/rfc822: every field and the original Message-ID", async () => {
    const mail = await parse("dsn-rfc822.eml");
    expect(mail.dsn).toEqual({
      originalMessageId: "helpline.p7q8r9.1006@helpdesk.example.com",
      action: "failed",
      status: "5.1.1",
      recipient: "no.such.user@example.org",
      diagnostic: "550 5.1.1 <no.such.user@example.org>: Recipient address rejected: User unknown",
    });
  });

  it("DSN with text/rfc822-headers: a delay, diagnostic from the human-readable part", async () => {
    const mail = await parse("dsn-headers.eml");
    expect(mail.dsn).toMatchObject({
      originalMessageId: "helpline.s1t2u3.1007@helpdesk.example.com",
      action: "delayed",
      status: "4.4.7",
      recipient: "kenji.watanabe@example.com",
    });
    expect(mail.dsn?.diagnostic).toMatch(/^Delivery to the following recipient has been delayed:/);
  });

  it("ordinary mail has no dsn", async () => {
    expect((await parse("gmail-reply.eml")).dsn).toBeNull();
    expect((await parse("attachments.eml")).dsn).toBeNull();
  });

  it.each([
    ["auto-replied.eml", { reason: "auto_reply", detail: "Auto-Submitted: auto-replied" }],
    ["out-of-office.eml", { reason: "auto_reply", detail: "X-Autoreply header present" }],
    ["mailing-list.eml", { reason: "bulk", detail: "Precedence: list with List-Id" }],
    ["own-outbound.eml", { reason: "own_outbound", detail: "carries our X-Helpline-Outbound header (1010)" }],
  ])("%s is recognised as automated", async (name, verdict) => {
    expect(detectAutomated(await parse(name), OWN)).toEqual(verdict);
  });

  it("mail people wrote is not automated", async () => {
    for (const name of ["gmail-reply.eml", "outlook-reply.eml", "html-only.eml", "shift-jis.eml", "forwarded.eml"]) {
      expect(detectAutomated(await parse(name), OWN), name).toBeNull();
    }
  });
});

describe("email fixtures: malformed input", () => {
  it("binary garbage raises MalformedEmailError", async () => {
    await expect(parse("malformed-garbage.eml")).rejects.toBeInstanceOf(MalformedEmailError);
    await expect(parseMime(Buffer.alloc(0))).rejects.toBeInstanceOf(MalformedEmailError);
  });

  it("a multipart cut off without its closing boundary still parses what is there", async () => {
    const mail = await parse("malformed-truncated.eml");
    expect(mail.text.trim()).toBe("The report is attached.");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["report.pdf"]);
  });

  it("every fixture either parses or raises MalformedEmailError", async () => {
    const names = readdirSync(DIR).filter((n) => n.endsWith(".eml"));
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const name of names) {
      const outcome = await parse(name).then(
        (mail) => (mail.html?.includes("<script") ? "script" : "parsed"),
        (err: unknown) => (err instanceof MalformedEmailError ? "malformed" : String(err)),
      );
      expect(["parsed", "malformed"], name).toContain(outcome);
    }
  });
});
