import { z } from "zod";
import { CHANNELS, LEVELS, TICKET_STATUSES } from "../../../common/enums.js";
import { emailSchema } from "../people/index.js";

export const levelSchema = z.enum(LEVELS);
/** A priority as a level name or seed 002's number (1 critical … 4 low). */
export const priorityInput = z.union([
  levelSchema,
  z
    .number()
    .int()
    .min(1)
    .max(4)
    .transform((n) => LEVELS[n - 1] as (typeof LEVELS)[number]),
]);

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.:/-]*$/u, "tags use letters, digits, space, _ . : / -");

export const subjectSchema = z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters");
export const descriptionSchema = z.string().max(1_000_000, "must be at most 1,000,000 characters");
export const tagsSchema = z.array(tag).max(50);
export const customFieldsSchema = z.record(z.string().min(1).max(100), z.unknown());

const requesterSchema = z.union(
  [emailSchema, z.object({ email: emailSchema, name: z.string().trim().max(200).optional() }).strict()],
  { error: "must be an email address like name@example.com, or { email, name }" },
);

export const createTicketInput = z
  .object({
    subject: subjectSchema,
    description: descriptionSchema.default(""),
    requester: requesterSchema.optional(),
    priority: priorityInput.optional(),
    urgency: levelSchema.optional(),
    importance: levelSchema.optional(),
    category: z.string().trim().min(1).max(100).optional(),
    type: z.string().trim().min(1).max(50).default("question"),
    tags: tagsSchema.default([]),
    channel: z.enum(CHANNELS).default("api"),
    assignee: z.string().trim().min(1).optional(),
    team: z.string().trim().min(1).optional(),
    company: z.string().trim().min(1).optional(),
    customFields: customFieldsSchema.default({}),
  })
  .strict();
export type CreateTicketInput = z.input<typeof createTicketInput>;

export const updateTicketInput = z
  .object({
    subject: subjectSchema.optional(),
    description: descriptionSchema.optional(),
    priority: priorityInput.optional(),
    urgency: levelSchema.optional(),
    importance: levelSchema.optional(),
    category: z.string().trim().min(1).max(100).nullable().optional(),
    type: z.string().trim().min(1).max(50).optional(),
    tags: tagsSchema.optional(),
    addTags: tagsSchema.optional(),
    removeTags: tagsSchema.optional(),
    team: z.string().trim().min(1).nullable().optional(),
    company: z.string().trim().min(1).nullable().optional(),
    customFields: customFieldsSchema.optional(),
    /** A due date for the ticket (ISO-8601); null clears it. */
    dueAt: z.iso
      .datetime({ offset: true, message: "must be an ISO-8601 date-time, e.g. 2026-12-01T17:00:00Z" })
      .nullable()
      .optional(),
    /** Optimistic concurrency: fail if the ticket changed since this version was read. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateTicketInput = z.input<typeof updateTicketInput>;

export const statusInput = z
  .object({
    status: z.enum(TICKET_STATUSES, { message: `must be one of ${TICKET_STATUSES.join(", ")}` }),
    note: z.string().trim().max(100_000).optional(),
  })
  .strict();

export const assignInput = z
  .object({
    assignee: z.string().trim().min(1).nullable(),
    team: z.string().trim().min(1).nullable().optional(),
  })
  .strict();

export const escalateInput = z.object({ reason: z.string().trim().max(10_000).default("") }).strict();

export const commentInput = z
  .object({
    body: z.string().trim().min(1, "must not be empty").max(1_000_000),
    internal: z.boolean().default(false),
    channel: z.enum(CHANNELS).optional(),
    attachments: z
      .array(
        z
          .object({
            filename: z.string().min(1).max(255),
            contentType: z.string().min(1).max(255),
            size: z.number().int().nonnegative(),
            storageKey: z.string().max(500).optional(),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    /**
     * Collision detection: the newest timeline entry the author had seen. A public
     * reply then fails (409 ticket.reply_stale) when someone else wrote a public
     * message after it, so the author reviews it before sending.
     */
    lastSeenEntryId: z.uuid("must be a timeline entry id").optional(),
  })
  .strict();
