import { describe, expect, it } from "vitest";
import { decodeEncodedWords, decodeHeaderValue } from "./decode-header.js";
import { htmlToPlainText } from "./html-text.js";
import { sanitizeEmailHtml } from "./sanitize-html.js";

describe("sanitizeEmailHtml", () => {
  it("keeps formatting, tables and safe images; drops what could run", () => {
    const out = sanitizeEmailHtml(
      '<p style="color: red; background: url(javascript:x)">Hi <b>you</b></p><svg><script>a()</script></svg>' +
        '<img src="cid:%3Clogo@example.com%3E"><img src="data:image/png;base64,iVBO"><img src="data:text/html;base64,PHM+">' +
        '<img src="http://plain.example.net/x.gif"><a href="JaVaScRiPt:alert(1)">x</a><object data="y"></object>',
    );
    expect(out).toContain('<p style="color:red">Hi <b>you</b></p>');
    expect(out).toContain('<img src="cid:logo@example.com" />');
    expect(out).toContain('<img src="data:image/png;base64,iVBO" />');
    expect(out).not.toMatch(/data:text|plain\.example\.net|javascript|<svg|<script|<object|url\(/i);
  });
});

describe("htmlToPlainText", () => {
  it("turns blocks into paragraphs, <br> into lines, links into 'label <url>'", () => {
    const html =
      '<div>Hello,</div><p>see <a href="https://example.com/a">the guide</a><br>or call.</p><ol><li>one</li><li>two</li></ol>';
    expect(htmlToPlainText(html)).toBe("Hello,\n\nsee the guide <https://example.com/a>\nor call.\n\n- one\n- two");
  });

  it("does not repeat a link whose label is its address", () => {
    expect(htmlToPlainText('<a href="mailto:jo@example.org">jo@example.org</a> &amp; &lt;b&gt;')).toBe(
      "jo@example.org & <b>",
    );
  });
});

describe("decodeHeaderValue", () => {
  it("decodes encoded words in any charset and joins adjacent ones", () => {
    expect(decodeEncodedWords("=?ISO-8859-1?Q?Ren=E9e?= =?UTF-8?B?TGVmw6h2cmU=?= <r@example.net>")).toBe(
      "RenéeLefèvre <r@example.net>",
    );
    expect(decodeEncodedWords("=?KOI8-R?B?88/Pwt3FzsnF?=")).toBe("Сообщение");
    expect(decodeEncodedWords("=?x-unknown?Q?caf=C3=A9?=")).toBe("café");
  });

  it("keeps raw UTF-8, reads other raw bytes as Windows-1252, decodes a cut last word", () => {
    expect(decodeHeaderValue(Buffer.from("Müller", "utf8").toString("latin1"))).toBe("Müller");
    expect(decodeHeaderValue(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x80]).toString("latin1"))).toBe(
      "Müller €",
    );
    expect(decodeHeaderValue("=?UTF-8?B?SGVsbG8gV29ybGQ")).toBe("Hello World");
  });
});
