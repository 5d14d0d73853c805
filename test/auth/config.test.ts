/**
 * Sign-in settings: HELPLINE_ADMIN_EMAIL/PASSWORD (also from *_FILE), the instance
 * key HELPLINE_SECRET_KEY or its key file, and secrets masked in logs.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bootstrapAdminOption, describeConfig, loadConfig } from "../../src/config/index.js";
import { resolveSecretKey, SecretKeyError } from "../../src/lib/index.js";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "helpline-auth-config-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("HELPLINE_ADMIN_EMAIL and HELPLINE_ADMIN_PASSWORD", () => {
  it("give the bootstrap admin, the password read from a _FILE and masked in logs", () => {
    const file = join(tempDir(), "admin-password");
    writeFileSync(file, "from a docker secret\n");
    const config = loadConfig({}, { HELPLINE_ADMIN_EMAIL: "root@desk.test", HELPLINE_ADMIN_PASSWORD_FILE: file });
    expect(bootstrapAdminOption(config)).toEqual({ email: "root@desk.test", password: "from a docker secret" });
    const described = JSON.stringify(describeConfig(config));
    expect(described).not.toContain("from a docker secret");
    expect(describeConfig(config).HELPLINE_ADMIN_PASSWORD).toBe("****");
  });

  it("are optional; the email alone names the notification admin, a password needs the email", () => {
    expect(bootstrapAdminOption(loadConfig({}, {}))).toBeUndefined();
    const emailOnly = loadConfig({}, { HELPLINE_ADMIN_EMAIL: "root@desk.test" });
    expect(emailOnly.HELPLINE_ADMIN_EMAIL).toBe("root@desk.test");
    expect(bootstrapAdminOption(emailOnly)).toBeUndefined();
    expect(() => loadConfig({}, { HELPLINE_ADMIN_PASSWORD: "long enough password" })).toThrow(
      /set HELPLINE_ADMIN_EMAIL too/,
    );
  });

  it("refuse a bad email and a short password", () => {
    expect(() =>
      loadConfig({}, { HELPLINE_ADMIN_EMAIL: "root", HELPLINE_ADMIN_PASSWORD: "long enough password" }),
    ).toThrow(/HELPLINE_ADMIN_EMAIL/);
    expect(() => loadConfig({}, { HELPLINE_ADMIN_EMAIL: "root@desk.test", HELPLINE_ADMIN_PASSWORD: "short" })).toThrow(
      /HELPLINE_ADMIN_PASSWORD/,
    );
  });
});

describe("HELPLINE_SECRET_KEY", () => {
  const key = randomBytes(32);

  it("accepts 32 bytes as hex or base64, and masks them", () => {
    for (const text of [key.toString("hex"), key.toString("base64"), key.toString("base64url")]) {
      const config = loadConfig({}, { HELPLINE_SECRET_KEY: text });
      expect(resolveSecretKey({ key: config.HELPLINE_SECRET_KEY, dataDir: tempDir() }).equals(key)).toBe(true);
      expect(describeConfig(config).HELPLINE_SECRET_KEY).toBe("****");
    }
  });

  it("refuses anything that is not 32 bytes", () => {
    for (const text of ["too-short", randomBytes(16).toString("hex"), randomBytes(31).toString("base64")]) {
      expect(() => loadConfig({}, { HELPLINE_SECRET_KEY: text }), text).toThrow(/HELPLINE_SECRET_KEY/);
    }
    expect(() => resolveSecretKey({ key: "nope", dataDir: tempDir() })).toThrow(SecretKeyError);
  });

  it("falls back to secret.key in the data directory: created once with mode 0600, then reused", () => {
    const dir = join(tempDir(), "data");
    const first = resolveSecretKey({ dataDir: dir });
    expect(first).toHaveLength(32);
    const file = join(dir, "secret.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey({ dataDir: dir }).equals(first)).toBe(true);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(first)).toBe(true);
  });

  it("refuses a key file that does not hold a key", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "secret.key"), "garbage\n", { mode: 0o600 });
    expect(() => resolveSecretKey({ dataDir: dir })).toThrow(/secret\.key/);
  });
});
