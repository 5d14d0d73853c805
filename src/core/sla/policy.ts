/**
 * SLA policies: what a ticket is promised. A policy has up to three targets
 * (first response, next response, resolution), each a duration — one for all
 * tickets or one per effective priority — counted in business hours of a
 * calendar or in calendar hours; the statuses that pause its clocks; the share
 * of a target at which to warn; and up to three escalation levels.
 */
import { z } from "zod";
import { LEVELS, type Level } from "../../../common/enums.js";
import { SLA_HOURS } from "../../../common/sla-defaults.js";
import { actionsSchema } from "../automation/index.js";

export const METRICS = ["first_response", "next_response", "resolution"] as const;
export type Metric = (typeof METRICS)[number];

const MAX_TARGET_MINUTES = 60 * 24 * 366;
const minutes = z.number().int().min(1).max(MAX_TARGET_MINUTES);

/** One target: `minutes` for every ticket, or `byPriority` (effective priority) — one of the two. */
export const targetSchema = z
  .object({
    minutes: minutes.optional(),
    byPriority: z.object({ critical: minutes, high: minutes, medium: minutes, low: minutes }).strict().optional(),
    /** Count business hours of the policy's calendar (default) or every hour. */
    business: z.boolean().default(true),
  })
  .strict()
  .refine((t) => (t.minutes === undefined) !== (t.byPriority === undefined), {
    message: "give either minutes or byPriority (one duration per priority), not both and not neither",
  });
export type Target = z.infer<typeof targetSchema>;

export const targetsSchema = z
  .object({
    firstResponse: targetSchema.optional(),
    nextResponse: targetSchema.optional(),
    resolution: targetSchema.optional(),
  })
  .strict()
  .refine((t) => t.firstResponse || t.nextResponse || t.resolution, {
    message: "a policy needs at least one target (firstResponse, nextResponse or resolution)",
  });
export type Targets = z.infer<typeof targetsSchema>;

export const escalationSchema = z
  .object({
    /** Minutes after the breach (0 = at the breach), in calendar time. */
    afterBreachMinutes: z.number().int().min(0).max(MAX_TARGET_MINUTES),
    actions: actionsSchema,
  })
  .strict();
export type EscalationLevel = z.infer<typeof escalationSchema>;

export const escalationsSchema = z
  .array(escalationSchema)
  .max(3)
  .refine(
    (levels) => levels.every((l, i) => i === 0 || l.afterBreachMinutes > (levels[i - 1]?.afterBreachMinutes ?? -1)),
    {
      message: "escalation levels must come later one after another (afterBreachMinutes strictly increasing)",
    },
  );

/** A policy as the engine uses it. */
export interface SlaPolicy {
  /** Null for the built-in default. */
  id: string | null;
  name: string;
  position: number;
  enabled: boolean;
  condition: string;
  calendarId: string | null;
  targets: Targets;
  pauseStatuses: readonly string[];
  warningShare: number;
  escalations: readonly EscalationLevel[];
  updatedAt: Date | null;
}

const byPriorityHours = (h: Record<1 | 2 | 3 | 4, number>) => ({
  critical: h[1] * 60,
  high: h[2] * 60,
  medium: h[3] * 60,
  low: h[4] * 60,
});

/**
 * What applies when no policy of the workspace matches: seed 002 — resolution
 * within 4 h (critical), 24 h (high), 72 h (medium), 168 h (low), counted in
 * calendar hours, paused while waiting on the customer or on hold — and seed
 * 003's escalation: at the breach the assignee and team lead hear of it; two
 * hours later urgency goes up one step and the lead and managers are told;
 * eight hours later the managers again.
 */
export const DEFAULT_POLICY: SlaPolicy = {
  id: null,
  name: "Default (seed 002)",
  position: Number.MAX_SAFE_INTEGER,
  enabled: true,
  condition: "",
  calendarId: null,
  targets: { resolution: { byPriority: byPriorityHours(SLA_HOURS), business: false } },
  pauseStatuses: ["pending_customer", "on_hold"],
  warningShare: 0.8,
  escalations: [
    {
      afterBreachMinutes: 0,
      actions: [
        {
          type: "notify",
          to: { assignee: true, teamLead: true },
          message: "SLA breached: this ticket is past its resolution target.",
        },
      ],
    },
    {
      afterBreachMinutes: 120,
      actions: [
        { type: "raise_priority" },
        {
          type: "notify",
          to: { teamLead: true, managers: true },
          message: "SLA breached 2 hours ago; urgency raised.",
        },
      ],
    },
    {
      afterBreachMinutes: 480,
      actions: [
        { type: "notify", to: { managers: true }, message: "SLA breached 8 hours ago and the ticket is still open." },
      ],
    },
  ],
  updatedAt: null,
};

const METRIC_KEY: Record<Metric, keyof Targets> = {
  first_response: "firstResponse",
  next_response: "nextResponse",
  resolution: "resolution",
};

/** The target of a metric for a ticket of this priority, in ms (undefined: the policy has none). */
export function targetFor(
  policy: SlaPolicy,
  metric: Metric,
  priority: Level,
): { ms: number; business: boolean } | undefined {
  const t = policy.targets[METRIC_KEY[metric]];
  if (!t) return undefined;
  const min = t.minutes ?? t.byPriority?.[priority];
  return min === undefined ? undefined : { ms: min * 60_000, business: t.business };
}

export const levelOfPriority = (p: number): Level => LEVELS[Math.min(4, Math.max(1, p)) - 1] as Level;
