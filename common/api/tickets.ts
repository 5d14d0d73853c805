/** API contracts for tickets, shared by the server (OpenAPI, serialisation) and the web app. */
import { z } from "zod";
import { CHANNELS, LEVELS, TICKET_STATUSES } from "../enums.js";

const iso = z.string().describe("ISO-8601 timestamp");

export const personRefView = z.object({ type: z.enum(["agent", "customer", "system"]), id: z.string().nullable() });

/** What a customer may see of a ticket. */
export const customerTicketView = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(LEVELS),
  category: z.string().nullable(),
  type: z.string(),
  channel: z.enum(CHANNELS),
  requesterId: z.string().nullable(),
  companyId: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
  can: z.record(z.string(), z.boolean()).describe("what the caller may do with this ticket"),
});

/** The staff view adds routing, SLA and internal fields. */
export const ticketView = customerTicketView.extend({
  urgency: z.enum(LEVELS),
  importance: z.enum(LEVELS),
  priorityNumber: z.number().int(),
  tags: z.array(z.string()),
  creator: personRefView,
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  slaHours: z.number(),
  slaDueAt: iso,
  dueAt: iso.nullable().describe("a due date an agent set (reschedulable on the calendar); null: none"),
  escalationLevel: z.number().int(),
  attachmentCount: z.number().int(),
  version: z.number().int(),
  firstResponseAt: iso.nullable(),
});

export const timelineEntryView = z.object({
  id: z.string(),
  kind: z.enum(["message", "note", "event"]),
  author: personRefView,
  body: z.string(),
  event: z
    .object({
      action: z.string(),
      changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
      rule: z
        .object({ id: z.string(), name: z.string() })
        .optional()
        .describe("the automation rule or SLA escalation level that made the change"),
    })
    .nullable(),
  attachments: z.array(
    z.object({ filename: z.string(), contentType: z.string(), size: z.number(), storageKey: z.string().optional() }),
  ),
  channel: z.string().nullable(),
  email: z
    .object({
      direction: z.enum(["in", "out"]),
      messageId: z.string(),
      from: z.string().nullable(),
      to: z.array(z.string()),
      cc: z.array(z.string()),
      subject: z.string(),
      threadedBy: z
        .object({ rule: z.string(), detail: z.string() })
        .optional()
        .describe('inbound: the rule that placed it, e.g. "threaded by References <…>"'),
      inboundId: z.string().optional().describe("inbound: the stored original at GET /api/v1/email/inbound/{id}"),
      trimmed: z.boolean().optional().describe("inbound: quoted history or a signature was cut from the body"),
      delivery: z
        .object({
          status: z.enum(["queued", "sending", "sent", "failed"]),
          outboundId: z.string().optional(),
          attempts: z.number().int().optional(),
          error: z.string().optional(),
          sentAt: z.string().optional(),
        })
        .optional()
        .describe("outbound: delivery state"),
    })
    .passthrough()
    .nullable()
    .describe("for messages that travelled by email (staff only; null for customers)"),
  createdAt: iso,
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const errorView = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
