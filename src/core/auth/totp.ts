import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";

/** A new base32 TOTP secret (160 bits). */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

export const totpUri = (opts: { issuer: string; account: string; secret: string }): string =>
  generateURI({ issuer: opts.issuer, label: opts.account, secret: opts.secret });

/** Six digits (spaces allowed): a TOTP code rather than a recovery code. */
export const looksLikeTotp = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s/g, ""));

/**
 * Checks a TOTP code at `now`, allowing one 30-second step of clock drift
 * either way; returns the time step it matched, or null. Codes at or before
 * `afterStep` (the last one accepted) are refused, so a code works once.
 */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

export const RECOVERY_CODE_COUNT = 10;
/** Crockford-style alphabet: no I, L, O or U to misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Ten codes like `7KQ2M-XW9DA` (50 bits each), shown once and stored hashed. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** The form a recovery code is hashed in: upper case, without spaces or dashes. */
export const normalizeRecoveryCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, "");
