import { hash, verify } from "@node-rs/argon2";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../../common/api/auth.js";
import { invalid } from "../kernel/index.js";
import { randomToken } from "./secrets.js";

/**
 * argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane); the parameters
 * live in each hash, so raising them later keeps old hashes verifiable.
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is nothing to verify
 * (unknown email, no password yet), so timing does not tell who has an account.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomToken());
  await verifyPassword(await dummy, password);
  return false;
}

/** The password policy: 10 to 200 characters, and not the email address. */
export function checkPasswordPolicy(password: string, email: string, field = "password"): void {
  if (password.length < PASSWORD_MIN) {
    throw invalid("auth.password_too_short", `${field}: use at least ${PASSWORD_MIN} characters.`, field);
  }
  if (password.length > PASSWORD_MAX) {
    throw invalid("auth.password_too_long", `${field}: use at most ${PASSWORD_MAX} characters.`, field);
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    throw invalid("auth.password_is_email", `${field}: the password must not be your email address.`, field);
  }
}
