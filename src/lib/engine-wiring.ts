import { automationRulesListener, automationWebhooksListener, timeRulesWork } from "../core/automation/index.js";
import type { DueWork, EventListener } from "../core/kernel/index.js";
import { slaDueWork, slaListener } from "../core/sla/index.js";

/** Listeners every desk runs: SLA clocks and automation rules react to committed events. */
export function builtInListeners(): EventListener[] {
  return [slaListener(), automationRulesListener(), automationWebhooksListener()];
}

/** Time-driven work the scheduler tick runs. */
export function builtInDueWork(): DueWork[] {
  return [slaDueWork, timeRulesWork()];
}
