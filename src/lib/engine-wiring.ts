import { randomBytes } from "node:crypto";
import { automationRulesListener, automationWebhooksListener, timeRulesWork } from "../core/automation/index.js";
import {
  DEFAULT_EMAIL_LIMITS,
  type EmailEnv,
  inboundEmailWork,
  outboundEmailWork,
  replyEmailListener,
} from "../core/channels/index.js";
import type { DueWork, EventListener } from "../core/kernel/index.js";
import type { NotifyEnv } from "../core/notifications/index.js";
import { slaDueWork, slaListener } from "../core/sla/index.js";
import { parseMime } from "../integrations/email/parse-mime.js";

/** Listeners every desk runs: SLA clocks and automation rules react to committed events. */
export function builtInListeners(email: EmailEnv, _notify?: NotifyEnv): EventListener[] {
  return [slaListener(), automationRulesListener(), automationWebhooksListener(), replyEmailListener(email)];
}

/** Time-driven work the scheduler tick runs. */
export function builtInDueWork(email: EmailEnv, _notify?: NotifyEnv): DueWork[] {
  return [slaDueWork, timeRulesWork(), inboundEmailWork(email), outboundEmailWork(email)];
}

/** An email channel with no transport and a throwaway key (benchmarks, scripts). */
export function detachedEmailEnv(): EmailEnv {
  return { parse: parseMime, secretKey: randomBytes(32), limits: DEFAULT_EMAIL_LIMITS };
}
