/** API contract for the audit log. */
import { z } from "zod";

export const auditEntryView = z.object({
  id: z.string().describe("increasing: newer entries have larger ids"),
  actor: z.object({
    type: z.string().describe("agent, customer, system or anonymous (a failed sign-in)"),
    id: z.string().nullable(),
    name: z.string().optional(),
    email: z.string().optional(),
  }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  outcome: z.enum(["ok", "denied", "failed"]),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export type AuditEntryView = z.infer<typeof auditEntryView>;
