import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSecretKey, SECRET_KEY_BYTES } from "../../core/auth/index.js";

export const SECRET_KEY_FILE = "secret.key";

export class SecretKeyError extends Error {
  readonly code = "config.secret_key";
}

/**
 * The instance key that encrypts secrets at rest (TOTP secrets, later stored
 * credentials): `key` when given (HELPLINE_SECRET_KEY: 64 hex digits or base64
 * of 32 bytes), else `<dataDir>/secret.key`, created (mode 0600) on first use.
 * Several processes on one PostgreSQL database must share one key: set it.
 */
export function resolveSecretKey(opts: { key?: string | undefined; dataDir: string }): Buffer {
  if (opts.key) {
    const key = parseSecretKey(opts.key);
    if (!key) throw new SecretKeyError("HELPLINE_SECRET_KEY must be 32 bytes written as 64 hex digits or base64.");
    return key;
  }
  const file = join(opts.dataDir, SECRET_KEY_FILE);
  mkdirSync(opts.dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(SECRET_KEY_BYTES).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = parseSecretKey(readFileSync(file, "utf8"));
  if (!key) throw new SecretKeyError(`${file} does not hold a 32-byte key (64 hex digits or base64).`);
  return key;
}

/** A key for this process only: secrets sealed with it are unreadable after a restart. */
export const ephemeralSecretKey = (): Buffer => randomBytes(SECRET_KEY_BYTES);
