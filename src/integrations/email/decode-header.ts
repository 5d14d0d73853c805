/**
 * Header text as people read it: raw 8-bit bytes taken as UTF-8 when they are
 * valid UTF-8 (else Windows-1252), and RFC 2047 encoded words decoded in any
 * charset the runtime knows. Unknown or refused charsets (UTF-7) and broken
 * words never throw: they decode as UTF-8 with replacement characters, or stay
 * as written when they are not complete encoded words.
 */

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
const BETWEEN_WORDS = /(\?=)[ \t\r\n]+(?==\?[^?\s]+\?[BbQq]\?)/g;

/** Windows-1252 0x80–0x9F (Node 20's TextDecoder reads these bytes as Latin-1 controls). */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function windows1252(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] as string) : String.fromCharCode(b);
  return out;
}

function decoderFor(charset: string): { decode(bytes: Uint8Array): string } {
  const label = charset.replace(/\*.*$/, "").trim().toLowerCase();
  if (/^(?:utf-?7|unicode-1-1-utf-7)$/.test(label)) return new TextDecoder("utf-8");
  try {
    const decoder = new TextDecoder(label === "ks_c_5601-1987" ? "euc-kr" : label);
    return decoder.encoding === "windows-1252" ? { decode: windows1252 } : decoder;
  } catch {
    return new TextDecoder("utf-8");
  }
}

/** Bytes in a named charset → text; unknown or refused charsets decode as UTF-8 with replacement. */
export function decodeBytes(bytes: Uint8Array, charset: string | null): string {
  return decoderFor(charset ?? "utf-8").decode(bytes);
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === "B") return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ""), "base64");
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const hex = text.slice(i + 1, i + 3);
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (c === "_") bytes.push(0x20);
    else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/** A last encoded word whose "?=" went missing (a cut header) is decoded as far as it goes. */
function decodeUnterminated(tail: string): string {
  const m = /=\?([^?\s]+)\?([BbQq])\?([^?\s]+)$/.exec(tail);
  if (!m) return tail;
  const [whole, charset = "utf-8", encoding = "B", text = ""] = m;
  return tail.slice(0, tail.length - whole.length) + decoderFor(charset).decode(wordBytes(encoding, text));
}

/** Decodes the RFC 2047 encoded words in a header value; adjacent words of one charset join before decoding. */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(BETWEEN_WORDS, "$1");
  const out: string[] = [];
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = (): void => {
    if (pending) out.push(decoderFor(pending.charset).decode(Buffer.concat(pending.bytes)));
    pending = null;
  };
  for (const m of joined.matchAll(ENCODED_WORD)) {
    const [whole, charset = "utf-8", encoding = "B", text = ""] = m;
    const index = m.index ?? 0;
    if (index > last) {
      flush();
      out.push(joined.slice(last, index));
    }
    const bytes = wordBytes(encoding, text);
    const current = pending as { charset: string; bytes: Buffer[] } | null;
    if (current && current.charset.toLowerCase() === charset.toLowerCase()) current.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = index + whole.length;
  }
  flush();
  out.push(decodeUnterminated(joined.slice(last)));
  return out.join("");
}

/** A header line as mailparser hands it over (one char per byte) → text. */
export function decodeRawHeader(latin1: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for bytes above ASCII
  if (!/[^\x00-\x7f]/.test(latin1)) return latin1;
  const bytes = Buffer.from(latin1, "latin1");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

/** Decoded header text: raw bytes, then encoded words; control characters other than tab removed. */
export function decodeHeaderValue(latin1: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return decodeEncodedWords(decodeRawHeader(latin1)).replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
}
