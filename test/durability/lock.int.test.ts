import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHelpdesk, DataDirLockedError, type Helpdesk } from "../../src/lib/index.js";

const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", main, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the embedded data directory lock", () => {
  let dir: string;
  let desk: Helpdesk;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "helpline-lock-"));
    desk = await createHelpdesk({ database: { dataDir: dir }, processName: "helpline start" });
  });

  afterAll(async () => {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a second opener in the same process, naming the holder", async () => {
    const err = await createHelpdesk({ database: { dataDir: dir } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(`process ${process.pid}`);
    expect((err as Error).message).toContain("helpline start");
  });

  it("makes a CLI command in another process exit with code 6 and say who holds the directory", async () => {
    const res = await cli(["tickets", "list", "--data-dir", dir]);
    expect(res.code).toBe(6);
    expect(res.stderr).toContain(`in use by process ${process.pid}`);
    expect(res.stderr).toContain("DATABASE_URL");
  });

  it("reports the lock as JSON with --json", async () => {
    const res = await cli(["tickets", "list", "--data-dir", dir, "--json"]);
    expect(res.code).toBe(6);
    expect(JSON.parse(res.stdout)).toMatchObject({ error: { code: "database.locked" } });
  });

  it("takes over a lock left behind by a process that no longer exists", async () => {
    const stale = mkdtempSync(join(tmpdir(), "helpline-stale-"));
    try {
      mkdirSync(stale, { recursive: true });
      // PID 2^22+1 is above Linux's pid_max default: no such process.
      const owner = { pid: 4194305, hostname: (await import("node:os")).hostname(), command: "x", startedAt: "" };
      writeFileSync(join(stale, "helpline.lock"), JSON.stringify(owner));
      const other = await createHelpdesk({ database: { dataDir: stale } });
      expect(other.engine).toBe("pglite");
      await other.close();
    } finally {
      rmSync(stale, { recursive: true, force: true });
    }
  });
});
