/**
 * The README tells the truth: its library example runs as printed (against the sources), its
 * CLI exit-code table matches `EXIT`, and its configuration table lists every setting.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/exit-codes.js";
import { CONFIG_KEYS, loadConfig } from "../src/config/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const libEntry = pathToFileURL(fileURLToPath(new URL("../src/lib/index.ts", import.meta.url))).href;

/** The first ```ts block after `marker`. */
function codeBlockAfter(marker: string): string {
  const at = readme.indexOf(marker);
  expect(at, `README.md has no "${marker}" marker`).toBeGreaterThanOrEqual(0);
  const match = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(at));
  expect(match, `no \`\`\`ts block after "${marker}"`).not.toBeNull();
  return match?.[1] ?? "";
}

/** The rows of the first markdown table after `marker`, as trimmed cells (header and rule excluded). */
function tableAfter(marker: string): string[][] {
  const at = readme.indexOf(marker);
  expect(at, `README.md has no "${marker}"`).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(at).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, line.endsWith("|") ? -1 : undefined)
        .split("|")
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2);
}

function runTs(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", file], {
      cwd: repoRoot,
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
    const timer = setTimeout(() => child.kill("SIGKILL"), 50_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("README.md", () => {
  it("has a library example that runs as printed and says what it promises", async () => {
    const example = codeBlockAfter("<!-- example: library -->");
    expect(example).toContain('from "helpline"');
    const source = example.replaceAll('from "helpline"', `from ${JSON.stringify(libEntry)}`);
    expect(source).not.toContain('from "helpline"');
    // Inside test/ so that the repository's package.json ("type": "module") applies to it.
    const file = fileURLToPath(
      new URL(`./readme-example-${process.pid}-${randomBytes(4).toString("hex")}.ts`, import.meta.url),
    );
    writeFileSync(file, source);
    try {
      const res = await runTs(file);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain("TKT-1001 is critical");
      expect(res.stdout).toContain("Breached: false");
      expect(res.stdout).toContain("has 1 ticket(s)");
      expect(res.stdout).toContain("Opened: 1");
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("has an SLA example that runs as printed: due Monday 10:00 Berlin, then breached at that moment", async () => {
    const example = codeBlockAfter("<!-- example: sla -->");
    const source = example.replaceAll('from "helpline"', `from ${JSON.stringify(libEntry)}`);
    expect(source).not.toContain('from "helpline"');
    const file = fileURLToPath(
      new URL(`./readme-sla-${process.pid}-${randomBytes(4).toString("hex")}.ts`, import.meta.url),
    );
    writeFileSync(file, source);
    try {
      const res = await runTs(file);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout.trim().split("\n")).toEqual(["2026-11-23T09:00:00.000Z", "2026-11-23T09:00:00.000Z"]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("documents exactly the CLI's exit codes, each with its meaning", () => {
    const rows = tableAfter("Exit codes:");
    const documented = new Map(rows.map(([code = "", meaning = ""]) => [Number(code), meaning.toLowerCase()]));
    expect([...documented.keys()].sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
    /** A phrase the README's meaning must contain for each named code. */
    const phrase: Record<keyof typeof EXIT, string> = {
      ok: "success",
      unexpected: "unexpected",
      invalid: "invalid input",
      notFound: "not found",
      conflict: "conflict",
      forbidden: "not allowed",
      databaseBusy: "in use by another process",
      databaseUnavailable: "unreachable",
      config: "configuration",
      checkFailed: "check failed",
    };
    for (const [name, code] of Object.entries(EXIT) as [keyof typeof EXIT, number][]) {
      expect(documented.get(code), `exit code ${code} (${name})`).toContain(phrase[name]);
    }
  });

  it("lists every configuration variable, with the default the code applies", () => {
    const rows = tableAfter("## Configuration");
    const documented = new Map(
      rows.map(([name = "", def = ""]) => [name.replaceAll("`", ""), def.replaceAll("`", "")]),
    );
    const defaults = loadConfig({}, {});
    const keys: string[] = CONFIG_KEYS;
    expect(keys).toEqual(expect.arrayContaining(Object.keys(defaults)));
    expect([...documented.keys()].sort()).toEqual([...keys].sort());
    for (const [key, value] of Object.entries(defaults)) {
      const shown = Array.isArray(value) && value.length === 0 ? "—" : String(value);
      expect(documented.get(key), `default of ${key}`).toBe(shown);
    }
    // Settings without a default (DATABASE_URL, …) show a dash.
    for (const key of keys.filter((k) => !(k in defaults))) expect(documented.get(key), key).toBe("—");
  });
});
