/**
 * A minimal SMTP client for tests that need exact control over the conversation
 * (no SIZE parameter, binary bodies, reading the greeting and EHLO lines).
 */
import { connect, type Socket } from "node:net";

export interface SmtpReply {
  code: number;
  /** Every line of the reply, joined with newlines (codes stripped). */
  text: string;
}

export interface RawSmtpSession {
  greeting: SmtpReply;
  /** Sends one command line and reads the reply. */
  command(line: string): Promise<SmtpReply>;
  /** After DATA's 354: sends the message (dot-stuffed) and the final dot, reads the reply. */
  data(message: Buffer): Promise<SmtpReply>;
  close(): void;
}

/** Dot-stuffs a message and terminates it with CRLF.CRLF. */
export function dotStuffed(message: Buffer): Buffer {
  const text = message.toString("latin1");
  const stuffed = (text.startsWith(".") ? "." : "") + text.replace(/\r\n\./g, "\r\n..");
  const end = stuffed.endsWith("\r\n") ? ".\r\n" : "\r\n.\r\n";
  return Buffer.from(stuffed + end, "latin1");
}

export async function openRawSmtp(port: number, host = "127.0.0.1"): Promise<RawSmtpSession> {
  const socket: Socket = connect(port, host);
  let buffer = "";
  const waiting: ((r: SmtpReply) => void)[] = [];
  const ready: SmtpReply[] = [];
  let lines: string[] = [];
  socket.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("latin1");
    let nl = buffer.indexOf("\r\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      lines.push(line.slice(4));
      if (line[3] !== "-") {
        const reply = { code: Number(line.slice(0, 3)), text: lines.join("\n") };
        lines = [];
        const next = waiting.shift();
        if (next) next(reply);
        else ready.push(reply);
      }
      nl = buffer.indexOf("\r\n");
    }
  });
  socket.on("error", () => undefined);
  const read = () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const now = ready.shift();
      if (now) return resolve(now);
      const onClose = () => reject(new Error("the server closed the connection"));
      socket.once("close", onClose);
      waiting.push((r) => {
        socket.off("close", onClose);
        resolve(r);
      });
    });
  const greeting = await read();
  return {
    greeting,
    command(line) {
      socket.write(`${line}\r\n`);
      return read();
    },
    data(message) {
      socket.write(dotStuffed(message));
      return read();
    },
    close() {
      socket.end("QUIT\r\n");
      socket.destroy();
    },
  };
}
