import { randomBytes } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { lockDuration } from "./logins.js";
import { checkPasswordPolicy, hashPassword, verifyNothing, verifyPassword } from "./passwords.js";
import { decryptSecret, encryptSecret, hashToken, parseSecretKey, randomToken } from "./secrets.js";
import { checkTotp, looksLikeTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode } from "./totp.js";

describe("lockDuration", () => {
  it("is zero for the first four failures, a minute at the fifth, doubling, at most an hour", () => {
    expect([0, 1, 4].map(lockDuration)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11].map((n) => lockDuration(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(lockDuration(10_000)).toBe(3_600_000);
  });
});

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const h = await hashPassword("correct horse battery staple");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(h, "Correct horse battery staple")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
    expect(await verifyNothing("anything")).toBe(false);
  });

  it("requires 10 to 200 characters that are not the email", () => {
    expect(() => checkPasswordPolicy("123456789", "a@b.test")).toThrow(/at least 10/);
    expect(() => checkPasswordPolicy("x".repeat(201), "a@b.test")).toThrow(/at most 200/);
    expect(() => checkPasswordPolicy(" Someone@Example.test ", "someone@example.test")).toThrow(/email/);
    expect(() => checkPasswordPolicy("x".repeat(10), "a@b.test")).not.toThrow();
  });
});

describe("secrets", () => {
  const key = randomBytes(32);

  it("makes 32-byte base64url tokens and hashes them with SHA-256", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(randomToken());
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("seals with AES-256-GCM, bound to its context", () => {
    const sealed = encryptSecret(key, "JBSWY3DPEHPK3PXP", "login-1");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(encryptSecret(key, "JBSWY3DPEHPK3PXP", "login-1")).not.toBe(sealed);
    expect(decryptSecret(key, sealed, "login-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(() => decryptSecret(key, sealed, "login-2")).toThrow();
    expect(() => decryptSecret(randomBytes(32), sealed, "login-1")).toThrow();
    const [v, iv, tag, body] = sealed.split(".");
    // Change the FIRST character for certain: it carries 6 whole bits of ciphertext (the last one
    // of a base64 string may carry only padding bits), and a fixed replacement could equal it.
    const first = body?.slice(0, 1) === "A" ? "B" : "A";
    const tampered = [v, iv, tag, `${first}${body?.slice(1)}`].join(".");
    expect(() => decryptSecret(key, tampered, "login-1")).toThrow();
  });

  it("reads instance keys as hex or base64 of exactly 32 bytes", () => {
    expect(parseSecretKey(key.toString("hex"))?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64"))?.equals(key)).toBe(true);
    expect(parseSecretKey(` ${key.toString("base64url")}\n`)?.equals(key)).toBe(true);
    expect(parseSecretKey(randomBytes(16).toString("hex"))).toBeNull();
    expect(parseSecretKey("")).toBeNull();
  });
});

describe("TOTP", () => {
  const now = new Date("2026-03-02T09:00:10Z");
  const epoch = Math.floor(now.getTime() / 1000);

  it("accepts the current code and its neighbours, and each step only after the last accepted one", async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret, epoch });
    const step = await checkTotp(secret, code, now, null);
    expect(step).toBe(Math.floor(epoch / 30));
    expect(await checkTotp(secret, code, now, step)).toBeNull();
    expect(await checkTotp(secret, await generate({ secret, epoch: epoch - 30 }), now, null)).toBe((step ?? 0) - 1);
    expect(await checkTotp(secret, await generate({ secret, epoch: epoch - 90 }), now, null)).toBeNull();
    expect(await checkTotp(secret, "12345", now, null)).toBeNull();
  });

  it("tells codes from recovery codes, and normalises recovery codes", () => {
    expect(looksLikeTotp("123 456")).toBe(true);
    expect(looksLikeTotp("7KQ2M-XW9DA")).toBe(false);
    expect(normalizeRecoveryCode(" 7kq2m-xw9da ")).toBe("7KQ2MXW9DA");
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });
});
