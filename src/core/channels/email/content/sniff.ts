/**
 * The content type an attachment is stored and served with, decided from its
 * bytes rather than from what the message declared. Recognised formats keep
 * their type; HTML and SVG are never served as images; bytes we cannot vouch
 * for become application/octet-stream (a download, never rendered).
 */

export interface SniffedType {
  contentType: string;
  /** The bytes contradict the declared type (a generic declared type never does). */
  mismatch: boolean;
}

const OCTET = "application/octet-stream";

const GENERIC = new Set(["", OCTET, "application/binary", "application/unknown", "binary/octet-stream"]);

/** Declared spellings that mean the same format. */
const ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "image/x-png": "image/png",
  "application/x-pdf": "application/pdf",
  "application/x-zip-compressed": "application/zip",
  "application/x-zip": "application/zip",
  "application/x-gzip": "application/gzip",
  "application/gzip-compressed": "application/gzip",
  "audio/mp3": "audio/mpeg",
  "application/xhtml+xml": "text/html",
};

/** Containers whose declared (more precise) type is kept when the bytes are a zip. */
const ZIP_BASED = new Set([
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
  "application/epub+zip",
  "application/java-archive",
]);

const ZIP_EXTENSIONS: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
};

/** OLE compound files (legacy Office, Outlook .msg) keep a declared type of this family. */
const OLE_BASED = new Set([
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "application/vnd.ms-outlook",
]);

/** Text types whose declared type is kept for text bytes (text/html is decided by the HTML check). */
const TEXT_LIKE =
  /^(?:text\/(?!html$)[a-z0-9.+-]+|application\/(?:json|[a-z0-9.+-]+\+json|x-yaml|yaml|pgp-signature|pgp-keys|pgp-encrypted|pkcs7-signature|x-pem-file|mbox)|message\/(?:rfc822|delivery-status|disposition-notification))$/;

function startsWith(bytes: Buffer, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Buffer, offset: number, text: string): boolean {
  return startsWith(
    bytes,
    [...text].map((c) => c.charCodeAt(0)),
    offset,
  );
}

/** A binary format recognised by its magic bytes, or null. */
function magicType(bytes: Buffer): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) return "image/gif";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return "image/webp";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "audio/wav";
  if (ascii(bytes, 0, "BM") && bytes.length > 26 && bytes.readUInt32LE(2) > 26) return "image/bmp";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "image/tiff";
  if (ascii(bytes, 0, "%PDF-")) return "application/pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return "application/zip";
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return "application/gzip";
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "application/x-7z-compressed";
  if (ascii(bytes, 0, "Rar!")) return "application/vnd.rar";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "application/x-ole-storage";
  if (ascii(bytes, 4, "ftyp")) {
    const brand = bytes.subarray(8, 12).toString("latin1");
    if (/^(?:heic|heix|mif1|msf1)$/.test(brand)) return "image/heic";
    if (/^(?:M4A )$/.test(brand)) return "audio/mp4";
    return "video/mp4";
  }
  if (ascii(bytes, 0, "ID3") || startsWith(bytes, [0xff, 0xfb])) return "audio/mpeg";
  if (ascii(bytes, 0, "OggS")) return "audio/ogg";
  return null;
}

/** The first bytes as text, without a BOM or leading space, lower-cased. */
function head(bytes: Buffer, length: number): string {
  let text = bytes.subarray(0, length).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.trimStart().toLowerCase();
}

const HTML_START =
  /^(?:<!doctype\s+html|<html|<head|<body|<script|<iframe|<meta|<title|<style|<object|<embed|<a\s|<img\s|<div|<p>|<table|<br|<h[1-6]\b)/;

function isSvg(bytes: Buffer): boolean {
  const start = head(bytes, 2048);
  if (start.startsWith("<svg")) return true;
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+svg[^>]*>\s*)?<svg[\s>]/.test(start);
}

function isHtml(bytes: Buffer): boolean {
  const start = head(bytes, 1024).replace(/^(?:<!--[\s\S]*?-->\s*)+/, "");
  if (HTML_START.test(start)) return true;
  // Script anywhere near the start makes it HTML as far as a browser is concerned.
  return /<script[\s>]|<html[\s>]|<body[\s>]/.test(start);
}

/** No NUL bytes and (almost) no control characters in the first 4 KiB. */
function isText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return true;
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / sample.length < 0.02;
}

function normaliseDeclared(declared: string): string {
  const base = declared.split(";")[0]?.trim().toLowerCase() ?? "";
  return ALIASES[base] ?? base;
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** The type to store and serve an attachment with, from its bytes, declared type and name. */
export function sniffContentType(bytes: Buffer, declared: string, filename: string): SniffedType {
  const said = normaliseDeclared(declared);
  const generic = GENERIC.has(said);
  const verdict = (contentType: string, agrees: boolean): SniffedType => ({
    contentType,
    mismatch: !generic && !agrees,
  });

  const magic = magicType(bytes);
  if (magic === "application/zip") {
    if (ZIP_BASED.has(said)) return verdict(said, true);
    const byName = ZIP_EXTENSIONS[extensionOf(filename)];
    if (generic && byName) return verdict(byName, true);
    return verdict(magic, said === magic);
  }
  if (magic === "application/x-ole-storage") {
    if (OLE_BASED.has(said)) return verdict(said, true);
    return verdict(OCTET, false);
  }
  if (magic) return verdict(magic, said === magic);

  if (isSvg(bytes)) return verdict(OCTET, said === "image/svg+xml");
  if (isHtml(bytes)) return said === "text/html" ? verdict("text/html", true) : verdict(OCTET, false);
  if (isText(bytes)) {
    if (TEXT_LIKE.test(said)) return verdict(said, true);
    return verdict("text/plain", generic);
  }
  return verdict(OCTET, false);
}
