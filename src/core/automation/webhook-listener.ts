/**
 * `automation.webhooks`: delivers the `webhook` action's calls. Not
 * transactional: it POSTs outside any transaction and is receipted only after
 * the receiver answered 2xx; anything else (an error status, a refused
 * connection, no answer within 10 s) throws, and the delivery is retried.
 * X-Helpline-Delivery is the event id, the same on every retry, so a receiver
 * can drop duplicates.
 */
import type { DomainEvent, EventListener } from "../kernel/index.js";

export const WEBHOOK_LISTENER = "automation.webhooks";
export const WEBHOOK_TIMEOUT_MS = 10_000;

export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "WebhookDeliveryError";
  }
}

export async function deliverWebhook(event: DomainEvent, fetchImpl: typeof fetch = fetch): Promise<void> {
  const url = event.payload.url;
  if (typeof url !== "string") return; // nothing to deliver
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Helpline-Automation",
        "x-helpline-event": event.type,
        "x-helpline-delivery": event.id,
      },
      body: JSON.stringify(event.payload.body ?? {}),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: "manual",
    });
  } catch (err) {
    throw new WebhookDeliveryError(`webhook to ${new URL(url).host} failed: ${(err as Error).message}`);
  }
  // The body is not needed; drop it so the connection is released.
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) {
    throw new WebhookDeliveryError(`webhook to ${new URL(url).host} answered ${res.status}`, res.status);
  }
}

export function automationWebhooksListener(fetchImpl?: typeof fetch): EventListener {
  return {
    name: WEBHOOK_LISTENER,
    events: ["automation.webhook"],
    transactional: false,
    handle: (event) => deliverWebhook(event, fetchImpl),
  };
}
