/**
 * The first superadmin: `createHelpdesk({ bootstrapAdmin })` (what `helpline start`
 * does with HELPLINE_ADMIN_EMAIL/PASSWORD) creates them once, and
 * `helpline users create --password-stdin` does the same offline. Also: the audit
 * log refuses changes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.js";
import { createHelpdesk } from "../../src/lib/index.js";
import { engineUnderTest, freshDatabase } from "../harness.js";
import { type AuthTestEnv, auditRows, nextIp, openAuthEnv, signIn } from "./helpers.js";

const ADMIN = { email: "root@desk.test", password: "first admin passphrase" };

let env: AuthTestEnv;

beforeAll(async () => {
  env = await openAuthEnv({ bootstrapAdmin: ADMIN });
});
afterAll(async () => {
  await env?.close();
});

const superadmins = async () =>
  (await env.testDesk.desk.database.executeSql("select email from agents where role = 'superadmin' order by email"))
    .rows;

describe("bootstrapAdmin", () => {
  it("creates a superadmin who can sign in", async () => {
    expect(await superadmins()).toEqual([{ email: ADMIN.email }]);
    const s = await signIn(env.app, { email: ADMIN.email, password: ADMIN.password });
    expect(s.res.json().user).toMatchObject({ type: "agent", role: "superadmin", email: ADMIN.email, name: "root" });
    const me = await env.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: s.headers });
    expect(me.json().permissions).toContain("people:manage");
  });

  it("does nothing once the workspace has a superadmin", async () => {
    const again = await env.testDesk.desk.auth.bootstrapAdmin({
      email: "other@desk.test",
      password: "another passphrase",
    });
    expect(again).toEqual({ created: false, agentId: null });
    const same = await env.testDesk.desk.auth.bootstrapAdmin({ email: ADMIN.email, password: "a changed passphrase" });
    expect(same.created).toBe(false);
    expect(await superadmins()).toEqual([{ email: ADMIN.email }]);
    await signIn(env.app, { email: ADMIN.email, password: ADMIN.password });
    const rows = await auditRows(env, "auth.admin_bootstrapped");
    expect(rows).toEqual([
      expect.objectContaining({ outcome: "ok", actor: { type: "system", id: null, name: "bootstrap" } }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(ADMIN.password);
  });

  it("refuses a weak password, naming the field", async () => {
    const desk = await env.testDesk.desk.inWorkspace("weak-bootstrap");
    await expect(
      desk.auth.bootstrapAdmin({ email: "weak@desk.test", password: "weak@desk.test" }, desk.workspace.id),
    ).rejects.toMatchObject({ code: "auth.password_is_email", field: "password" });
    await expect(
      desk.auth.bootstrapAdmin({ email: "weak@desk.test", password: "short" }, desk.workspace.id),
    ).rejects.toMatchObject({
      field: "password",
    });
  });
});

describe("the audit log", () => {
  it("refuses updates and deletes", async () => {
    const db = env.testDesk.desk.database;
    await expect(db.executeSql("update audit_log set outcome = 'ok' where outcome = 'ok'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.executeSql("delete from audit_log")).rejects.toThrow(/append-only/);
    expect((await auditRows(env, "auth.login")).length).toBeGreaterThan(0);
  });
});

describe("helpline users create --password-stdin", () => {
  const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
  const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

  function cli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const envVars: NodeJS.ProcessEnv = { ...process.env };
      for (const key of Object.keys(envVars))
        if (key.startsWith("HELPLINE_") || key.startsWith("DATABASE_")) delete envVars[key];
      const child = spawn(process.execPath, ["--import", "tsx", main, ...args], { cwd: repoRoot, env: envVars });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (b: Buffer) => {
        stdout += b.toString();
      });
      child.stderr.on("data", (b: Buffer) => {
        stderr += b.toString();
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(stdin);
    });
  }

  it("creates a superadmin who can then sign in over HTTP; a weak password creates nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "helpline-users-"));
    const pgDb = engineUnderTest === "postgres" ? await freshDatabase() : undefined;
    const target = pgDb ? ["--database-url", pgDb.url ?? ""] : ["--data-dir", dir];
    try {
      const weak = await cli(
        [...target, "users", "create", "--email", "weak@desk.test", "--role", "superadmin", "--password-stdin"],
        "short\n",
      );
      expect(weak.code, weak.stderr).toBe(2);
      expect(weak.stderr).toContain("password");
      const ok = await cli(
        [
          ...target,
          "users",
          "create",
          "--email",
          "Ops@Desk.test",
          "--name",
          "Ops",
          "--role",
          "superadmin",
          "--password-stdin",
        ],
        "offline admin passphrase\n",
      );
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^Created superadmin Ops <ops@desk\.test> .*sign in/);
      expect(ok.stdout).not.toContain("offline admin passphrase");

      const desk = await createHelpdesk({ database: pgDb ? { url: pgDb.url ?? "" } : { dataDir: dir }, migrate: true });
      const app = await buildServer({ desk, logLevel: "silent" });
      try {
        const s = await signIn(app, { email: "ops@desk.test", password: "offline admin passphrase" }, nextIp());
        expect(s.res.json().user.role).toBe("superadmin");
        const agents = await desk.database.executeSql("select email from agents order by email");
        expect(agents.rows).toEqual([{ email: "ops@desk.test" }]);
      } finally {
        await app.close();
        await desk.close();
      }
    } finally {
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
