/**
 * A real SMTP server for outbound tests: records every message it accepts and
 * can be told to answer the next messages with an error code instead.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SunkMail {
  raw: Buffer;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
}

export interface SmtpSink {
  port: number;
  url: string;
  accepted: SunkMail[];
  /** Codes answered to the next DATA commands, in order (e.g. 451, 451); then messages are accepted. */
  failNext(codes: number[]): void;
  /** How many DATA commands were refused so far. */
  refused(): number;
  /** Forgets accepted messages and pending failures (between tests). */
  reset(): void;
  close(): Promise<void>;
}

const TEXT: Record<number, string> = {
  451: "4.3.0 Mailbox temporarily unavailable, try again later",
  550: "5.1.1 <nobody@example.com>: Recipient address rejected: User unknown",
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const accepted: SunkMail[] = [];
  const queue: number[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const code = queue.shift();
        if (code) {
          refused++;
          const err = Object.assign(new Error(TEXT[code] ?? "refused"), { responseCode: code });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            accepted.push({
              raw,
              parsed,
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                to: session.envelope.rcptTo.map((r) => r.address),
              },
            });
            callback(null);
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    failNext: (codes) => queue.push(...codes),
    refused: () => refused,
    reset() {
      accepted.length = 0;
      queue.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
