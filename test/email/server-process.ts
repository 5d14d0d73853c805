/** `helpline start` as a child process for tests that kill it: launch, wait for a log line, free ports. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { CONFIG_KEYS } from "../../src/config/index.js";

const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited (code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** Resolves once the combined output contains `text`; rejects if the process exits first or time runs out. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
}

/** The environment minus every Helpline setting, so the developer's own configuration cannot leak in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_KEYS) {
    delete env[key];
    delete env[`${key}_FILE`];
  }
  return env;
}

export function launchServer(args: string[], env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
    cwd: repoRoot,
    env: { ...baseEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let done = false;
  const listeners: (() => void)[] = [];
  const onOutput = (b: Buffer) => {
    out += b.toString();
    for (const l of [...listeners]) l();
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (code, signal) => {
      done = true;
      for (const l of [...listeners]) l();
      resolve({ code, signal });
    });
  });
  return {
    child,
    output: () => out,
    exited,
    hasExited: () => done,
    waitFor(text, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no "${text}" within ${timeoutMs} ms:\n${out.slice(-3000)}`)),
          timeoutMs,
        );
        const check = () => {
          if (out.includes(text)) finish();
          else if (done) finish(new Error(`the server exited before "${text}":\n${out.slice(-3000)}`));
        };
        function finish(err?: Error) {
          clearTimeout(timer);
          const i = listeners.indexOf(check);
          if (i >= 0) listeners.splice(i, 1);
          if (err) reject(err);
          else resolve();
        }
        listeners.push(check);
        check();
      });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
