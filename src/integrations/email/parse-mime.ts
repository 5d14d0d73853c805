import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { normalizeAddress } from "../../core/channels/email/address.js";
import { normalizeMessageId, parseMessageIdList } from "../../core/channels/email/message-id.js";
import { type EmailAddress, MalformedEmailError, type MimeParser } from "../../core/channels/email/types.js";

function addresses(field: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  const out: EmailAddress[] = [];
  for (const group of list) {
    for (const v of group.value) {
      const members = v.group ?? [v];
      for (const m of members) {
        if (m.address) out.push({ address: normalizeAddress(m.address), name: m.name?.trim() || null });
      }
    }
  }
  return out;
}

function headerValues(mail: ParsedMail): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of mail.headerLines) {
    const colon = line.line.indexOf(":");
    const value =
      colon < 0
        ? ""
        : line.line
            .slice(colon + 1)
            .replace(/\r?\n[ \t]+/g, " ")
            .trim();
    const list = out[line.key] ?? [];
    list.push(value);
    out[line.key] = list;
  }
  return out;
}

/** mailparser → ParsedEmail. */
export const parseMime: MimeParser = async (raw) => {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch (err) {
    throw new MalformedEmailError(`the message could not be parsed: ${(err as Error).message}`);
  }
  const headers = headerValues(mail);
  return {
    messageId: mail.messageId ? normalizeMessageId(mail.messageId) || null : null,
    inReplyTo: parseMessageIdList(mail.inReplyTo),
    references: parseMessageIdList(mail.references),
    from: addresses(mail.from)[0] ?? null,
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    deliveredTo: [...(headers["delivered-to"] ?? []), ...(headers["x-original-to"] ?? [])].map(normalizeAddress),
    subject: mail.subject ?? "",
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    headers,
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : null,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? "attachment",
      declaredType: a.contentType || "application/octet-stream",
      contentId: a.contentId ? normalizeMessageId(a.contentId) : null,
      inline: a.contentDisposition === "inline" || Boolean(a.related),
      content: a.content,
    })),
    dsn: null,
  };
};
