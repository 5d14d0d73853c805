import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tstz, workspaceId } from "./columns.js";
import { workspaces } from "./people.js";
import { tickets } from "./tickets.js";

/**
 * Business-hours calendars (weekly ranges, time zone, holidays). `hours` and
 * `holidays` hold the `Calendar` shape of core/calendars, validated there.
 * At most one calendar per workspace is the default (partial unique index).
 */
export const calendars = pgTable(
  "calendars",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    hours: jsonb("hours").notNull(),
    holidays: jsonb("holidays").notNull().default([]),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("calendars_ws_name").on(t.workspaceId, t.name),
    uniqueIndex("calendars_ws_default").on(t.workspaceId).where(sql`${t.isDefault}`),
  ],
);

/**
 * SLA policies, applied in `position` order: the first whose `condition`
 * (query language) matches a ticket applies. `targets` holds
 * `{ firstResponse?, nextResponse?, resolution? }`, each `{ minutes, business }`;
 * `escalations` up to three levels `{ afterBreachMinutes, actions }`.
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    condition: text("condition").notNull().default(""),
    calendarId: uuid("calendar_id").references(() => calendars.id),
    targets: jsonb("targets").notNull(),
    pauseStatuses: text("pause_statuses").array().notNull().default(sql`'{pending_customer,on_hold}'::text[]`),
    warningShare: doublePrecision("warning_share").notNull().default(0.8),
    escalations: jsonb("escalations").notNull().default([]),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("sla_policies_ws_name").on(t.workspaceId, t.name),
    index("sla_policies_ws_position").on(t.workspaceId, t.position),
    check("sla_policies_warning_share", sql`${t.warningShare} > 0 and ${t.warningShare} < 1`),
  ],
);

/**
 * One SLA clock per ticket and metric. Time spent is kept as `consumedMs`
 * (business or calendar milliseconds, per `business`) up to `resumedAt`;
 * `dueAt` is null while paused. `nextCheckAt` is the next moment the
 * scheduler must look at the clock (warning, breach, next escalation level);
 * null when nothing is pending. The scheduler reads only the partial index on
 * it, never the tickets.
 */
export const ticketSlaClocks = pgTable(
  "ticket_sla_clocks",
  {
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    metric: text("metric").notNull(),
    workspaceId: workspaceId().references(() => workspaces.id),
    /** Null: the built-in default policy (seed 002). */
    policyId: uuid("policy_id").references(() => slaPolicies.id),
    targetMs: bigint("target_ms", { mode: "number" }).notNull(),
    business: boolean("business").notNull(),
    calendarId: uuid("calendar_id").references(() => calendars.id),
    state: text("state").notNull(),
    startedAt: tstz("started_at").notNull(),
    resumedAt: tstz("resumed_at").notNull(),
    consumedMs: bigint("consumed_ms", { mode: "number" }).notNull().default(0),
    dueAt: tstz("due_at"),
    warnAt: tstz("warn_at"),
    warnedAt: tstz("warned_at"),
    breachedAt: tstz("breached_at"),
    metAt: tstz("met_at"),
    escalationLevel: smallint("escalation_level").notNull().default(0),
    nextCheckAt: tstz("next_check_at"),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.metric] }),
    index("sla_clocks_next_check").on(t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
    index("sla_clocks_policy").on(t.policyId),
    check("sla_clocks_metric", sql`${t.metric} in ('first_response','next_response','resolution')`),
    check("sla_clocks_state", sql`${t.state} in ('running','paused','stopped')`),
  ],
);

/**
 * Automation rules. `trigger` is `{ type: "event", events: [...] }` or
 * `{ type: "time", since: <anchor>, afterMinutes }`; `condition` is query
 * language; `actions` a list of actions (core/automation/actions).
 */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    enabled: boolean("enabled").notNull().default(true),
    position: integer("position").notNull().default(0),
    trigger: jsonb("trigger").notNull(),
    condition: text("condition").notNull().default(""),
    actions: jsonb("actions").notNull(),
    /** Fire at most once per ticket (e.g. "critical × critical → alert everyone"). */
    oncePerTicket: boolean("once_per_ticket").notNull().default(false),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("automation_rules_ws_name").on(t.workspaceId, t.name),
    index("automation_rules_ws_position").on(t.workspaceId, t.position),
  ],
);

/**
 * When a time rule becomes due for a ticket: (rule, ticket) → due time from
 * the anchor. Kept by the automation listener as events happen; the scheduler
 * reads the partial index on `due_at`. `firedAt` set = done for this anchor.
 */
export const ruleSchedules = pgTable(
  "rule_schedules",
  {
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => automationRules.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    workspaceId: workspaceId().references(() => workspaces.id),
    anchorAt: tstz("anchor_at").notNull(),
    dueAt: tstz("due_at").notNull(),
    firedAt: tstz("fired_at"),
  },
  (t) => [
    primaryKey({ columns: [t.ruleId, t.ticketId] }),
    index("rule_schedules_due").on(t.dueAt).where(sql`${t.firedAt} is null`),
    index("rule_schedules_ticket").on(t.ticketId),
  ],
);

/** Every time a rule or an escalation level fired, with what its actions did. */
export const ruleFirings = pgTable(
  "rule_firings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId().references(() => workspaces.id),
    ruleId: uuid("rule_id").references(() => automationRules.id, { onDelete: "set null" }),
    ruleName: text("rule_name").notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    /** The event that triggered it; null for time rules and escalations. */
    eventId: uuid("event_id"),
    depth: smallint("depth").notNull().default(0),
    outcome: jsonb("outcome").notNull(),
    firedAt: tstz("fired_at").notNull(),
  },
  (t) => [
    index("rule_firings_rule_ticket").on(t.ruleId, t.ticketId),
    index("rule_firings_ws_time").on(t.workspaceId, t.firedAt),
    uniqueIndex("rule_firings_once_per_event").on(t.ruleId, t.ticketId, t.eventId).where(sql`${t.eventId} is not null`),
  ],
);

/** Counts so the rules list can show "fired 12 times, last 2 h ago" without scanning firings. */
export const ruleStats = pgTable("rule_stats", {
  ruleId: uuid("rule_id")
    .primaryKey()
    .references(() => automationRules.id, { onDelete: "cascade" }),
  fireCount: integer("fire_count").notNull().default(0),
  lastFiredAt: tstz("last_fired_at"),
});

/**
 * Each agent's active tickets and when they were last given one, kept by
 * statement-level triggers on `tickets` (migration 0006), so routing reads a
 * workload in one row instead of counting an agent's open tickets.
 */
export const agentWorkloads = pgTable("agent_workloads", {
  agentId: uuid("agent_id").primaryKey(),
  workspaceId: workspaceId().references(() => workspaces.id),
  openCount: integer("open_count").notNull().default(0),
  lastAssignedAt: tstz("last_assigned_at"),
});
