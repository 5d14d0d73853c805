/** API contract for the summary report (seed 002's generate_report, in camelCase). */
import { z } from "zod";

const counts = z.object({ opened: z.number().int(), resolved: z.number().int() });

export const reportView = z.object({
  reportDays: z.number().int(),
  generatedAt: z.string(),
  totalOpened: z.number().int(),
  totalResolved: z.number().int(),
  avgResolutionHours: z.number().nullable(),
  slaBreachRatePct: z.number(),
  byPriority: z.object({ critical: counts, high: counts, medium: counts, low: counts }),
  openByAssignee: z.record(z.string(), z.number().int()).describe("agent email (or `unassigned`) → open tickets"),
  currentlyOpen: z.number().int(),
});

export type ReportView = z.infer<typeof reportView>;
