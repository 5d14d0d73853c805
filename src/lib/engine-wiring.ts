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
import {
  fanoutListener,
  liveNotificationsListener,
  type NotifyEnv,
  notificationEmailWork,
  remindersDueWork,
  slackDeliveryWork,
  webhooksDeliverWork,
  webhooksEnqueueListener,
} from "../core/notifications/index.js";
import { slaDueWork, slaListener } from "../core/sla/index.js";
import { parseMime } from "../integrations/email/parse-mime.js";

/** Listeners every desk runs: SLA clocks and automation rules react to committed events. */
export function builtInListeners(email: EmailEnv, _notify?: NotifyEnv): EventListener[] {
  return withLiveNotifications(
    [
      slaListener(),
      automationRulesListener(),
      automationWebhooksListener(),
      replyEmailListener(email),
      webhooksEnqueueListener(),
      ...(_notify ? [fanoutListener(_notify)] : []),
    ],
    _notify,
  );
}

/**
 * Appends "notifications.live" (publishes new in-app notifications on the realtime bus) LAST,
 * after "notifications.fanout" (writes them): it hears the fan-out's events and waits for its
 * receipt (see live-listener.ts).
 */
function withLiveNotifications(listeners: EventListener[], notify?: NotifyEnv): EventListener[] {
  if (!notify?.bus) return listeners;
  const fanout = listeners.find((l) => l.name === "notifications.fanout");
  return [...listeners, liveNotificationsListener(notify.bus, fanout)];
}

/** Time-driven work the scheduler tick runs. */
export function builtInDueWork(email: EmailEnv, _notify?: NotifyEnv): DueWork[] {
  return [
    slaDueWork,
    timeRulesWork(),
    inboundEmailWork(email),
    outboundEmailWork(email),
    ...(_notify ? [notificationEmailWork(_notify)] : []),
    ...(_notify ? [slackDeliveryWork(_notify)] : []),
    ...(_notify ? [webhooksDeliverWork(_notify)] : []),
    ...(_notify ? [remindersDueWork(_notify)] : []),
  ];
}

/** An email channel with no transport and a throwaway key (benchmarks, scripts). */
export function detachedEmailEnv(): EmailEnv {
  return { parse: parseMime, secretKey: randomBytes(32), limits: DEFAULT_EMAIL_LIMITS };
}
