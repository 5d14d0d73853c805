import { zoneOffsetMs } from "../../../kernel/index.js";

/**
 * The mail an agent's reply becomes, as text and HTML: a marker line that
 * inbound quote-stripping cuts at, the reply, the agent's name, the recent
 * history quoted (newest first), and a footer naming the ticket. Bodies are
 * plain text: escaped, newlines kept.
 */
export const REPLY_MARKER = "##- Reply above this line -##";

export interface QuotedMessage {
  author: string;
  at: Date;
  body: string;
}

export interface ReplyTemplateInput {
  body: string;
  agentName: string | null;
  /** `TKT-1001`. */
  ticketNumber: string;
  /** Earlier public messages, newest first (at most a few). */
  history: QuotedMessage[];
  /** IANA zone the dates are written in. */
  timeZone: string;
}

export interface RenderedMail {
  text: string;
  html: string;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** Plain text as HTML: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, "\n")).replace(/\n/g, "<br>\n");
}

/** `2024-05-01 14:30 Europe/Berlin`. */
export function formatWhen(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + zoneOffsetMs(at, timeZone));
  return `${local.toISOString().slice(0, 16).replace("T", " ")} ${timeZone}`;
}

function quoteText(body: string): string {
  return body
    .replace(/\r\n?/g, "\n")
    .trimEnd()
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}

const STYLE = {
  body: "font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#222",
  marker: "color:#999;font-size:12px;margin:0 0 16px",
  signature: "color:#555;margin:16px 0",
  header: "color:#555;font-size:12px;margin:16px 0 4px",
  quote: "margin:0;padding:0 0 0 12px;border-left:3px solid #ddd;color:#555",
  footer: "color:#999;font-size:12px;margin:24px 0 0",
};

function footerText(ticketNumber: string): string {
  return `Ticket ${ticketNumber}. Reply to this email to add to the conversation.`;
}

/** An agent's reply with the conversation so far. */
export function renderReply(input: ReplyTemplateInput): RenderedMail {
  const text: string[] = [REPLY_MARKER, "", input.body.replace(/\r\n?/g, "\n").trimEnd()];
  const html: string[] = [
    `<p style="${STYLE.marker}">${escapeHtml(REPLY_MARKER)}</p>`,
    `<div>${textToHtml(input.body.trimEnd())}</div>`,
  ];
  if (input.agentName) {
    text.push("", `-- `, input.agentName);
    html.push(`<p style="${STYLE.signature}">${escapeHtml(input.agentName)}</p>`);
  }
  if (input.history.length > 0) html.push('<hr style="border:0;border-top:1px solid #eee">');
  for (const m of input.history) {
    const header = `On ${formatWhen(m.at, input.timeZone)}, ${m.author} wrote:`;
    text.push("", header, quoteText(m.body));
    html.push(
      `<p style="${STYLE.header}">${escapeHtml(header)}</p>`,
      `<blockquote style="${STYLE.quote}">${textToHtml(m.body.trimEnd())}</blockquote>`,
    );
  }
  text.push("", footerText(input.ticketNumber), "");
  html.push(`<p style="${STYLE.footer}">${escapeHtml(footerText(input.ticketNumber))}</p>`);
  return { text: text.join("\n"), html: wrap(html.join("\n")) };
}

/** A mail with a plain body (automation, notifications) and the same footer. */
export function renderPlain(body: string, ticketNumber: string | null): RenderedMail {
  const clean = body.replace(/\r\n?/g, "\n").trimEnd();
  const footer = ticketNumber ? footerText(ticketNumber) : null;
  const text = footer ? `${clean}\n\n${footer}\n` : `${clean}\n`;
  const parts = [`<div>${textToHtml(clean)}</div>`];
  if (footer) parts.push(`<p style="${STYLE.footer}">${escapeHtml(footer)}</p>`);
  return { text, html: wrap(parts.join("\n")) };
}

function wrap(inner: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head><body style="${STYLE.body}">\n${inner}\n</body></html>\n`;
}
