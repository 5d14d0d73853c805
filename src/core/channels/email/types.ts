/**
 * Contracts of the email channel. Core declares these; `src/integrations/email`
 * implements the ports (MIME parsing with mailparser, HTML sanitising, SMTP
 * sending with nodemailer, IMAP with imapflow, the built-in SMTP receiver).
 */

/** A mailbox address with its display name, addresses lower-cased. */
export interface EmailAddress {
  address: string;
  name: string | null;
}

/** One attachment or inline part as parsed, bytes included. */
export interface ParsedAttachment {
  filename: string;
  /** The type the message declared. */
  declaredType: string;
  /** `cid:` reference of an inline part (without angle brackets), if any. */
  contentId: string | null;
  inline: boolean;
  content: Buffer;
}

/**
 * A parsed inbound message: every header decoded to text (any charset, encoded
 * words), bodies decoded, HTML already sanitised for display.
 */
export interface ParsedEmail {
  /** Message-ID without angle brackets; null when missing or unreadable. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  /** Delivered-To / X-Original-To values (lower-case), where plus-addresses survive forwarding. */
  deliveredTo: string[];
  subject: string;
  date: Date | null;
  /** Every header, lower-case name → decoded values (repeated headers keep every value). */
  headers: Record<string, string[]>;
  /** The text body: the text/plain part, or text made from the HTML when there is none. */
  text: string;
  /** Sanitised HTML (scripts, handlers, remote forms removed; `cid:` links point at attachments), or null. */
  html: string | null;
  attachments: ParsedAttachment[];
  /** A delivery status notification (multipart/report; report-type=delivery-status), when this is one. */
  dsn: DeliveryReport | null;
}

/** What a bounce says about the message it reports on. */
export interface DeliveryReport {
  /** Message-ID of the message that bounced, when the report includes its headers. */
  originalMessageId: string | null;
  /** `failed`, `delayed`, `delivered`, `relayed`, `expanded` (RFC 3464 Action). */
  action: string;
  /** RFC 3464 Status, e.g. 5.1.1. */
  status: string | null;
  recipient: string | null;
  /** Human-readable diagnostic (Diagnostic-Code or the first text part). */
  diagnostic: string;
}

/** Port: raw RFC 5322 bytes → ParsedEmail. Throws `MalformedEmailError` for input it cannot read. */
export type MimeParser = (raw: Buffer) => Promise<ParsedEmail>;

export class MalformedEmailError extends Error {
  readonly code = "email.malformed";
}

/** Where an inbound message went, and the rule that sent it there (stored, shown on the timeline). */
export type ThreadRule =
  /** In-Reply-To names a Message-ID we received or sent. */
  | "in_reply_to"
  /** One of the References does. */
  | "references"
  /** The plus-addressed reply token (support+<token>@…) names the ticket. */
  | "reply_token"
  /** `[TKT-1001]` in the subject, and the sender is a participant of that ticket. */
  | "subject_number"
  /** Nothing matched (or a match was refused, the detail says why): a new ticket. */
  | "new_ticket"
  /** It matched a closed ticket: a new follow-up ticket that names it. */
  | "follow_up";

export interface ThreadDecision {
  rule: ThreadRule;
  /** The ticket it threads into; null for a new ticket. */
  ticketId: string | null;
  /** A sentence for people: "threaded by References <abc@mail.example>". */
  detail: string;
}

/** Why a message made no ticket or entry. */
export type IgnoreReason = "auto_reply" | "loop" | "bulk" | "own_outbound" | "bounce" | "duplicate" | "no_sender";

/** The `email` field of a timeline entry that travelled by email. */
export interface EmailMeta {
  direction: "in" | "out";
  messageId: string;
  from: string | null;
  to: string[];
  cc: string[];
  subject: string;
  /** Inbound: the rule that placed it and its sentence. */
  threadedBy?: { rule: ThreadRule; detail: string };
  /** Inbound: the stored original (full text, sanitised HTML, headers) at `GET …/email/inbound/:id`. */
  inboundId?: string;
  /** Inbound: true when quoted history or a signature was cut from the body shown. */
  trimmed?: boolean;
  /** Outbound: delivery state, updated by the outbox. */
  delivery?: DeliveryState;
}

export interface DeliveryState {
  status: "queued" | "sending" | "sent" | "failed";
  outboundId: string;
  attempts: number;
  error?: string;
  sentAt?: string;
}

/** An outgoing message as the transport sees it. */
export interface OutgoingEmail {
  from: EmailAddress;
  to: string[];
  cc: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** Port: hands a message to an SMTP server. Throws `TransportError` (permanent or not). */
export interface MailTransport {
  send(message: OutgoingEmail): Promise<{ response: string }>;
  /** Connects and authenticates; resolves with the server's answer. */
  verify(): Promise<string>;
}

export class TransportError extends Error {
  readonly code = "email.transport";
  constructor(
    message: string,
    /** 5xx answers: retrying will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** IMAP settings of a mailbox (the password is stored sealed, apart). */
export interface ImapSettings {
  host: string;
  port: number;
  /** Implicit TLS (993); false uses STARTTLS when offered (143). */
  tls: boolean;
  /** Accept self-signed certificates (test servers). */
  allowSelfSigned: boolean;
  user: string;
  folder: string;
  /** What to do with a message once stored: mark it \Seen, move it, or delete it. */
  afterProcess: "seen" | "move" | "delete";
  /** Target folder for `move`. */
  moveTo: string | null;
  /** Use IDLE when the server offers it (seconds held per poll job). */
  idleSeconds: number;
  /** Minutes between polls when IDLE is not in use. */
  pollMinutes: number;
}

/** One message fetched from an IMAP mailbox. */
export interface FetchedMessage {
  uid: number;
  raw: Buffer;
}

/** Port: an IMAP session, opened per poll. */
export interface ImapClient {
  /** Opens the folder; returns its UIDVALIDITY and whether IDLE is offered. */
  open(): Promise<{ uidValidity: number; idle: boolean; greeting: string }>;
  /** Messages with UID greater than `afterUid`, oldest first, at most `limit`. */
  fetchSince(afterUid: number, limit: number): Promise<FetchedMessage[]>;
  /** Marks, moves or deletes processed UIDs, as the settings say. */
  markProcessed(uids: number[]): Promise<void>;
  /** Waits (IDLE) until new mail is announced or `ms` passes; resolves true when mail arrived. */
  waitForMail(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export type ImapConnector = (settings: ImapSettings, password: string) => ImapClient;

/** What the email channel needs from the process that runs it (built in lib). */
export interface EmailEnv {
  parse: MimeParser;
  /** Outbound transport; undefined when HELPLINE_SMTP_URL is not set (mail stays queued). */
  transport?: MailTransport;
  imap?: ImapConnector;
  /** Instance key: signs reply tokens, seals IMAP passwords. */
  secretKey: Buffer;
  /** From address when the workspace names none and has no mailbox (HELPLINE_SMTP_FROM). */
  defaultFrom?: EmailAddress;
  limits: EmailLimits;
}

export interface EmailLimits {
  /** Largest message accepted at any door (bytes). Default 25 MiB. */
  maxMessageBytes: number;
  /** Largest single attachment kept; larger ones are dropped with a note. Default 15 MiB. */
  maxAttachmentBytes: number;
  /** At most this many attachments are kept per message. Default 50. */
  maxAttachments: number;
}

export const DEFAULT_EMAIL_LIMITS: EmailLimits = {
  maxMessageBytes: 25 * 1024 * 1024,
  maxAttachmentBytes: 15 * 1024 * 1024,
  maxAttachments: 50,
};
