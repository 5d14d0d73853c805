/**
 * API contracts for SLA policies and a ticket's SLA clocks: the records the
 * server answers with (OpenAPI and the web app). Request bodies are the
 * engine's own `createPolicyInput` / `updatePolicyInput`.
 */
import { z } from "zod";

const iso = z.string().describe("ISO-8601 timestamp");

export const SLA_METRICS = ["first_response", "next_response", "resolution"] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const SLA_CLOCK_STATES = ["running", "paused", "stopped"] as const;

const minutes = z.number().int();

export const slaTargetView = z
  .object({
    minutes: minutes.nullable().describe("the same target for every ticket (null: see byPriority)"),
    byPriority: z
      .object({ critical: minutes, high: minutes, medium: minutes, low: minutes })
      .nullable()
      .describe("minutes per effective priority (null: see minutes)"),
    business: z.boolean().describe("counted in the calendar's business hours (false: every hour counts)"),
  })
  .describe("one target, in minutes");

export const slaPolicyView = z.object({
  id: z.string().nullable().describe("null for the built-in default"),
  name: z.string(),
  builtIn: z.boolean().describe("the seed 002 default: applies when no policy of the workspace matches"),
  position: z.number().int().nullable().describe("order in which policies are tried (null: the default, last)"),
  enabled: z.boolean(),
  condition: z.string().describe("query language; empty matches every ticket"),
  calendar: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe("calendar of business-hours targets (null: the workspace's default calendar)"),
  targets: z.object({
    firstResponse: slaTargetView.nullable(),
    nextResponse: slaTargetView.nullable(),
    resolution: slaTargetView.nullable(),
  }),
  pauseStatuses: z.array(z.string()).describe("statuses in which the clocks stop counting"),
  warningShare: z.number().describe("share of a target after which `sla.warning` fires (0.8 = 80 %)"),
  escalations: z
    .array(
      z.object({
        level: z.number().int().describe("1, 2 or 3"),
        afterBreachMinutes: minutes.describe("minutes after the breach (calendar time)"),
        actions: z.array(z.object({ type: z.string() }).passthrough()),
      }),
    )
    .describe("what happens once a target is breached, level by level"),
  updatedAt: iso.nullable(),
  can: z.object({ update: z.boolean(), delete: z.boolean() }).describe("what the caller may do with this record"),
});

export const slaClockView = z.object({
  metric: z.enum(SLA_METRICS),
  state: z.enum(SLA_CLOCK_STATES),
  targetMinutes: minutes,
  business: z.boolean(),
  calendar: z.string().nullable().describe("calendar name for business-hours clocks"),
  startedAt: iso,
  dueAt: iso.nullable().describe("while running: when the target falls due"),
  remainingMs: z.number().describe("target time left, in the clock's own measure (negative: overdue)"),
  warnedAt: iso.nullable(),
  breachedAt: iso.nullable(),
  metAt: iso.nullable(),
  breached: z.boolean().describe("breached, or past due and not yet noticed by the scheduler"),
  met: z.boolean().describe("the target was met (stopped in time)"),
  escalationLevel: z.number().int().describe("escalation levels of the policy run so far for this clock"),
});

export const ticketSlaView = z.object({
  ticketId: z.string(),
  policy: z.object({ id: z.string().nullable(), name: z.string(), builtIn: z.boolean() }),
  escalationLevel: z.number().int().describe("the ticket's escalation level"),
  clocks: z.array(slaClockView).describe("first response, next response, resolution (those that have started)"),
});

export type SlaTargetView = z.infer<typeof slaTargetView>;
export type SlaPolicyView = z.infer<typeof slaPolicyView>;
export type SlaClockView = z.infer<typeof slaClockView>;
export type TicketSlaView = z.infer<typeof ticketSlaView>;
