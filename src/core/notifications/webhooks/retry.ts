/** Attempts before a webhook delivery is given up. */
export const MAX_WEBHOOK_ATTEMPTS = 8;

/** Wait before attempt `n + 1` after `n` failed ones: 30 s, 1, 2, 4 … minutes. */
export function webhookRetryDelayMs(attempts: number): number {
  return 2 ** Math.max(0, attempts - 1) * 30_000;
}
