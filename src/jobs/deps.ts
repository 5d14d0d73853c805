import type { EmailEnv } from "../core/channels/index.js";
import type { Clock, DueWork, EventListener } from "../core/kernel/index.js";
import type { CommittedEvent } from "../core/live/index.js";
import type { Database } from "../db/connection.js";

/** What job handlers need from the process that runs them. */
export interface JobDeps {
  database: Database;
  listeners: () => readonly EventListener[];
  log: (msg: string, extra?: Record<string, unknown>) => void;
  /** The desk's clock (injected in tests): due work is measured against it. */
  clock: Clock;
  /** Time-driven work the scheduler tick runs (SLA clocks, time rules). */
  dueWork: () => readonly DueWork[];
  /** The email channel's parts (parser, transport, IMAP connector, limits). */
  email?: EmailEnv;
  /** Told of events right after the dispatcher claims them (live updates for agents' screens). */
  onDispatched?: (events: CommittedEvent[]) => void;
}
