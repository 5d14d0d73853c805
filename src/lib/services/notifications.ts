import type { Ctx } from "../../core/kernel/index.js";
import type { NotifyEnv } from "../../core/notifications/index.js";
import type { Mutation } from "./people.js";

/**
 * Notifications: the in-app centre, preferences, the delivery log, webhooks,
 * templates and daily reminders, bound to the actor's context.
 */
export function notificationServices(_ctx: Ctx, _mutation: Mutation, _env: NotifyEnv) {
  return {};
}
