/**
 * Seed 004's API shapes ("Support Ticket Router"): snake_case fields, ticket
 * `id` = the human number (`TKT-1001`), three priority levels.
 *
 * What an operator configures so seed 004's routing happens (Finance,
 * Engineering, Customer Success): teams whose `categories` name what they
 * handle, e.g.
 *
 *   Finance           billing, payment
 *   Engineering       technical, bug_report
 *   Customer Success  account, general, feature_request
 *
 * with agents as members (their `skills` name categories they are best at)
 * and a `lead` per team (critical tickets go to the lead). A team named
 * "General" (or else the oldest team without categories) catches categories no
 * team claims. Nothing is invented: on a workspace without teams, tickets are
 * still created and classified, and `assigned_team` / `assigned_agent` are
 * null. Public intake (`POST /api/tickets`) can be switched off per workspace
 * with the `publicIntake` setting.
 */
import { z } from "zod";
import { TICKET_STATUSES } from "../../../common/enums.js";
import {
  CATEGORIES,
  categoryFamily,
  type Level,
  type RoutingAnalytics,
  type RoutingLabels,
  readSentiment,
  SEED_004_CATEGORIES,
  SENTIMENTS,
  type Ticket,
} from "../../lib/index.js";

export const SEED_004_PRIORITIES = ["high", "medium", "low"] as const;
export type Seed004Priority = (typeof SEED_004_PRIORITIES)[number];

/** Seed 004 has three levels: critical and high are both "high". */
export function seed004Priority(level: Level): Seed004Priority {
  return level === "critical" || level === "high" ? "high" : level;
}

/** Seed 004's category for a stored one: known categories by family, others as they are. */
export function seed004Category(category: string | null): string | null {
  if (category === null) return null;
  return (CATEGORIES as readonly string[]).includes(category) ? categoryFamily(category) : category;
}

const iso = z.string().describe("ISO-8601 timestamp");

export const legacyTicketView = z.object({
  id: z.string().describe("the ticket number, e.g. TKT-1001"),
  subject: z.string(),
  message: z.string().describe("the customer's message (the ticket description)"),
  customer_email: z.string().nullable(),
  priority: z.enum(SEED_004_PRIORITIES).describe("critical and high tickets are both high"),
  category: z
    .string()
    .nullable()
    .describe(`one of ${SEED_004_CATEGORIES.join(", ")} (bug reports count as technical, payments as billing)`),
  sentiment: z.enum(SENTIMENTS).nullable().describe("intake sentiment; null for tickets created without routing"),
  sentiment_score: z.number().nullable(),
  assigned_team: z.string().nullable().describe("team name; null when no team is configured for the category"),
  assigned_agent: z.string().nullable().describe("agent name; null when the team has no active agent"),
  status: z.enum(TICKET_STATUSES),
  created_at: iso,
  updated_at: iso,
  estimated_resolution: z.string().describe('the SLA window, e.g. "4 hours"'),
  estimated_resolution_hours: z.number(),
  estimated_resolution_at: iso.describe("the SLA deadline"),
});
export type LegacyTicketView = z.infer<typeof legacyTicketView>;

export function presentLegacyTicket(t: Ticket, labels: RoutingLabels): LegacyTicketView {
  const sentiment = readSentiment(t.customFields);
  return {
    id: t.number,
    subject: t.subject,
    message: t.description,
    customer_email: t.requesterId ? (labels.customers.get(t.requesterId) ?? null) : null,
    priority: seed004Priority(t.priority),
    category: seed004Category(t.category),
    sentiment: sentiment?.label ?? null,
    sentiment_score: sentiment?.score ?? null,
    assigned_team: t.teamId ? (labels.teams.get(t.teamId) ?? null) : null,
    assigned_agent: t.assigneeId ? (labels.agents.get(t.assigneeId)?.name ?? null) : null,
    status: t.status,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    estimated_resolution: `${t.slaHours} hour${t.slaHours === 1 ? "" : "s"}`,
    estimated_resolution_hours: t.slaHours,
    estimated_resolution_at: t.slaDueAt.toISOString(),
  };
}

export const legacyListView = z.object({
  tickets: z.array(legacyTicketView),
  count: z.number().int().describe("tickets on this page"),
  next_cursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last"),
});

const counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number()])));

export const legacyAnalyticsView = z.object({
  total_tickets: z.number().int(),
  open_tickets: z.number().int().describe("tickets still needing work (open, in progress, on hold, review, pending)"),
  resolved_tickets: z.number().int().describe("tickets that have been resolved (and possibly closed since)"),
  by_status: counts(TICKET_STATUSES),
  by_priority: counts(SEED_004_PRIORITIES),
  by_priority_level: counts(["critical", "high", "medium", "low"] as const),
  by_category: z.record(z.string(), z.number()).describe("seed 004 categories; `uncategorized` when none was set"),
  by_category_detail: z.record(z.string(), z.number()).describe("stored categories (bug_report, payment, …)"),
  by_team: z.array(z.object({ team: z.string().nullable().describe("null: no team"), count: z.number().int() })),
  sentiment: counts(["positive", "neutral", "negative", "not_analyzed"] as const),
  angry_customers: z.number().int().describe("routed tickets written with strongly negative words"),
  average_resolution_hours: z.number().nullable().describe("mean time from creation to resolution; null if none"),
});
export type LegacyAnalyticsView = z.infer<typeof legacyAnalyticsView>;

export function presentLegacyAnalytics(a: RoutingAnalytics): LegacyAnalyticsView {
  const byCategory: Record<string, number> = {};
  for (const [c, n] of Object.entries(a.byCategory)) {
    const key = c === "uncategorized" ? c : (seed004Category(c) ?? c);
    byCategory[key] = (byCategory[key] ?? 0) + n;
  }
  return {
    total_tickets: a.total,
    open_tickets: a.active,
    resolved_tickets: a.resolved,
    by_status: a.byStatus,
    by_priority: {
      high: a.byPriority.critical + a.byPriority.high,
      medium: a.byPriority.medium,
      low: a.byPriority.low,
    },
    by_priority_level: a.byPriority,
    by_category: byCategory,
    by_category_detail: a.byCategory,
    by_team: a.byTeam.map((t) => ({ team: t.name, count: t.count })),
    sentiment: a.sentiment,
    angry_customers: a.angry,
    average_resolution_hours: a.averageResolutionHours,
  };
}
