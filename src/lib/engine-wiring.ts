import type { DueWork, EventListener } from "../core/kernel/index.js";

/** Listeners every desk runs: SLA clocks and automation rules react to committed events. */
export function builtInListeners(): EventListener[] {
  return [];
}

/** Time-driven work the scheduler tick runs. */
export function builtInDueWork(): DueWork[] {
  return [];
}
