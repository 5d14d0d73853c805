import { mailboxesDueForPoll, pollMailbox } from "../core/channels/index.js";
import type { JobDeps } from "./deps.js";
import { runDueWork } from "./run-due.js";

/** Mailboxes polled side by side. */
const PARALLEL = 4;
/** The job runs every minute: IDLE never holds it past this, so the next run finds it done. */
const BUDGET_MS = 55_000;

/**
 * Polls every mailbox whose poll is due, a few at a time, holding each with
 * IDLE (when the server offers it) for up to its idleSeconds within the job's
 * budget. What is stored is handed to inbound processing at once.
 */
export async function pollDueMailboxes(deps: JobDeps, opts: { budgetMs?: number } = {}): Promise<void> {
  const env = deps.email;
  if (!env?.imap) return;
  const started = performance.now();
  const budget = opts.budgetMs ?? BUDGET_MS;
  const due = await mailboxesDueForPoll(deps.database.db, deps.clock.now());
  let next = 0;
  const lane = async (): Promise<void> => {
    for (;;) {
      const mailbox = due[next++];
      if (!mailbox) return;
      const left = budget - (performance.now() - started);
      if (left <= 0) return;
      try {
        const result = await pollMailbox(deps.database.db, deps.clock, env, mailbox.id, {
          idleMs: Math.max(0, left - 1000),
          log: deps.log,
          onStored: async () => {
            await runDueWork(deps, { only: ["email.inbound"] });
          },
        });
        if (result.stored > 0) deps.log("IMAP messages stored", { mailbox: mailbox.id, stored: result.stored });
      } catch (err) {
        // Removed or changed since it was listed: the others still get their turn.
        deps.log("IMAP poll skipped", { mailbox: mailbox.id, error: (err as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, lane));
}
