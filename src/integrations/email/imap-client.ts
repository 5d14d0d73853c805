/**
 * The IMAP port (`ImapClient`) on imapflow: one session per poll. Fetches full
 * raw sources by UID, marks/moves/deletes what was stored, waits with IDLE,
 * and turns library and socket errors into sentences an admin can act on.
 */
import { ImapFlow, type ImapFlowError } from "imapflow";
import type { FetchedMessage, ImapClient, ImapConnector, ImapSettings } from "../../core/channels/index.js";

const CONNECT_TIMEOUT_MS = 15_000;

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "EPROTO",
]);

/** The server's own words from a failed command, when it said any. */
function serverText(err: ImapFlowError): string {
  const response = typeof err.response === "string" ? err.response : undefined;
  const text = err.responseText ?? response ?? err.reason ?? "";
  return text.trim();
}

/** A sentence a person can act on, naming the server and what went wrong. */
export function describeImapError(err: unknown, settings: ImapSettings): Error {
  const e = (err ?? {}) as ImapFlowError;
  const where = `${settings.host}:${settings.port}`;
  const code = e.code ?? "";
  const said = serverText(e);
  const msg = e.message ?? String(err);
  if (e.authenticationFailed) {
    return new Error(`the IMAP server refused the login for ${settings.user}: ${said || msg}`);
  }
  if (code === "ECONNREFUSED") return new Error(`could not connect to the IMAP server ${where}: connection refused`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new Error(`could not connect to the IMAP server ${where}: the host name does not resolve`);
  }
  if (["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "ETIMEDOUT", "ETIMEOUT", "UPGRADE_TIMEOUT"].includes(code)) {
    return new Error(`the IMAP server ${where} did not answer in time (${code})`);
  }
  if (e.tlsFailed || TLS_CODES.has(code) || /certificate|ssl|tls/i.test(msg)) {
    const hint = /self[- ]signed/i.test(`${code} ${msg}`)
      ? " (the certificate is self-signed: allow self-signed certificates in the mailbox settings if you trust it)"
      : settings.tls
        ? " (is this port plain IMAP? try tls: false for STARTTLS, usually port 143)"
        : "";
    return new Error(`TLS with the IMAP server ${where} failed: ${msg}${hint}`);
  }
  if (["NoConnection", "EConnectionClosed", "ECONNRESET", "EPIPE", "ClosedAfterConnectText"].includes(code)) {
    return new Error(`the IMAP server ${where} closed the connection${said ? `: ${said}` : ""} (${msg})`);
  }
  if (e.mailboxMissing) return new Error(`the folder "${e.path ?? settings.folder}" does not exist on ${where}`);
  return new Error(`IMAP error from ${where}${e.command ? ` (${e.command})` : ""}: ${said || msg}`);
}

function uidSet(uids: number[]): string {
  return uids.join(",");
}

class ImapflowSession implements ImapClient {
  private readonly client: ImapFlow;
  private lastError: unknown;
  /** The server announced new mail since the last fetch (EXISTS can arrive with any response). */
  private announced = false;

  constructor(
    private readonly settings: ImapSettings,
    password: string,
  ) {
    this.client = new ImapFlow({
      host: settings.host,
      port: settings.port,
      // Implicit TLS, or a plain connection upgraded when the server offers STARTTLS.
      secure: settings.tls,
      tls: { rejectUnauthorized: !settings.allowSelfSigned },
      auth: { user: settings.user, pass: password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
    });
    // Errors also arrive as events; without a listener they would crash the process.
    this.client.on("error", (err: unknown) => {
      this.lastError = err;
    });
    this.client.on("exists", () => {
      this.announced = true;
    });
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw describeImapError(err ?? this.lastError, this.settings);
    }
  }

  open() {
    return this.run(async () => {
      await this.client.connect();
      const box = await this.client.mailboxOpen(this.settings.folder);
      return {
        uidValidity: Number(box.uidValidity),
        idle: this.client.capabilities.has("IDLE"),
        greeting: this.client.greeting ?? "",
      };
    });
  }

  fetchSince(afterUid: number, limit: number): Promise<FetchedMessage[]> {
    return this.run(async () => {
      this.announced = false;
      // `n:*` always matches the newest message, even when its UID is below n: filter.
      const found = await this.client.search({ uid: `${afterUid + 1}:*` }, { uid: true });
      const uids = (Array.isArray(found) ? found : [])
        .filter((u) => u > afterUid)
        .sort((a, b) => a - b)
        .slice(0, limit);
      if (uids.length === 0) return [];
      const out: FetchedMessage[] = [];
      for await (const msg of this.client.fetch(uidSet(uids), { uid: true, source: true }, { uid: true })) {
        if (msg.uid > afterUid && msg.source) out.push({ uid: msg.uid, raw: Buffer.from(msg.source) });
      }
      return out.sort((a, b) => a.uid - b.uid);
    });
  }

  markProcessed(uids: number[]): Promise<void> {
    if (uids.length === 0) return Promise.resolve();
    return this.run(async () => {
      const range = uidSet(uids);
      const { afterProcess, moveTo } = this.settings;
      if (afterProcess === "move" && moveTo) {
        const folders = await this.client.list();
        if (!folders.some((f) => f.path === moveTo)) await this.client.mailboxCreate(moveTo);
        const moved = await this.client.messageMove(range, moveTo, { uid: true });
        if (!moved) throw new Error(`could not move messages ${range} to "${moveTo}"`);
      } else if (afterProcess === "delete") {
        const deleted = await this.client.messageDelete(range, { uid: true });
        if (!deleted) throw new Error(`could not delete messages ${range}`);
      } else {
        const flagged = await this.client.messageFlagsAdd(range, ["\\Seen"], { uid: true });
        if (!flagged) throw new Error(`could not mark messages ${range} as seen`);
      }
    });
  }

  waitForMail(ms: number): Promise<boolean> {
    return this.run(async () => {
      if (this.announced) return true;
      if (ms <= 0) return false;
      let arrived = false;
      let wake: () => void = () => undefined;
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const onExists = () => {
        arrived = true;
        wake();
      };
      const onClose = () => wake();
      this.client.on("exists", onExists);
      this.client.on("close", onClose);
      const timer = setTimeout(wake, ms);
      const idling = this.client.idle();
      try {
        await Promise.race([woken, idling]);
      } finally {
        clearTimeout(timer);
        this.client.off("exists", onExists);
        this.client.off("close", onClose);
      }
      // Any command ends IDLE; NOOP also collects what the server announced meanwhile.
      if (this.client.usable) await this.client.noop();
      await idling;
      return arrived;
    });
  }

  async close(): Promise<void> {
    try {
      if (this.client.usable) await this.client.logout();
      else this.client.close();
    } catch {
      this.client.close();
    }
  }
}

/** The default IMAP connector: imapflow, one connection per poll. */
export const imapflowConnector: ImapConnector = (settings, password) => new ImapflowSession(settings, password);
