import { z } from "zod";
import { isTimeZone } from "../kernel/index.js";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from "./types.js";

/** Which channels each kind uses until a person changes it (seed 000 is Slack-first; email is for what needs action). */
export const DEFAULT_CHANNELS: Record<NotificationKind, Record<NotificationChannel, boolean>> = {
  "ticket.created": { in_app: true, email: false, slack: true },
  "ticket.assigned": { in_app: true, email: true, slack: true },
  "ticket.updated": { in_app: true, email: false, slack: true },
  "ticket.resolved": { in_app: true, email: false, slack: true },
  "ticket.critical": { in_app: true, email: true, slack: true },
  mention: { in_app: true, email: true, slack: true },
  "sla.warning": { in_app: true, email: true, slack: true },
  "sla.breached": { in_app: true, email: true, slack: true },
  automation: { in_app: true, email: true, slack: true },
  "webhook.disabled": { in_app: true, email: true, slack: false },
  reminder: { in_app: false, email: false, slack: true },
};

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 22:00")
  .nullable();

const channelSwitches = z
  .object(
    Object.fromEntries(NOTIFICATION_CHANNELS.map((c) => [c, z.boolean().optional()])) as Record<
      NotificationChannel,
      z.ZodOptional<z.ZodBoolean>
    >,
  )
  .strict();

/** A change to someone's notification preferences (every field optional; unknown kinds and channels refused). */
export const preferencesPatch = z
  .object({
    channels: z
      .object(
        Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channelSwitches.optional()])) as Record<
          NotificationKind,
          z.ZodOptional<typeof channelSwitches>
        >,
      )
      .strict()
      .optional(),
    quietHours: z
      .object({ start: hhmm, end: hhmm })
      .strict()
      .nullable()
      .optional()
      .describe("held and delivered after; null turns quiet hours off"),
    timeZone: z
      .string()
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin")
      .nullable()
      .optional()
      .describe("for quiet hours and reminders; null = the workspace's"),
    emailBatchMinutes: z
      .number()
      .int()
      .min(0)
      .max(1440)
      .optional()
      .describe("at most one notification email per this many minutes, grouped; 0 = each at once"),
  })
  .strict();
export type PreferencesPatch = z.input<typeof preferencesPatch>;

/** Someone's effective preferences: the defaults with their changes applied. */
export interface EffectivePreferences {
  agentId: string;
  channels: Record<NotificationKind, Record<NotificationChannel, boolean>>;
  quietHours: { start: string; end: string } | null;
  /** Their own zone, else the workspace's. */
  timeZone: string;
  emailBatchMinutes: number;
}
