/** API contracts of notifications (the in-app centre, live stream, preferences, delivery log), shared with the web app. */
import { z } from "zod";

const iso = z.string().describe("ISO-8601 timestamp");
const flag = z.enum(["true", "false"]).transform((v) => v === "true");

export const DELIVERY_STATUS_VALUES = ["pending", "held", "batched", "sending", "sent", "skipped", "failed"] as const;
export const NOTIFICATION_CHANNEL_VALUES = ["in_app", "email", "slack"] as const;

export const notificationView = z.object({
  id: z.string(),
  kind: z.string().describe("ticket.created, ticket.assigned, mention, sla.warning, …"),
  title: z.string().describe("one line, e.g. TKT-1001 assigned to you: Printer on fire"),
  body: z.string(),
  link: z.string().nullable().describe("path in the app, e.g. /tickets/TKT-1001"),
  ticket: z.object({ id: z.string(), number: z.string() }).nullable(),
  eventId: z.string().describe("the event it tells about"),
  createdAt: iso,
  readAt: iso.nullable().describe("null: unread"),
});

export const notificationPageView = z.object({
  items: z.array(notificationView),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int().describe("the caller's unread notifications (the badge)"),
});

export const listNotificationsQuery = z
  .object({
    unread: flag.optional().describe("true: only unread notifications"),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const notificationIdParam = z
  .object({ id: z.string().trim().min(1).max(100).describe("notification id") })
  .strict();

export const markReadView = z.object({ notification: notificationView, unreadCount: z.number().int() });
export const markAllReadView = z.object({
  marked: z.number().int().describe("how many were unread"),
  unreadCount: z.number().int(),
});

export const streamQuery = z
  .object({
    once: flag
      .optional()
      .describe("true: send the current unread count and close (a probe; clients leave it out and stay connected)"),
  })
  .strict();

/** One unread-count update on the stream (`event: unread`). */
export const unreadEventView = z.object({ unreadCount: z.number().int() });

export const preferencesView = z.object({
  agentId: z.string(),
  channels: z
    .record(z.string(), z.record(z.string(), z.boolean()))
    .describe("per notification kind, per channel (in_app, email, slack): on or off"),
  quietHours: z
    .object({ start: z.string(), end: z.string() })
    .nullable()
    .describe("HH:MM–HH:MM in timeZone (may wrap midnight): email and Slack held until it ends"),
  timeZone: z.string().describe("the agent's own zone, else the workspace's"),
  emailBatchMinutes: z
    .number()
    .int()
    .describe("at most one notification email per this many minutes; 0 = each at once"),
});

export const deliveryView = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  kind: z.string(),
  channel: z.enum(NOTIFICATION_CHANNEL_VALUES),
  recipient: z.object({
    key: z.string().describe("agent:<id>, customer:<id> or email:<address>"),
    agent: z.object({ id: z.string(), name: z.string().nullable(), email: z.string() }).nullable(),
    address: z.string().nullable().describe("the email address or Slack user id it went to"),
  }),
  status: z.enum(DELIVERY_STATUS_VALUES),
  reason: z.string().nullable().describe("why it was skipped, held or failed"),
  attempts: z.number().int(),
  nextAttemptAt: iso.nullable(),
  createdAt: iso,
  sentAt: iso.nullable(),
  ticket: z.object({ id: z.string(), number: z.string() }).nullable(),
  title: z.string(),
});

export const listDeliveriesQuery = z
  .object({
    status: z.enum(DELIVERY_STATUS_VALUES).optional(),
    channel: z.enum(NOTIFICATION_CHANNEL_VALUES).optional(),
    kind: z.string().max(100).optional().describe("a notification kind, e.g. ticket.assigned"),
    agent: z.string().max(320).optional().describe("the recipient agent: id or email"),
    event: z.string().max(100).optional().describe("an event type (ticket.assigned) or one event's id"),
    ticket: z.string().max(100).optional().describe("TKT-1001, 1001 or the ticket id"),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export type NotificationView = z.infer<typeof notificationView>;
export type NotificationPageView = z.infer<typeof notificationPageView>;
export type PreferencesView = z.infer<typeof preferencesView>;
export type DeliveryView = z.infer<typeof deliveryView>;
