import type { Ctx } from "../../core/kernel/index.js";
import type { NotifyEnv } from "../../core/notifications/index.js";
import * as notify from "../../core/notifications/index.js";
import type { Mutation } from "./people.js";
import { slackServices } from "./slack.js";
import { webhookServices } from "./webhooks.js";

/**
 * Notifications: the in-app centre, preferences, the delivery log, webhooks,
 * templates and daily reminders, bound to the actor's context.
 */
export function notificationServices(_ctx: Ctx, _mutation: Mutation, _env: NotifyEnv) {
  return {
    ...inAppServices(_ctx, _env),
    slack: slackServices(_ctx, _mutation, _env),
    webhooks: webhookServices(_ctx, _mutation, _env),
    /** Notification email wording per kind: built-in, or the workspace's own (managers). */
    templates: {
      /** Every kind's email template, with the built-in wording beside it. */
      list: () => notify.listTemplates(_ctx),
      /** Subject and body with {{placeholders}}; an unknown placeholder is refused by name. */
      set: _mutation((c, input: notify.SetTemplateInput) => notify.setTemplate(c, input)),
      /** Back to the built-in wording. */
      reset: _mutation((c, input: notify.TemplateKeyInput) => notify.resetTemplate(c, input)),
    },
    reminders: {
      /**
       * Seed 000's daily reminder now (managers, superadmins): each agent's open, in-progress,
       * personal and pending-production tickets by Slack DM or email; at most once per agent per
       * local date. `dryRun` sends and writes nothing; `user` (email or id) limits it to one agent.
       */
      send: _mutation((c, input: notify.SendRemindersInput = {}, hooks: notify.ReminderHooks = {}) =>
        notify.sendReminders(c, _env, input, hooks),
      ),
    },
  };
}

/** The caller's notification centre, live delivery, preferences, and the delivery log. */
function inAppServices(ctx: Ctx, env: NotifyEnv) {
  /** After a read: the agent's other open connections learn the new unread count. */
  const tellUnread = () =>
    ctx.actor.type === "agent" ? notify.publishUnreadCount(ctx.db, env.bus, ctx.workspaceId, ctx.actor.id) : undefined;
  return {
    /** The caller's own notifications, newest first, and the unread count (agents). */
    list: (input: notify.ListNotificationsInput = {}) => notify.listNotifications(ctx, input),
    /** The caller's unread count (the badge). */
    unreadCount: () => notify.unreadNotificationCount(ctx),
    /** Marks one of the caller's notifications read; someone else's is not found. */
    async markRead(id: string) {
      const result = await notify.markNotificationRead(ctx, id);
      await tellUnread();
      return result;
    },
    /** Marks all of the caller's notifications read; returns how many were unread. */
    async markAllRead() {
      const marked = await notify.markAllNotificationsRead(ctx);
      await tellUnread();
      return marked;
    },
    /**
     * Live notifications of the caller (an agent) from the realtime bus: `{ type: "notification",
     * notification, unreadCount }` and `{ type: "unread", unreadCount }`. Resolves to unsubscribe.
     */
    subscribe: (onMessage: (message: notify.LiveMessage) => void) =>
      notify.subscribeNotifications(ctx, env.bus, onMessage),
    /** The notification delivery log of the workspace, newest first (managers and superadmins). */
    deliveries: (input: notify.ListDeliveriesInput = {}) => notify.listDeliveries(ctx, input),
    /** The caller's own notification preferences (agents). */
    preferences: {
      get: () => notify.getMyPreferences(ctx),
      /** Channels per kind, quiet hours, time zone, email batching; unknown kinds and channels refused. */
      update: (patch: notify.PreferencesPatch) => notify.updateMyPreferences(ctx, patch),
    },
  };
}
