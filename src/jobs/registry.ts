import type PgBoss from "pg-boss";
import type { Database } from "../db/connection.js";
import { deliverEvent } from "./deliver-event.js";
import type { JobDeps } from "./deps.js";
import { checkpoint, vacuumAnalyze } from "./maintenance.js";
import { pollDueMailboxes } from "./poll-mailboxes.js";
import { runDueWork } from "./run-due.js";

export type { JobDeps } from "./deps.js";

export interface JobDefinition<D = Record<string, unknown>> {
  name: string;
  description: string;
  /** Engines it runs on; default both. */
  engines?: readonly Database["engine"][];
  queue: Omit<PgBoss.Queue, "name">;
  handle(deps: JobDeps, data: D): Promise<void>;
}

/** Every job Helpline runs. Handlers are idempotent: a job may run more than once. */
export const JOBS: readonly JobDefinition<never>[] = [
  {
    name: "outbox.deliver",
    description: "deliver one committed event to one listener",
    queue: { retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 },
    handle: async (deps, data: { eventId: string; listener: string }) => {
      await deliverEvent(deps, data);
      // A reply the listener just queued goes out now, not at the next minute's tick.
      if (data.listener === "email.replies") {
        await runDueWork(deps, { only: ["email.outbound"] }).catch((err: Error) =>
          deps.log("sending queued email failed; the scheduler tick retries", { error: err.message }),
        );
      }
    },
  },
  {
    name: "scheduler.tick",
    description: "SLA warnings, breaches and escalation levels, and time rules, that are due now",
    // One tick at a time: a slow tick is not overtaken by the next one.
    queue: { retryLimit: 3, retryDelay: 5, expireInSeconds: 120, policy: "singleton" },
    handle: async (deps) => {
      const counts = await runDueWork(deps);
      if (Object.values(counts).some((n) => n > 0)) deps.log("due work done", counts);
    },
  },
  {
    name: "email.ingest",
    description:
      "parse, thread and ticket inbound messages that were just stored (the scheduler tick catches any left)",
    queue: { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 600 },
    handle: async (deps) => {
      await runDueWork(deps, { only: ["email.inbound"] });
    },
  },
  {
    name: "email.send",
    description: "send the outbound email that is due (the scheduler tick catches any left)",
    queue: { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 900 },
    handle: async (deps) => {
      await runDueWork(deps, { only: ["email.outbound"] });
    },
  },
  {
    name: "email.poll-mailboxes",
    description: "poll the IMAP mailboxes that are due (IDLE for up to their idleSeconds, under a minute in all)",
    // One poll run at a time: a run holding IDLE is not overtaken by the next minute's.
    queue: { retryLimit: 1, retryDelay: 10, expireInSeconds: 120, policy: "singleton" },
    handle: (deps) => pollDueMailboxes(deps),
  },
  {
    name: "db.vacuum",
    description: "VACUUM (ANALYZE): PGlite never autovacuums",
    engines: ["pglite"],
    queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 },
    handle: (deps) => vacuumAnalyze(deps.database),
  },
  {
    name: "db.checkpoint",
    description: "CHECKPOINT: keeps PGlite's write-ahead log from growing without bound",
    engines: ["pglite"],
    queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
    handle: (deps) => checkpoint(deps.database),
  },
];

export function jobsFor(engine: Database["engine"]): readonly JobDefinition<never>[] {
  return JOBS.filter((j) => !j.engines || j.engines.includes(engine));
}
