import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tstz, workspaceId } from "./columns.js";
import { agents, companies, customers, teams, workspaces } from "./people.js";

/** Statuses in which a ticket still needs work (the SLA clock runs, it shows in queues). */
export const ACTIVE_STATUS_SQL = sql.raw(`('open','in_progress','on_hold','review','pending_customer')`);

/*
 * Full-text search: `tickets.search` and `timeline_entries.search` are tsvector
 * columns that exist only in SQL (migration 0004), kept by triggers in the
 * workspace's search language. They are left out of this schema on purpose, so
 * no drizzle select ever ships a document vector over the wire.
 */
export const tickets = pgTable(
  "tickets",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    number: integer("number").notNull(),
    subject: text("subject").notNull(),
    description: text("description").notNull().default(""),
    status: text("status").notNull().default("open"),
    urgency: text("urgency").notNull(),
    importance: text("importance").notNull(),
    /** Effective priority from the urgency × importance matrix: 1 critical … 4 low. */
    priority: smallint("priority").notNull(),
    category: text("category"),
    type: text("type").notNull().default("question"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    requesterId: uuid("requester_id").references(() => customers.id),
    creatorType: text("creator_type").notNull(),
    creatorId: uuid("creator_id"),
    assigneeId: uuid("assignee_id").references(() => agents.id),
    teamId: uuid("team_id").references(() => teams.id),
    companyId: uuid("company_id").references(() => companies.id),
    channel: text("channel").notNull(),
    customFields: jsonb("custom_fields").notNull().default({}),
    slaHours: integer("sla_hours").notNull(),
    slaDueAt: tstz("sla_due_at").notNull(),
    /** A due date an agent promised or scheduled (the calendar's draggable date); null: none. */
    dueAt: tstz("due_at"),
    escalationLevel: smallint("escalation_level").notNull().default(0),
    /** Attachments on the ticket's timeline (`has: attachment`). */
    attachmentCount: integer("attachment_count").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
    firstResponseAt: tstz("first_response_at"),
    resolvedAt: tstz("resolved_at"),
    closedAt: tstz("closed_at"),
  },
  (t) => [
    uniqueIndex("tickets_ws_number").on(t.workspaceId, t.number),
    index("tickets_queue")
      .on(t.workspaceId, t.priority, t.createdAt, t.id)
      .where(sql`${t.status} in ${ACTIVE_STATUS_SQL}`),
    index("tickets_queue_assignee")
      .on(t.workspaceId, t.assigneeId, t.priority, t.createdAt, t.id)
      .where(sql`${t.status} in ${ACTIVE_STATUS_SQL}`),
    index("tickets_queue_team")
      .on(t.workspaceId, t.teamId, t.priority, t.createdAt, t.id)
      .where(sql`${t.status} in ${ACTIVE_STATUS_SQL}`),
    index("tickets_sla_due").on(t.workspaceId, t.slaDueAt).where(sql`${t.status} in ${ACTIVE_STATUS_SQL}`),
    index("tickets_due").on(t.workspaceId, t.dueAt).where(sql`${t.dueAt} is not null`),
    // Report queries read priority and timestamps straight from these (index-only scans).
    index("tickets_ws_created").on(t.workspaceId, t.createdAt, t.priority),
    index("tickets_ws_resolved").on(t.workspaceId, t.resolvedAt, t.priority, t.createdAt),
    index("tickets_open_by_assignee").on(t.workspaceId, t.assigneeId).where(sql`${t.status} in ${ACTIVE_STATUS_SQL}`),
    index("tickets_requester").on(t.requesterId),
    check(
      "tickets_status",
      sql`${t.status} in ('open','in_progress','on_hold','review','pending_customer','resolved','closed','cancelled')`,
    ),
    check("tickets_urgency", sql`${t.urgency} in ('critical','high','medium','low')`),
    check("tickets_importance", sql`${t.importance} in ('critical','high','medium','low')`),
    check("tickets_priority", sql`${t.priority} between 1 and 4`),
    check("tickets_creator_type", sql`${t.creatorType} in ('agent','customer','system')`),
    check("tickets_channel", sql`${t.channel} in ('email','portal','widget','slack','api','agent','cli','import')`),
  ],
);

export const timelineEntries = pgTable(
  "timeline_entries",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    kind: text("kind").notNull(),
    authorType: text("author_type").notNull(),
    authorId: uuid("author_id"),
    body: text("body").notNull().default(""),
    /** For `event` entries: what happened and every field's before/after. */
    event: jsonb("event"),
    attachments: jsonb("attachments").notNull().default([]),
    channel: text("channel"),
    /**
     * For messages that travelled by email: Message-ID, from/to/cc, subject, the
     * threading rule that placed it (inbound) or the delivery state (outbound),
     * and the inbound row holding the full original.
     */
    email: jsonb("email"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    index("timeline_ticket").on(t.ticketId, t.createdAt),
    check("timeline_kind", sql`${t.kind} in ('message','note','event')`),
    check("timeline_author_type", sql`${t.authorType} in ('agent','customer','system')`),
  ],
);

/** One row per status change; feeds the report's SLA breach rate. */
export const ticketTransitions = pgTable(
  "ticket_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: workspaceId().references(() => workspaces.id),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    slaBreached: boolean("sla_breached").notNull(),
    occurredAt: tstz("occurred_at").notNull(),
  },
  (t) => [index("transitions_ws_time").on(t.workspaceId, t.occurredAt)],
);
