import { lockDuration } from "./logins.js";

/**
 * Failed sign-ins for emails that have no login are throttled exactly like real
 * ones, so a lockout (429) says nothing about whether an account exists.
 * Kept in this process's memory (bounded): with several processes on
 * PostgreSQL each keeps its own count, which only makes the lock later.
 */
const failures = new Map<string, { count: number; lockedUntil: number }>();
const MAX_ENTRIES = 50_000;

const keyOf = (workspaceId: string | null, email: string) => `${workspaceId ?? "-"}:${email}`;

/** Seconds until an unknown email may try again, or 0 when it may try now. */
export function unknownEmailLockedFor(workspaceId: string | null, email: string, now: Date): number {
  const entry = failures.get(keyOf(workspaceId, email));
  if (!entry || entry.lockedUntil <= now.getTime()) return 0;
  return Math.ceil((entry.lockedUntil - now.getTime()) / 1000);
}

/** Counts one more failure for an unknown email; returns when it is locked until, if it is. */
export function registerUnknownFailure(workspaceId: string | null, email: string, now: Date): Date | null {
  const key = keyOf(workspaceId, email);
  const entry = failures.get(key) ?? { count: 0, lockedUntil: 0 };
  entry.count++;
  const ms = lockDuration(entry.count);
  entry.lockedUntil = ms === 0 ? 0 : now.getTime() + ms;
  failures.delete(key);
  failures.set(key, entry);
  if (failures.size > MAX_ENTRIES) {
    const oldest = failures.keys().next();
    if (!oldest.done) failures.delete(oldest.value);
  }
  return ms === 0 ? null : new Date(entry.lockedUntil);
}
