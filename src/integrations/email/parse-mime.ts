import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { isDeliverableAddress, normalizeAddress } from "../../core/channels/email/address.js";
import { normalizeMessageId, parseMessageIdList } from "../../core/channels/email/message-id.js";
import {
  type DeliveryReport,
  type EmailAddress,
  MalformedEmailError,
  type MimeParser,
  type ParsedAttachment,
} from "../../core/channels/email/types.js";
import { decodeHeaderValue } from "./decode-header.js";
import { htmlToPlainText } from "./html-text.js";
import { readDeliveryReport } from "./read-dsn.js";
import { cidOf, sanitizeEmailHtml } from "./sanitize-html.js";

/**
 * mailparser → ParsedEmail. Every charset is decoded (mailparser with
 * iconv-lite/libmime for bodies, decode-header.ts for the header map), the HTML
 * sanitised, a text body made from the HTML when there is none, and a delivery
 * report read when the message is one. Odd or broken headers never throw;
 * only bytes that are not a message at all (no header can be read) raise
 * MalformedEmailError.
 */

const HEADER_NAME = /^[!-9;-~]+$/;

/** Display names by address, read from our own decoding of the header (raw 8-bit names in a legacy charset). */
function namesIn(decoded: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of decoded ?? []) {
    for (const m of value.matchAll(/(?:^|,)\s*"?([^<>",]*?)"?\s*<([^<>\s]+)>/g)) {
      const name = (m[1] ?? "").trim();
      if (name) out.set(normalizeAddress(m[2] ?? ""), name);
    }
  }
  return out;
}

/** Names mailparser could only half-decode (U+FFFD) are taken from the header map instead. */
function repairNames(list: EmailAddress[], decoded: readonly string[] | undefined): EmailAddress[] {
  if (!list.some((a) => a.name?.includes("\uFFFD"))) return list;
  const names = namesIn(decoded);
  return list.map((a) => (a.name?.includes("\uFFFD") ? { ...a, name: names.get(a.address) ?? a.name } : a));
}

function addresses(field: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  const out: EmailAddress[] = [];
  for (const group of list) {
    for (const v of group.value ?? []) {
      const members = v.group ?? [v];
      for (const m of members) {
        const address = m.address ? normalizeAddress(m.address) : "";
        if (address) out.push({ address, name: m.name?.trim() || null });
      }
    }
  }
  return out;
}

function headerValues(mail: ParsedMail): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  for (const line of mail.headerLines ?? []) {
    if (!line.key || !HEADER_NAME.test(line.key)) continue;
    const colon = line.line.indexOf(":");
    const raw = colon < 0 ? "" : line.line.slice(colon + 1).replace(/\r?\n[ \t]+/g, " ");
    const value = decodeHeaderValue(raw).trim();
    const list = out[line.key] ?? [];
    list.push(value);
    out[line.key] = list;
  }
  return { ...out };
}

/** The Date header when it is a real date; "(CET)"-style comments are ignored. Null otherwise. */
function dateOf(headers: Record<string, string[]>): Date | null {
  const value = headers.date?.[0];
  if (!value) return null;
  const cleaned = value
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!/\d{1,2}:\d{2}/.test(cleaned) || !/\b\d{4}\b/.test(cleaned)) return null;
  const date = new Date(cleaned);
  const time = date.getTime();
  // Outside 1970…9999 is not a date a mail client wrote.
  return Number.isNaN(time) || time < 0 || time > 253402300799000 ? null : date;
}

function firstAddress(mail: ParsedMail, headers: Record<string, string[]>): EmailAddress | null {
  const from = repairNames(addresses(mail.from), headers.from);
  return from.find((a) => isDeliverableAddress(a.address)) ?? from[0] ?? null;
}

function attachmentsOf(mail: ParsedMail): ParsedAttachment[] {
  return (mail.attachments ?? []).map((a) => ({
    filename: a.filename ? decodeHeaderValue(a.filename).trim() || "attachment" : "attachment",
    declaredType: a.contentType || "application/octet-stream",
    contentId: a.contentId ? cidOf(normalizeMessageId(a.contentId)) || null : null,
    inline: a.contentDisposition === "inline" || Boolean(a.related),
    content: Buffer.isBuffer(a.content) ? a.content : Buffer.alloc(0),
  }));
}

/** mailparser's subject; ours when it left encoded words or U+FFFD in it (cut words, raw legacy bytes). */
function subjectOf(mail: ParsedMail, headers: Record<string, string[]>): string {
  const theirs = mail.subject ?? "";
  const ours = headers.subject?.[0] ?? "";
  const broken = /=\?[^?\s]+\?[BbQq]\?/.test(theirs) || theirs.includes("\uFFFD");
  return (broken && ours ? ours : theirs).replace(/\s+/g, " ").trim();
}

function deliveryReport(raw: Buffer): DeliveryReport | null {
  try {
    return readDeliveryReport(raw);
  } catch {
    // A report we cannot read is still a message: the pipeline sees it without dsn.
    return null;
  }
}

/** Mail that has not one readable header is not a message. */
function assertReadable(raw: Buffer, mail: ParsedMail): void {
  if (raw.length === 0) throw new MalformedEmailError("the message is empty");
  const named = (mail.headerLines ?? []).filter((l) => l.key && HEADER_NAME.test(l.key) && l.line.includes(":"));
  if (named.length === 0) {
    throw new MalformedEmailError("the message has no readable header (is it an email at all?)");
  }
}

export const parseMime: MimeParser = async (raw) => {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true });
  } catch (err) {
    throw new MalformedEmailError(`the message could not be parsed: ${(err as Error).message}`);
  }
  assertReadable(raw, mail);
  const headers = headerValues(mail);
  let html: string | null = null;
  if (typeof mail.html === "string" && mail.html.trim() !== "") {
    try {
      html = sanitizeEmailHtml(mail.html) || null;
    } catch {
      html = null;
    }
  }
  const plain = typeof mail.text === "string" ? mail.text.replace(/\r\n?/g, "\n") : "";
  const text = plain.trim() !== "" ? plain : html ? htmlToPlainText(html) : "";
  const messageId = mail.messageId ? parseMessageIdList(mail.messageId)[0] : undefined;
  return {
    messageId: messageId ?? null,
    inReplyTo: parseMessageIdList(mail.inReplyTo),
    references: parseMessageIdList(mail.references),
    from: firstAddress(mail, headers),
    replyTo: repairNames(addresses(mail.replyTo), headers["reply-to"]),
    to: repairNames(addresses(mail.to), headers.to),
    cc: repairNames(addresses(mail.cc), headers.cc),
    deliveredTo: [...(headers["delivered-to"] ?? []), ...(headers["x-original-to"] ?? [])]
      .map(normalizeAddress)
      .filter((a) => a !== ""),
    subject: subjectOf(mail, headers),
    date: dateOf(headers),
    headers,
    text,
    html,
    attachments: attachmentsOf(mail),
    dsn: deliveryReport(raw),
  };
};
