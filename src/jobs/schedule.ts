/** Every recurring job, in one place (cron in UTC). */
export const SCHEDULE: readonly { job: string; cron: string; why: string }[] = [
  { job: "scheduler.tick", cron: "* * * * *", why: "SLA clocks and time rules are checked every minute" },
  {
    job: "email.poll-mailboxes",
    cron: "* * * * *",
    why: "IMAP mailboxes are polled (and held with IDLE) every minute",
  },
  { job: "db.vacuum", cron: "17 3 * * *", why: "nightly, at a quiet hour" },
  { job: "db.checkpoint", cron: "*/15 * * * *", why: "bounds WAL growth between restarts" },
];
