/** Test helper: runs the `helpline` CLI as a real process (`node --import tsx src/main.ts …`). */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config/index.js";

const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment minus every Helpline setting, so the developer's own configuration cannot leak in. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(loadConfig({ DATABASE_URL: "postgres://unused" }, {}))) {
    delete env[key];
    delete env[`${key}_FILE`];
  }
  return env;
}

/** Runs the CLI with `args`, extra `env`, and a hard kill after `timeoutMs`. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 45_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", main, ...args], {
      cwd: repoRoot,
      env: { ...baseEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
