import type { EventListener } from "../core/kernel/index.js";
import type { Database } from "../db/connection.js";

/** What job handlers need from the process that runs them. */
export interface JobDeps {
  database: Database;
  listeners: () => readonly EventListener[];
  log: (msg: string, extra?: Record<string, unknown>) => void;
}
