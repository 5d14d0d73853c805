/**
 * The built-in SMTP receiver: an MX-style door for the desk's own addresses.
 * No AUTH (it relays nothing); it accepts a recipient only when an enabled
 * mailbox has that address (plus-tags ignored), refuses messages over the size
 * limit, and answers 250 only after the raw message is stored. A storage
 * failure is a temporary 451, so the sending server keeps the message and
 * retries. Parsing comes later, as durable work over the stored rows.
 */
import { hostname } from "node:os";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from "smtp-server";
import type { InboundArrival, StoredInbound } from "../../core/channels/index.js";
import { findMailboxByAddress } from "../../core/channels/index.js";
import { isDomainError } from "../../core/kernel/index.js";
import type { Db } from "../../db/connection.js";

/** What the receiver needs of a desk (a Helpdesk acting as the system fits). */
export interface ReceiverDesk {
  database: { db: Db };
  email: {
    limits: { readonly maxMessageBytes: number };
    /** Stores the raw message and wakes inbound processing. */
    receive(raw: Buffer, arrival: Omit<InboundArrival, "raw">): Promise<StoredInbound[]>;
  };
}

export interface SmtpReceiverOptions {
  desk: ReceiverDesk;
  /** Interface to listen on, e.g. 127.0.0.1 (behind a relay) or 0.0.0.0 (public MX). */
  host: string;
  /** TCP port; 0 picks a free one (see the returned `port`). */
  port: number;
  /** PEM key and certificate: STARTTLS is offered only when both are given. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Name in the greeting and EHLO answer (default: this machine's hostname). */
  name?: string;
  /** Concurrent connections before new ones are turned away with 421 (default 100). */
  maxClients?: number;
  /** Recipients per message (default 50). */
  maxRecipients?: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  /** Stops accepting connections and waits for open ones to finish (at most a few seconds). */
  close(): Promise<void>;
}

function smtpError(code: number, message: string): SMTPServerError {
  const err: SMTPServerError = new Error(message);
  err.responseCode = code;
  return err;
}

const TEMPORARY = "4.3.0 Temporary failure storing the message; please try again later";

/** Reads the whole DATA stream; resolves null when the client went away before the end. */
function collect(stream: SMTPServerDataStream, limit: number): Promise<{ raw: Buffer; oversized: boolean } | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let ended = false;
    stream.on("data", (chunk: Buffer) => {
      // Past the limit the message is refused anyway: stop holding its bytes.
      if (kept + chunk.length <= limit) {
        chunks.push(chunk);
        kept += chunk.length;
      } else kept = limit + 1;
    });
    stream.on("end", () => {
      ended = true;
      const oversized = stream.sizeExceeded || kept > limit;
      resolve({ raw: oversized ? Buffer.alloc(0) : Buffer.concat(chunks, kept), oversized });
    });
    stream.on("error", () => resolve(null));
    stream.on("close", () => {
      if (!ended) resolve(null);
    });
  });
}

/** The SMTP answer for a message that could not be stored. */
function refusal(err: unknown): SMTPServerError {
  if (isDomainError(err)) {
    if (err.code === "email.too_large") return smtpError(552, `5.3.4 ${err.message}`);
    if (err.code === "email.unknown_mailbox") return smtpError(550, `5.1.1 ${err.message}`);
    if (err.code === "email.empty") return smtpError(554, "5.6.0 The message is empty");
  }
  return smtpError(451, TEMPORARY);
}

/** Starts the receiver; resolves once it listens. */
export async function startSmtpReceiver(opts: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const { desk } = opts;
  const log = opts.log ?? (() => undefined);
  const maxBytes = desk.email.limits.maxMessageBytes;
  const tls = opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : {};

  const server = new SMTPServer({
    ...tls,
    name: opts.name ?? hostname(),
    banner: "Helpline mail receiver",
    logger: false,
    authOptional: true,
    disabledCommands: opts.tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    size: maxBytes,
    maxClients: opts.maxClients ?? 100,
    maxRecipients: opts.maxRecipients ?? 50,
    disableReverseLookup: true,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      const to = address.address;
      findMailboxByAddress(desk.database.db, to).then(
        (mailbox) => callback(mailbox ? null : smtpError(550, `5.1.1 <${to}>: no such mailbox here`)),
        (err: Error) => {
          log("SMTP receiver could not look up a recipient", { to, error: err.message });
          callback(smtpError(451, "4.3.0 Temporary failure looking up the recipient; please try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      collect(stream, maxBytes).then(async (message) => {
        if (!message) return callback(smtpError(451, TEMPORARY));
        if (message.oversized) {
          return callback(smtpError(552, `5.3.4 The message is larger than this desk accepts (${maxBytes} bytes)`));
        }
        const envelope = session.envelope;
        try {
          const stored = await desk.email.receive(message.raw, {
            source: "smtp",
            envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : null,
            envelopeTo: envelope.rcptTo.map((r) => r.address),
          });
          callback(null, `OK: stored as ${stored.map((s) => s.id).join(", ")}`);
        } catch (err) {
          const answer = refusal(err);
          if (answer.responseCode === 451) {
            log("SMTP receiver could not store a message", { error: (err as Error).message, session: session.id });
          }
          callback(answer);
        }
      });
    },
  });
  server.on("error", (err: Error) => log("SMTP receiver error", { error: err.message }));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "EADDRINUSE"
          ? new Error(`SMTP port ${opts.host}:${opts.port} is already in use (HELPLINE_SMTP_PORT)`)
          : err,
      );
    };
    server.server.once("error", onError);
    server.listen(opts.port, opts.host, () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  return {
    host: opts.host,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
