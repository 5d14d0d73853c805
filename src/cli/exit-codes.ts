/** What `helpline` exit codes mean; scripts can rely on them. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  invalid: 2,
  notFound: 3,
  conflict: 4,
  forbidden: 5,
  databaseBusy: 6,
  databaseUnavailable: 7,
  config: 8,
  /** A check the command ran failed (e.g. `mailboxes test`: a server refused or could not be reached). */
  checkFailed: 9,
} as const;
