import { parseMessageIdList } from "../../core/channels/email/message-id.js";
import type { DeliveryReport } from "../../core/channels/email/types.js";
import { decodeBytes } from "./decode-header.js";

/**
 * Reads a delivery status notification (RFC 3464: multipart/report;
 * report-type=delivery-status) straight from the raw bytes: the per-recipient
 * fields of the message/delivery-status part and the Message-ID of the
 * original from its message/rfc822 or text/rfc822-headers part. Works on a
 * latin1 view of the bytes (one char per byte), so nothing can fail to decode.
 */

interface Part {
  headers: Map<string, string>;
  body: string;
}

const MAX_DEPTH = 4;
const ORIGINAL_TYPES = new Set([
  "message/rfc822",
  "text/rfc822-headers",
  "message/rfc822-headers",
  "message/global",
  "message/global-headers",
]);

/** Header block → lower-case name → unfolded value (first occurrence wins). */
function readHeaders(block: string): Map<string, string> {
  const out = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!out.has(name)) out.set(name, line.slice(colon + 1).trim());
  }
  return out;
}

function splitPart(text: string): Part {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { headers: readHeaders(text), body: "" };
  return { headers: readHeaders(text.slice(0, m.index)), body: text.slice(m.index + m[0].length) };
}

function mediaType(value: string | undefined): string {
  return (value ?? "text/plain").split(";")[0]?.trim().toLowerCase() ?? "";
}

function param(value: string | undefined, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(value ?? "");
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function children(part: Part): Part[] {
  const boundary = param(part.headers.get("content-type"), "boundary");
  if (!boundary) return [];
  const out: Part[] = [];
  const delimiter = `--${boundary}`;
  const sections = part.body.split(new RegExp(`(?:^|\\r?\\n)${escapeRegExp(delimiter)}(?:--)?[ \\t]*(?=\\r?\\n|$)`));
  // The first section is the preamble; a section after the closing delimiter is the epilogue.
  const closed = part.body.includes(`${delimiter}--`);
  const body = sections.slice(1, closed ? -1 : undefined);
  for (const section of body) out.push(splitPart(section.replace(/^\r?\n/, "")));
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The body bytes after Content-Transfer-Encoding, still as a latin1 string. */
function decodedBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "").trim().toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64").toString("latin1");
  if (encoding === "quoted-printable") {
    return part.body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return part.body;
}

function asText(latin1: string, charset: string | null): string {
  return decodeBytes(Buffer.from(latin1, "latin1"), charset);
}

function findReport(part: Part, depth: number): Part | null {
  const type = part.headers.get("content-type");
  if (mediaType(type) === "multipart/report") {
    return (param(type, "report-type") ?? "").toLowerCase() === "delivery-status" ? part : null;
  }
  if (depth >= MAX_DEPTH || !mediaType(type).startsWith("multipart/")) return null;
  for (const child of children(part)) {
    const found = findReport(child, depth + 1);
    if (found) return found;
  }
  return null;
}

/** "rfc822; jane@example.com" → "jane@example.com"; "smtp; 550 …" → "550 …". */
function withoutType(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(";");
  const out = (semi >= 0 ? value.slice(semi + 1) : value).trim();
  return out === "" ? null : out;
}

function recipientBlock(status: string): Map<string, string> {
  const blocks = status
    .split(/\r?\n[ \t]*\r?\n/)
    .map((b) => readHeaders(b.trim()))
    .filter((b) => b.size > 0);
  const recipients = blocks.filter((b) => b.has("action") || b.has("final-recipient"));
  return recipients.find((b) => /^failed/i.test(b.get("action") ?? "")) ?? recipients[0] ?? new Map();
}

function defaultAction(status: string | null): string {
  if (status?.startsWith("4")) return "delayed";
  if (status?.startsWith("2")) return "delivered";
  return "failed";
}

/** The delivery report in this message, or null when it is not one. */
export function readDeliveryReport(raw: Buffer): DeliveryReport | null {
  const report = findReport(splitPart(raw.toString("latin1")), 0);
  if (!report) return null;
  const parts = children(report);
  const statusPart = parts.find((p) => mediaType(p.headers.get("content-type")) === "message/delivery-status");
  const originalPart = parts.find((p) => ORIGINAL_TYPES.has(mediaType(p.headers.get("content-type"))));
  const humanPart = parts.find((p) => mediaType(p.headers.get("content-type")) === "text/plain");

  const fields = statusPart ? recipientBlock(decodedBody(statusPart)) : new Map<string, string>();
  const status = fields.get("status")?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0] ?? null;
  const action = (fields.get("action") ?? "").split(/[\s(]/)[0]?.toLowerCase() || defaultAction(status);
  const recipient = withoutType(fields.get("final-recipient") ?? fields.get("original-recipient"));

  let originalMessageId: string | null = null;
  if (originalPart) {
    const headers = splitPart(decodedBody(originalPart)).headers;
    originalMessageId = parseMessageIdList(headers.get("message-id"))[0] ?? null;
  }
  const human = humanPart
    ? asText(decodedBody(humanPart), param(humanPart.headers.get("content-type"), "charset")).trim()
    : "";
  const diagnostic = withoutType(fields.get("diagnostic-code")) ?? human.slice(0, 1000);
  return {
    originalMessageId,
    action,
    status,
    recipient: recipient ? recipient.replace(/^<|>$/g, "").toLowerCase() : null,
    diagnostic,
  };
}
