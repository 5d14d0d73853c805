/** API contracts for live updates (one Server-Sent Events stream per screen) and presence. */
import { z } from "zod";

export const PRESENCE_STATES = ["viewing", "typing", "left"] as const;

export const presenceBody = z
  .object({
    state: z
      .enum(PRESENCE_STATES, { message: `must be one of ${PRESENCE_STATES.join(", ")}` })
      .describe("viewing: the ticket is open; typing: writing a reply or note; left: closed it"),
  })
  .strict();

export const presenceView = z.object({
  type: z.literal("presence"),
  ticketId: z.string(),
  agent: z.object({ id: z.string(), name: z.string() }),
  state: z.enum(PRESENCE_STATES),
  at: z.string(),
});

/** What `event: ticket` carries: refetch the ticket (and lists) through the API. */
export const ticketChangedView = z.object({
  type: z.literal("ticket"),
  ticketId: z.string(),
  event: z.string().describe("the outbox event, e.g. ticket.message_added"),
  eventId: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  at: z.string().describe("when the change committed"),
});

export const dueRangeQuery = z
  .object({
    from: z.string().describe("ISO-8601 start (inclusive)"),
    to: z.string().describe("ISO-8601 end (exclusive); at most 62 days after from"),
    assignee: z.string().trim().min(1).optional().describe("agent id or email, or `me`"),
  })
  .strict();

export const setupStatusView = z.object({
  needed: z.boolean().describe("true while the workspace has no superadmin: the first visitor creates one"),
  workspace: z.string(),
});

export const setupBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email("must be an email address").max(320),
    password: z.string().min(10, "use at least 10 characters").max(200),
  })
  .strict();
