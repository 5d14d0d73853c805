import { z } from "zod";
import { ACTIVE_STATUSES } from "../../../common/enums.js";
import { escalationsSchema, targetsSchema } from "./policy.js";

const name = z.string().trim().min(1).max(100);

/** Statuses that may pause a clock: the active ones (final statuses stop clocks anyway). */
const pauseStatuses = z
  .array(z.enum(ACTIVE_STATUSES))
  .max(ACTIVE_STATUSES.length)
  .refine((s) => !s.includes("open"), {
    message: "open cannot pause an SLA clock: it is the status of unanswered work",
  });

export const createPolicyInput = z
  .object({
    name,
    /** Query language (`priority: critical company: acme`); empty = every ticket. */
    condition: z.string().max(2000).default(""),
    /** Calendar by id or name for business-hours targets; default: the workspace's default calendar. */
    calendar: z.string().trim().min(1).max(200).nullable().optional(),
    targets: targetsSchema,
    pauseStatuses: pauseStatuses.default(["pending_customer", "on_hold"]),
    warningShare: z.number().gt(0).lt(1).default(0.8),
    escalations: escalationsSchema.default([]),
    enabled: z.boolean().default(true),
    /** Place in the order (0 = first); default: last. */
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type CreatePolicyInput = z.input<typeof createPolicyInput>;

export const updatePolicyInput = z
  .object({
    name: name.optional(),
    condition: z.string().max(2000).optional(),
    calendar: z.string().trim().min(1).max(200).nullable().optional(),
    targets: targetsSchema.optional(),
    pauseStatuses: pauseStatuses.optional(),
    warningShare: z.number().gt(0).lt(1).optional(),
    escalations: escalationsSchema.optional(),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type UpdatePolicyInput = z.input<typeof updatePolicyInput>;
