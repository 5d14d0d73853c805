import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random token of `bytes` bytes, base64url (32 bytes: 43 characters). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** Tokens (sessions, API tokens, reset tokens, recovery codes) are stored as their SHA-256. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Constant-time string comparison. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const SECRET_KEY_BYTES = 32;
const VERSION = "v1";

/**
 * Reads an instance key written as 64 hex digits or as base64/base64url
 * (with or without padding); returns null unless it is exactly 32 bytes.
 */
export function parseSecretKey(text: string): Buffer | null {
  const s = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(s)) return null;
  const key = Buffer.from(s.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"), "base64url");
  return key.length === SECRET_KEY_BYTES ? key : null;
}

/**
 * AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url). `context` is
 * authenticated but not stored, binding the ciphertext to its row.
 */
export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  if (key.length !== SECRET_KEY_BYTES) throw new Error("the instance key must be 32 bytes");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

/** The plaintext of `encryptSecret`; throws when the key, context or ciphertext is wrong. */
export function decryptSecret(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
