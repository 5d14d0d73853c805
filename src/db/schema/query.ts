import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, tstz, workspaceId } from "./columns.js";
import { agents, teams, workspaces } from "./people.js";

/**
 * Saved queries (views): personal, shared with a team, or with the whole
 * workspace. `display` holds how the web app shows it (list columns, board
 * swimlanes, …); the engine only stores it.
 */
export const views = pgTable(
  "views",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    name: text("name").notNull(),
    query: text("query").notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => agents.id),
    visibility: text("visibility").notNull().default("personal"),
    teamId: uuid("team_id").references(() => teams.id),
    position: integer("position").notNull().default(0),
    display: jsonb("display").notNull().default({}),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("views_ws_owner_name").on(t.workspaceId, t.ownerId, t.name),
    index("views_ws_visibility").on(t.workspaceId, t.visibility),
    check("views_visibility", sql`${t.visibility} in ('personal','team','workspace')`),
    check("views_team", sql`(${t.visibility} = 'team') = (${t.teamId} is not null)`),
  ],
);

/** A workspace's custom ticket fields: typed, queryable by key or label. */
export const customFieldDefinitions = pgTable(
  "custom_field_definitions",
  {
    id: id(),
    workspaceId: workspaceId().references(() => workspaces.id),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").notNull(),
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("custom_fields_ws_key").on(t.workspaceId, t.key),
    check("custom_fields_type", sql`${t.type} in ('text','number','date','boolean','select')`),
  ],
);

/**
 * Every tag, category and type a workspace's tickets have used, kept by a
 * trigger on tickets, so autocomplete never scans a million tickets.
 */
export const ticketVocabulary = pgTable(
  "ticket_vocabulary",
  {
    workspaceId: workspaceId().references(() => workspaces.id),
    field: text("field").notNull(),
    value: text("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.field, t.value] }),
    check("ticket_vocabulary_field", sql`${t.field} in ('tag','category','type')`),
  ],
);
