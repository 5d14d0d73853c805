import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tstz, workspaceId } from "./columns.js";

export const workspaces = pgTable("workspaces", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  ticketPrefix: text("ticket_prefix").notNull().default("TKT"),
  ticketStart: integer("ticket_start").notNull().default(1001),
  /** PostgreSQL text-search configuration for this workspace's tickets (`english`, `simple`, `german`, …). */
  searchLanguage: text("search_language").notNull().default("english"),
  /** Workspace settings (e.g. `publicIntake`), validated by the core. */
  settings: jsonb("settings").notNull().default({}),
  createdAt: tstz("created_at").notNull(),
  updatedAt: tstz("updated_at").notNull(),
});

export const companies = pgTable(
  "companies",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    domain: text("domain"),
    /** Company users see all of the company's tickets (B2B shared visibility). */
    sharesTickets: boolean("shares_tickets").notNull().default(true),
    /** Plan or tier (e.g. "enterprise"): SLA policies and rules can target it (`tier:`). */
    tier: text("tier"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [uniqueIndex("companies_ws_name").on(t.workspaceId, t.name)],
);

export const customers = pgTable(
  "customers",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    email: text("email").notNull(),
    name: text("name"),
    companyId: uuid("company_id").references(() => companies.id),
    role: text("role").notNull().default("customer"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("customers_ws_email").on(t.workspaceId, t.email),
    index("customers_company").on(t.companyId),
    check("customers_role", sql`${t.role} in ('customer', 'company_user')`),
  ],
);

export const agents = pgTable(
  "agents",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull().default("agent"),
    active: boolean("active").notNull().default(true),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Limit this agent to tickets of their teams (and unrouted ones). */
    teamsOnly: boolean("teams_only").notNull().default(false),
    /** Most active tickets routing gives this agent; null = no limit. */
    capacity: integer("capacity"),
    /** Routing only picks `online` agents (and `away` ones when nobody is online). */
    availability: text("availability").notNull().default("online"),
    /** With `out_of_office`: back at this moment (then counted online again). */
    awayUntil: tstz("away_until"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("agents_ws_email").on(t.workspaceId, t.email),
    check("agents_role", sql`${t.role} in ('superadmin', 'manager', 'agent')`),
    check("agents_availability", sql`${t.availability} in ('online', 'away', 'offline', 'out_of_office')`),
    check("agents_capacity", sql`${t.capacity} is null or ${t.capacity} >= 0`),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    leadAgentId: uuid("lead_agent_id").references(() => agents.id),
    categories: text("categories").array().notNull().default(sql`'{}'::text[]`),
    /** How routing picks an agent inside the team. */
    strategy: text("strategy").notNull().default("least_loaded"),
    /** Round-robin: the member who got the last ticket. */
    lastAssignedAgentId: uuid("last_assigned_agent_id"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("teams_ws_name").on(t.workspaceId, t.name),
    check("teams_strategy", sql`${t.strategy} in ('round_robin', 'least_loaded', 'skill_match')`),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    workspaceId: workspaceId().references(() => workspaces.id),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.agentId] }), index("team_members_agent").on(t.agentId)],
);
