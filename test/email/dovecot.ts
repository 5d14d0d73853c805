/**
 * A real IMAP server for tests: Debian's Dovecot, started in the foreground
 * with a configuration written to a temporary directory, listening on free
 * loopback ports (plain/STARTTLS, and implicit TLS with a self-signed
 * certificate when `tls` is asked for). Users get plain passwords and maildirs
 * under the same directory; stop() kills the server and removes everything.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";

export const DOVECOT_BIN = "/usr/sbin/dovecot";

export interface DovecotUser {
  user: string;
  password: string;
}

export interface Dovecot {
  host: string;
  /** Plain IMAP (STARTTLS offered when started with `tls`). */
  port: number;
  /** Implicit TLS (self-signed certificate); 0 unless started with `tls`. */
  tlsPort: number;
  users: DovecotUser[];
  /** A logged-in client for `user` (for appending and checking flags); log out when done. */
  client(user: string): Promise<ImapFlow>;
  /** Appends raw messages to a folder of a user's mailbox. */
  append(user: string, folder: string, ...messages: (string | Buffer)[]): Promise<void>;
  /** The server's log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

/** uid/gid of a user in /etc/passwd, or undefined. */
function passwdEntry(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function currentUserName(): string {
  return execFileSync("id", ["-un"], { encoding: "utf8" }).trim();
}

export async function startDovecot(opts: { users?: DovecotUser[]; tls?: boolean } = {}): Promise<Dovecot> {
  const users = opts.users ?? [{ user: "support", password: "secret-pass" }];
  const dir = mkdtempSync(join(tmpdir(), "helpline-dovecot-"));
  chmodSync(dir, 0o755);
  const mailDir = join(dir, "mail");
  mkdirSync(mailDir);
  const root = process.getuid?.() === 0;
  const mailUser = root ? passwdEntry("dovecot") : { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  if (!mailUser) throw new Error("the dovecot system user is missing (apt-get install dovecot-imapd)");
  if (root) chownSync(mailDir, mailUser.uid, mailUser.gid);
  const me = root ? undefined : currentUserName();

  const port = await freePort();
  const tlsPort = opts.tls ? await freePort() : 0;
  writeFileSync(join(dir, "users"), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(""));
  const sslLines: string[] = [];
  if (opts.tls) {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    sslLines.push("ssl = yes", `ssl_cert = <${join(dir, "cert.pem")}`, `ssl_key = <${join(dir, "key.pem")}`);
  } else sslLines.push("ssl = no");

  const config = [
    "protocols = imap",
    "listen = 127.0.0.1",
    `base_dir = ${join(dir, "run")}`,
    `state_dir = ${join(dir, "state")}`,
    `log_path = ${join(dir, "dovecot.log")}`,
    `instance_name = helpline-test-${port}`,
    `default_internal_user = ${root ? "dovecot" : me}`,
    `default_login_user = ${root ? "dovenull" : me}`,
    `first_valid_uid = ${Math.min(mailUser.uid, 100)}`,
    "disable_plaintext_auth = no",
    "auth_mechanisms = plain login",
    // Tests of refused logins need no brute-force delay.
    "auth_failure_delay = 0",
    "mail_location = maildir:~/Maildir",
    ...sslLines,
    "passdb {",
    "  driver = passwd-file",
    `  args = scheme=PLAIN username_format=%u ${join(dir, "users")}`,
    "}",
    "userdb {",
    "  driver = static",
    `  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${mailDir}/%u`,
    "}",
    // No growing delay after the refused logins the tests provoke.
    "service anvil {",
    "  unix_listener anvil-auth-penalty {",
    "    mode = 0",
    "  }",
    "}",
    "service imap-login {",
    "  inet_listener imap {",
    `    port = ${port}`,
    "  }",
    "  inet_listener imaps {",
    `    port = ${tlsPort}`,
    ...(opts.tls ? ["    ssl = yes"] : []),
    "  }",
    "}",
    "",
  ].join("\n");
  const configPath = join(dir, "dovecot.conf");
  writeFileSync(configPath, config);

  const child: ChildProcess = spawn(DOVECOT_BIN, ["-F", "-c", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const logText = () => {
    let file = "";
    try {
      file = readFileSync(join(dir, "dovecot.log"), "utf8");
    } catch {
      // not written yet
    }
    return `${output}${file}`;
  };

  const stop = async () => {
    if (!exited) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  for (let i = 0; ; i++) {
    if (exited || i > 200) {
      const log = logText();
      await stop();
      throw new Error(`dovecot did not start:\n${log}`);
    }
    if ((await accepts(port)) && (!tlsPort || (await accepts(tlsPort)))) break;
    await new Promise((r) => setTimeout(r, 50));
  }

  const client = async (user: string) => {
    const u = users.find((x) => x.user === user);
    if (!u) throw new Error(`no dovecot user ${user}`);
    const c = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: u.user, pass: u.password },
      logger: false,
      disableAutoIdle: true,
    });
    await c.connect();
    return c;
  };

  return {
    host: "127.0.0.1",
    port,
    tlsPort,
    users,
    client,
    async append(user, folder, ...messages) {
      const c = await client(user);
      try {
        const existing = await c.list();
        if (!existing.some((m) => m.path === folder)) await c.mailboxCreate(folder);
        for (const m of messages) await c.append(folder, m);
      } finally {
        await c.logout();
      }
    },
    log: logText,
    stop,
  };
}

let seq = 0;
/** A small RFC 5322 message with a unique Message-ID. */
export function testMessage(opts: { subject?: string; from?: string; to?: string; body?: string } = {}): string {
  seq++;
  const id = `imap-${seq}-${Math.random().toString(36).slice(2)}@customer.test`;
  return [
    `From: ${opts.from ?? "Carla Customer <carla@customer.test>"}`,
    `To: ${opts.to ?? "support@desk.test"}`,
    `Subject: ${opts.subject ?? `Printer on fire #${seq}`}`,
    `Message-ID: <${id}>`,
    "Date: Mon, 02 Mar 2026 10:00:00 +0000",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    opts.body ?? `Hello, message number ${seq}.`,
    "",
  ].join("\r\n");
}
