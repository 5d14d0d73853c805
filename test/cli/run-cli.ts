/**
 * Test helper: runs the `helpline` CLI as a real process: the built `dist/src/main.js` (what
 * `bin/helpline.js` runs) when the build is at least as new as the sources, else the sources
 * through tsx (`node --import tsx src/main.ts …`), so a stale build is never what gets tested.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config/index.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The newest modification time of the files under `dirs` (0 when none exist). */
function newest(dirs: string[], ext: RegExp): number {
  let max = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (ext.test(entry.name)) max = Math.max(max, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return max;
}

const built = join(repoRoot, "dist", "src", "main.js");
const useBuild =
  existsSync(built) &&
  newest([join(repoRoot, "dist", "src"), join(repoRoot, "dist", "common")], /\.js$/) >=
    newest([join(repoRoot, "src"), join(repoRoot, "common")], /(?<!\.test)\.ts$/);
/** How the CLI is started: `node dist/src/main.js` or `node --import tsx src/main.ts`. */
export const cliEntry: string[] = useBuild ? [built] : ["--import", "tsx", join(repoRoot, "src", "main.ts")];

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
    const child = spawn(process.execPath, [...cliEntry, ...args], {
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
