import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tstz, workspaceId } from "./columns.js";
import { agents, workspaces } from "./people.js";
import { tickets } from "./tickets.js";

/**
 * What an agent wants to hear, over the defaults (core/notifications/defaults.ts):
 * per kind and channel, quiet hours in their time zone, email batching.
 */
export const notificationPreferences = pgTable("notification_preferences", {
  agentId: uuid("agent_id")
    .primaryKey()
    .references(() => agents.id),
  workspaceId: workspaceId().references(() => workspaces.id),
  /** { "<kind>": { "in_app"?: bool, "email"?: bool, "slack"?: bool } } — only what differs from the defaults. */
  channels: jsonb("channels").notNull().default({}),
  /** Quiet hours "HH:MM"–"HH:MM" (may wrap midnight); null = none. */
  quietStart: text("quiet_start"),
  quietEnd: text("quiet_end"),
  /** IANA zone for quiet hours and reminders; null = the workspace's. */
  timeZone: text("time_zone"),
  /** At most one notification email per this many minutes (grouped); 0 = each at once. */
  emailBatchMinutes: integer("email_batch_minutes").notNull().default(0),
  updatedAt: tstz("updated_at").notNull(),
});

/** The in-app notification centre: one row per (agent, event). */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id),
    eventId: uuid("event_id").notNull(),
    kind: text("kind").notNull(),
    ticketId: uuid("ticket_id").references(() => tickets.id),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** Path in the app, e.g. /tickets/TKT-1001. */
    link: text("link"),
    createdAt: tstz("created_at").notNull(),
    readAt: tstz("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_agent_event").on(t.agentId, t.eventId),
    index("notifications_agent_recent").on(t.agentId, t.createdAt),
    index("notifications_agent_unread").on(t.agentId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * Every delivery on every channel, the admin delivery log: one row per (event,
 * channel, recipient) — the unique key is what makes delivery idempotent.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").notNull(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    /** `agent:<id>`, `customer:<id>` or `email:<address>`: one delivery per recipient per channel. */
    recipientKey: text("recipient_key").notNull(),
    agentId: uuid("agent_id").references(() => agents.id),
    /** Where it goes: an email address, a Slack user id once looked up. */
    address: text("address"),
    ticketId: uuid("ticket_id").references(() => tickets.id),
    status: text("status").notNull(),
    /** Why skipped / held / failed, in words. */
    reason: text("reason"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at"),
    /** The rendered notification (NotificationContent) the channel formats. */
    content: jsonb("content").notNull(),
    createdAt: tstz("created_at").notNull(),
    sentAt: tstz("sent_at"),
  },
  (t) => [
    uniqueIndex("deliveries_once").on(t.workspaceId, t.eventId, t.channel, t.recipientKey),
    index("deliveries_due").on(t.channel, t.nextAttemptAt).where(sql`${t.status} in ('pending','held','batched')`),
    index("deliveries_ws_recent").on(t.workspaceId, t.createdAt),
    check("deliveries_channel", sql`${t.channel} in ('in_app','email','slack')`),
    check("deliveries_status", sql`${t.status} in ('pending','held','batched','sending','sent','skipped','failed')`),
  ],
);

/** Slack user ids found by email (users.lookupByEmail), and who is not in Slack. */
export const slackUsers = pgTable(
  "slack_users",
  {
    workspaceId: workspaceId().references(() => workspaces.id),
    email: text("email").notNull(),
    slackUserId: text("slack_user_id"),
    /** The DM channel opened for them (conversations.open). */
    dmChannelId: text("dm_channel_id"),
    checkedAt: tstz("checked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.email] })],
);

/**
 * Outgoing webhooks (format `json`, HMAC-signed) and Microsoft Teams incoming
 * webhooks (format `teams`), each subscribed to event types.
 */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    url: text("url").notNull(),
    format: text("format").notNull().default("json"),
    /** Signing secret sealed with the instance key (context `webhook:<id>`); null for Teams. */
    secretSealed: text("secret_sealed"),
    /** Event types, or ["*"]. */
    events: text("events").array().notNull(),
    active: boolean("active").notNull().default(true),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    disabledAt: tstz("disabled_at"),
    disabledReason: text("disabled_reason"),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [index("webhooks_ws").on(t.workspaceId), check("webhooks_format", sql`${t.format} in ('json','teams')`)],
);

/** One row per (subscription, event): the webhook delivery log and retry state. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id),
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at"),
    responseStatus: integer("response_status"),
    error: text("error"),
    durationMs: integer("duration_ms"),
    createdAt: tstz("created_at").notNull(),
    deliveredAt: tstz("delivered_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_once").on(t.subscriptionId, t.eventId),
    index("webhook_deliveries_due").on(t.nextAttemptAt).where(sql`${t.status} in ('pending','sending')`),
    index("webhook_deliveries_sub_recent").on(t.subscriptionId, t.createdAt),
    check("webhook_deliveries_status", sql`${t.status} in ('pending','sending','sent','failed')`),
  ],
);

/** A workspace's own wording for a notification kind on a channel (subject and body templates). */
export const notificationTemplates = pgTable(
  "notification_templates",
  {
    workspaceId: workspaceId().references(() => workspaces.id),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.channel] })],
);

/** When each workspace's daily reminders run next (from its cron expression, in its time zone). */
export const reminderSchedules = pgTable(
  "reminder_schedules",
  {
    workspaceId: uuid("workspace_id")
      .primaryKey()
      .references(() => workspaces.id),
    nextRunAt: tstz("next_run_at").notNull(),
    lastRunKey: text("last_run_key"),
  },
  (t) => [index("reminder_schedules_due").on(t.nextRunAt)],
);

/** One reminder per agent per run (run key: the local date), whatever retries and restarts happen. */
export const reminderSends = pgTable(
  "reminder_sends",
  {
    workspaceId: workspaceId().references(() => workspaces.id),
    runKey: text("run_key").notNull(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id),
    channel: text("channel").notNull(),
    status: text("status").notNull(),
    detail: text("detail"),
    ticketCount: integer("ticket_count").notNull(),
    sentAt: tstz("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.runKey, t.agentId] })],
);
