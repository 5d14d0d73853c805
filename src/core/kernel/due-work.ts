import type { Db } from "../../db/connection.js";
import type { Clock } from "./clock.js";

/**
 * Time-driven work (SLA warnings and breaches, escalation levels, time
 * rules). Each kind keeps an indexed "next due" timestamp; `runDue` takes up
 * to `limit` items due at `clock.now()`, handles each in its own transaction
 * (state change, timeline and outbox events together, so a restart neither
 * repeats nor loses a firing) and returns how many it handled. The scheduler
 * job calls it until it returns less than `limit`.
 */
export interface DueWork {
  name: string;
  runDue(db: Db, clock: Clock, opts: DueWorkOptions): Promise<number>;
}

export interface DueWorkOptions {
  limit: number;
  /** Only this workspace's due items (desk.runPending); default all. */
  workspaceId?: string;
  /** Where an item that failed and will be retried is reported. */
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}
