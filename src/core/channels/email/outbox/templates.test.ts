import { describe, expect, it } from "vitest";
import { escapeHtml, formatWhen, REPLY_MARKER, renderPlain, renderReply, textToHtml } from "./templates.js";

const at = (iso: string) => new Date(iso);

describe("reply template", () => {
  const mail = renderReply({
    body: "Hello Ana,\nplease restart the <router> & try again.",
    agentName: "Bob O'Neil",
    ticketNumber: "TKT-1001",
    history: [
      { author: "Ana", at: at("2024-05-01T10:00:00Z"), body: "Still broken.\n\nAna" },
      { author: "Bob O'Neil", at: at("2024-04-30T09:00:00Z"), body: "Have you tried <b>this</b>?" },
    ],
    timeZone: "Europe/Berlin",
  });

  it("writes the marker, the reply, the agent and the history newest first, quoted, in text", () => {
    const lines = mail.text.split("\n");
    expect(lines[0]).toBe(REPLY_MARKER);
    expect(mail.text).toContain("please restart the <router> & try again.");
    expect(mail.text).toContain("-- \nBob O'Neil");
    const newer = mail.text.indexOf("On 2024-05-01 12:00 Europe/Berlin, Ana wrote:");
    const older = mail.text.indexOf("On 2024-04-30 11:00 Europe/Berlin, Bob O'Neil wrote:");
    expect(newer).toBeGreaterThan(0);
    expect(older).toBeGreaterThan(newer);
    expect(mail.text).toContain("> Still broken.\n>\n> Ana");
    expect(mail.text).toContain("Ticket TKT-1001");
  });

  it("escapes every body in HTML and keeps line breaks", () => {
    expect(mail.html).toContain("Hello Ana,<br>\nplease restart the &lt;router&gt; &amp; try again.");
    expect(mail.html).toContain("Have you tried &lt;b&gt;this&lt;/b&gt;?");
    expect(mail.html).not.toContain("<b>this</b>");
    expect(mail.html).toContain("Bob O&#39;Neil");
    expect(mail.html).toContain("<blockquote");
    expect(mail.html).toContain("Ticket TKT-1001");
  });

  it("leaves out the signature and history when there are none", () => {
    const bare = renderReply({ body: "Done.", agentName: null, ticketNumber: "T-7", history: [], timeZone: "UTC" });
    expect(bare.text).toBe(`${REPLY_MARKER}\n\nDone.\n\nTicket T-7. Reply to this email to add to the conversation.\n`);
    expect(bare.html).not.toContain("<blockquote");
  });
});

describe("helpers", () => {
  it("escapes the five HTML specials", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("turns every kind of newline into <br>", () => {
    expect(textToHtml("a\r\nb\rc\nd")).toBe("a<br>\nb<br>\nc<br>\nd");
  });

  it("writes dates in the workspace's zone", () => {
    expect(formatWhen(at("2024-01-15T23:30:00Z"), "UTC")).toBe("2024-01-15 23:30 UTC");
    expect(formatWhen(at("2024-01-15T23:30:00Z"), "Asia/Tokyo")).toBe("2024-01-16 08:30 Asia/Tokyo");
  });

  it("renders a plain mail with the ticket footer", () => {
    const m = renderPlain("Thanks <3", "TKT-5");
    expect(m.text).toBe("Thanks <3\n\nTicket TKT-5. Reply to this email to add to the conversation.\n");
    expect(m.html).toContain("Thanks &lt;3");
    expect(renderPlain("Hi", null).text).toBe("Hi\n");
  });
});
