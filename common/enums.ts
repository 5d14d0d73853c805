/** Shared vocabulary for the engine, the API and the web app. */

export const TICKET_STATUSES = [
  "open",
  "in_progress",
  "on_hold",
  "review",
  "pending_customer",
  "resolved",
  "closed",
  "cancelled",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket still needs work: its SLA clock runs and it shows in queues. */
export const ACTIVE_STATUSES = ["open", "in_progress", "on_hold", "review", "pending_customer"] as const;

export const LEVELS = ["critical", "high", "medium", "low"] as const;
/** Urgency, importance and effective priority all use these four levels. */
export type Level = (typeof LEVELS)[number];
/** Seed 002's numeric priority: 1 critical, 2 high, 3 medium, 4 low. */
export type PriorityNumber = 1 | 2 | 3 | 4;

export const CHANNELS = ["email", "portal", "widget", "slack", "api", "agent", "cli", "import"] as const;
export type Channel = (typeof CHANNELS)[number];

export const AGENT_ROLES = ["superadmin", "manager", "agent"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
export const CUSTOMER_ROLES = ["company_user", "customer"] as const;
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];
export type Role = AgentRole | CustomerRole;

/** Whether routing may give an agent tickets: `online` yes, `away` only when nobody is online, the others no. */
export const AGENT_AVAILABILITIES = ["online", "away", "offline", "out_of_office"] as const;
export type AgentAvailability = (typeof AGENT_AVAILABILITIES)[number];
/** How routing picks an agent inside a team. */
export const TEAM_STRATEGIES = ["round_robin", "least_loaded", "skill_match"] as const;
export type TeamStrategy = (typeof TEAM_STRATEGIES)[number];

export const TIMELINE_KINDS = ["message", "note", "event"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
