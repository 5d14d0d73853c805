import { authorize } from "../../access/index.js";
import { actorRef, type Ctx, newId } from "../../kernel/index.js";
import type { NotifyEnv } from "../types.js";
import { openSecret } from "./prepare.js";
import { buildWebhookRequest, postWebhook, type WebhookEvent } from "./request.js";
import { findWebhookRow } from "./webhook-record.js";

export interface WebhookTestResult {
  webhookId: string;
  url: string;
  /** True when the receiver answered 2xx. */
  ok: boolean;
  /** The receiver's HTTP status, or null when it did not answer. */
  status: number | null;
  durationMs: number;
  /** Why it failed: "HTTP 500: …", a connection error, a timeout. */
  error: string | null;
  /** The start of the receiver's answer. */
  body: string;
  /** The X-Helpline-Delivery id the ping carried. */
  deliveryId: string;
}

/**
 * Sends a `ping` event to the webhook now, signed like every delivery (or as
 * a Teams card), and answers what the receiver said (managers and
 * superadmins). Works on a disabled webhook too (check a fix before
 * re-enabling it). Nothing is stored; failures do not count towards disabling.
 */
export async function testWebhook(ctx: Ctx, env: NotifyEnv, id: string): Promise<WebhookTestResult> {
  authorize(ctx.actor, "webhooks:manage");
  const hook = await findWebhookRow(ctx.db, ctx, id);
  const now = ctx.clock.now();
  const deliveryId = newId(now);
  const event: WebhookEvent = {
    id: newId(now),
    type: "ping",
    occurredAt: now.toISOString(),
    workspaceId: ctx.workspaceId,
    subject: { type: "webhook", id: hook.id },
    actor: actorRef(ctx.actor),
    payload: { webhook: { id: hook.id, name: hook.name }, message: `Test message for the webhook "${hook.name}".` },
  };
  const base = { webhookId: hook.id, url: hook.url, deliveryId };
  const opened = openSecret(env, hook);
  if ("error" in opened) return { ...base, ok: false, status: null, durationMs: 0, error: opened.error, body: "" };
  const request = buildWebhookRequest({
    format: hook.format === "teams" ? "teams" : "json",
    deliveryId,
    event,
    secret: opened.secret,
    ticket: null,
    publicUrl: env.publicUrl,
    now,
  });
  const outcome = await postWebhook(env.http, hook.url, request);
  return {
    ...base,
    ok: outcome.ok,
    status: outcome.status,
    durationMs: outcome.durationMs,
    error: outcome.error,
    body: outcome.body,
  };
}
