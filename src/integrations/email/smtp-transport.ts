/**
 * Outbound SMTP with nodemailer: the `MailTransport` port. One pooled
 * transporter per URL (smtp://user:pass@host:587 uses STARTTLS when offered,
 * smtps://…:465 implicit TLS); errors become `TransportError`, permanent for a
 * 5xx answer (the outbox then stops retrying).
 */
import nodemailer from "nodemailer";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { bracketed, type MailTransport, type OutgoingEmail, TransportError } from "../../core/channels/index.js";

const TIMEOUTS = {
  connectionTimeout: 20_000,
  greetingTimeout: 15_000,
  socketTimeout: 60_000,
  dnsTimeout: 15_000,
};

export interface SmtpTransport extends MailTransport {
  /** Closes pooled connections (at shutdown). */
  close(): void;
}

interface SmtpFailure {
  message?: string;
  code?: string;
  response?: string;
  responseCode?: number;
}

/** A connection URL with the password hidden, for messages people read. */
export function redactSmtpUrl(url: string): string {
  return url.replace(/^(smtps?:\/\/[^:@/]+):[^@/]*@/i, "$1:****@");
}

function connectionOptions(url: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`HELPLINE_SMTP_URL is not a URL: ${redactSmtpUrl(url)}`);
  }
  const scheme = parsed.protocol.replace(/:$/, "").toLowerCase();
  if (scheme !== "smtp" && scheme !== "smtps") {
    throw new Error(`HELPLINE_SMTP_URL must start with smtp:// or smtps:// (got ${scheme}://)`);
  }
  const secure = scheme === "smtps";
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass } } : {}),
    ...TIMEOUTS,
  };
}

/** `TransportError` with the server's own words; permanent for 5xx (but not for refused credentials). */
export function toTransportError(err: unknown): TransportError {
  const e = (err ?? {}) as SmtpFailure;
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  const permanent = code !== null && code >= 500 && code < 600 && e.code !== "EAUTH";
  const text = e.response?.trim() || e.message || String(err);
  return new TransportError(text, permanent);
}

function toMail(m: OutgoingEmail) {
  return {
    from: { name: m.from.name ?? "", address: m.from.address },
    to: m.to,
    cc: m.cc,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    subject: m.subject,
    text: m.text,
    ...(m.html ? { html: m.html } : {}),
    messageId: bracketed(m.messageId),
    ...(m.inReplyTo ? { inReplyTo: bracketed(m.inReplyTo) } : {}),
    ...(m.references.length > 0 ? { references: m.references.map(bracketed) } : {}),
    headers: m.headers,
    attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  };
}

/** Connects, says EHLO, logs in when the URL has credentials; resolves with what the server answered. */
function verifyConnection(options: ReturnType<typeof connectionOptions>): Promise<string> {
  return new Promise((resolve, reject) => {
    const conn = new SMTPConnection(options);
    let settled = false;
    const finish = (err: unknown, answer?: string) => {
      if (settled) return;
      settled = true;
      if (err) {
        conn.close();
        reject(toTransportError(err));
      } else {
        conn.quit();
        resolve(answer ?? "");
      }
    };
    conn.once("error", (err) => finish(err));
    conn.connect((err) => {
      if (err) return finish(err);
      const hello = firstLine(conn.lastServerResponse);
      const where = `${options.host}:${options.port}${options.secure || conn.secure ? " (TLS)" : ""}`;
      if (!options.auth) return finish(null, `${where} answered ${hello}`);
      conn.login(options.auth, (loginErr) => {
        if (loginErr) return finish(loginErr);
        finish(null, `${where} answered ${hello}; login: ${firstLine(conn.lastServerResponse)}`);
      });
    });
  });
}

function firstLine(response: string | false): string {
  return response ? (response.split(/\r?\n/)[0] ?? "").trim() : "(no answer)";
}

/** The `MailTransport` for HELPLINE_SMTP_URL (pooled connections, bounded timeouts). */
export function smtpTransport(url: string): SmtpTransport {
  const options = connectionOptions(url);
  const transporter = nodemailer.createTransport({ ...options, pool: true, maxConnections: 3, maxMessages: 100 });
  return {
    async send(message) {
      try {
        const info = await transporter.sendMail(toMail(message));
        const rejected = (info.rejected ?? []).map(String);
        return {
          response: rejected.length > 0 ? `${info.response} (rejected: ${rejected.join(", ")})` : info.response,
        };
      } catch (err) {
        throw toTransportError(err);
      }
    },
    verify: () => verifyConnection(options),
    close: () => transporter.close(),
  };
}
