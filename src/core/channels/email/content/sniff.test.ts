import { describe, expect, it } from "vitest";
import { sniffContentType } from "./sniff.js";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00", "latin1");
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.from([36, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n");
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);
const GZIP = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
const BINARY = Buffer.from([0x00, 0x13, 0x37, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("sniffContentType", () => {
  it.each([
    [PNG, "image/png", "a.png", "image/png"],
    [JPEG, "image/jpg", "a.jpg", "image/jpeg"],
    [GIF, "image/gif", "a.gif", "image/gif"],
    [WEBP, "image/webp", "a.webp", "image/webp"],
    [PDF, "application/pdf; name=a.pdf", "a.pdf", "application/pdf"],
    [ZIP, "application/zip", "a.zip", "application/zip"],
    [ZIP, DOCX, "letter.docx", DOCX],
    [GZIP, "application/x-gzip", "a.tar.gz", "application/gzip"],
  ])("keeps a type the bytes confirm (%#)", (bytes, declared, name, expected) => {
    expect(sniffContentType(bytes, declared, name)).toEqual({ contentType: expected, mismatch: false });
  });

  it("takes the type from the bytes when the declared one is generic, without calling it a mismatch", () => {
    expect(sniffContentType(PDF, "application/octet-stream", "scan")).toEqual({
      contentType: "application/pdf",
      mismatch: false,
    });
    expect(sniffContentType(ZIP, "application/octet-stream", "report.xlsx").contentType).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });

  it("trusts the bytes over a wrong declared type", () => {
    expect(sniffContentType(PNG, "image/jpeg", "photo.jpg")).toEqual({ contentType: "image/png", mismatch: true });
    expect(sniffContentType(PDF, "image/png", "x.png")).toEqual({ contentType: "application/pdf", mismatch: true });
  });

  it("never serves HTML or SVG as an image", () => {
    const html = Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>");
    expect(sniffContentType(html, "image/png", "photo.png")).toEqual({
      contentType: "application/octet-stream",
      mismatch: true,
    });
    const svg = Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
    );
    expect(sniffContentType(svg, "image/svg+xml", "logo.svg")).toEqual({
      contentType: "application/octet-stream",
      mismatch: false,
    });
    expect(sniffContentType(svg, "image/png", "logo.png").contentType).toBe("application/octet-stream");
    const bomHtml = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("  <body onload=x()>hi</body>")]);
    expect(sniffContentType(bomHtml, "image/gif", "a.gif").contentType).toBe("application/octet-stream");
  });

  it("keeps text/html for HTML declared as HTML (served as a download by the caller)", () => {
    expect(sniffContentType(Buffer.from("<html><body>Hi</body></html>"), "text/html", "page.html")).toEqual({
      contentType: "text/html",
      mismatch: false,
    });
  });

  it("recognises plain text and keeps a declared text type", () => {
    const csv = Buffer.from("id,name\n1,Jane\n");
    expect(sniffContentType(csv, "text/csv", "a.csv")).toEqual({ contentType: "text/csv", mismatch: false });
    expect(sniffContentType(Buffer.from("héllo wörld\n"), "application/octet-stream", "notes")).toEqual({
      contentType: "text/plain",
      mismatch: false,
    });
    expect(sniffContentType(Buffer.from("just words"), "image/png", "a.png")).toEqual({
      contentType: "text/plain",
      mismatch: true,
    });
  });

  it("makes unknown binary declared as something recognisable application/octet-stream", () => {
    expect(sniffContentType(BINARY, "image/png", "a.png")).toEqual({
      contentType: "application/octet-stream",
      mismatch: true,
    });
    expect(sniffContentType(BINARY, "text/plain", "a.txt")).toEqual({
      contentType: "application/octet-stream",
      mismatch: true,
    });
    expect(sniffContentType(BINARY, "application/octet-stream", "blob")).toEqual({
      contentType: "application/octet-stream",
      mismatch: false,
    });
  });
});
