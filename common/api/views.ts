/**
 * API contracts for views (saved queries) and custom ticket fields: the
 * requests the engine accepts and the records the server answers with,
 * shared by the server (validation, OpenAPI) and the web app (forms).
 */
import { z } from "zod";

const iso = z.string().describe("ISO-8601 timestamp");
const can = <K extends string>(...keys: K[]) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>)
    .describe("what the caller may do with this record");

export const VIEW_VISIBILITIES = ["personal", "team", "workspace"] as const;
export type ViewVisibility = (typeof VIEW_VISIBILITIES)[number];

export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "boolean", "select"] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Same bound as a ticket list's `q`. */
export const MAX_VIEW_QUERY_CHARS = 10_000;
/** `display` is the web app's business; the bound keeps one view from growing without limit. */
export const MAX_VIEW_DISPLAY_CHARS = 20_000;

const viewName = z.string().trim().min(1).max(100);
const viewQuery = z
  .string()
  .max(MAX_VIEW_QUERY_CHARS, `must be at most ${MAX_VIEW_QUERY_CHARS} characters`)
  .describe("a query in the query language (`status: open assignee: me`); empty matches every visible ticket");
const teamRef = z.string().trim().min(1).max(200).describe("team name or id");
const position = z.number().int().min(0).max(1_000_000).describe("order in the caller's list (lower first)");
const display = z
  .record(z.string(), z.unknown())
  .refine((d) => JSON.stringify(d).length <= MAX_VIEW_DISPLAY_CHARS, {
    message: `must be at most ${MAX_VIEW_DISPLAY_CHARS} characters as JSON`,
  })
  .describe("how the web app shows the view (columns, grouping, …); stored as given");

export const createViewInput = z
  .object({
    name: viewName,
    query: viewQuery,
    visibility: z.enum(VIEW_VISIBILITIES).default("personal"),
    /** Required with (and only with) `visibility: "team"`. */
    team: teamRef.optional(),
    position: position.optional(),
    display: display.default({}),
  })
  .strict();
export type CreateViewInput = z.input<typeof createViewInput>;

export const updateViewInput = z
  .object({
    name: viewName.optional(),
    query: viewQuery.optional(),
    visibility: z.enum(VIEW_VISIBILITIES).optional(),
    /** With `visibility: "team"` (or on a team view): share with this team instead. */
    team: teamRef.optional(),
    position: position.optional(),
    display: display.optional(),
  })
  .strict();
export type UpdateViewInput = z.input<typeof updateViewInput>;

export const runViewInput = z
  .object({
    limit: z.number().int().min(1).max(500).optional(),
    cursor: z.string().max(1000).optional(),
  })
  .strict();
export type RunViewInput = z.input<typeof runViewInput>;

/** Lowercase letters, digits and underscores, starting with a letter (so `cf.<key>` is one word). */
export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,49}$/;

const fieldLabel = z.string().trim().min(1).max(100);
const fieldOptions = z.array(z.string().trim().min(1).max(100)).max(200);

export const defineCustomFieldInput = z
  .object({
    key: z
      .string()
      .trim()
      .regex(CUSTOM_FIELD_KEY, "use 1-50 lowercase letters, digits and underscores, starting with a letter"),
    label: fieldLabel,
    type: z.enum(CUSTOM_FIELD_TYPES),
    /** The allowed values of a `select` field (required there, refused for other types). */
    options: fieldOptions.optional(),
  })
  .strict();
export type DefineCustomFieldInput = z.input<typeof defineCustomFieldInput>;

export const updateCustomFieldInput = z
  .object({
    label: fieldLabel.optional(),
    /** The complete list of allowed values of a `select` field. */
    options: fieldOptions.optional(),
  })
  .strict();
export type UpdateCustomFieldInput = z.input<typeof updateCustomFieldInput>;

export const viewView = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  visibility: z.enum(VIEW_VISIBILITIES),
  teamId: z.string().nullable(),
  ownerId: z.string(),
  position: z.number().int(),
  display: z.record(z.string(), z.unknown()),
  createdAt: iso,
  updatedAt: iso,
  can: can("update", "delete"),
});

/** A view in a list, with how many tickets it matches for the caller right now. */
export const viewListItemView = viewView.extend({
  count: z
    .number()
    .int()
    .nullable()
    .describe("tickets the query matches for the caller (at most the cap); null when the query no longer works"),
  capped: z.boolean().describe("there are more matching tickets than `count`"),
  error: z.string().nullable().describe("why the query no longer works (a deleted field, a renamed team, …)"),
});

export const customFieldView = z.object({
  id: z.string(),
  key: z.string().describe("queried as `cf.<key>`, by key or by label"),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  createdAt: iso,
  can: can("update", "delete"),
});

export type ViewView = z.infer<typeof viewView>;
export type ViewListItemView = z.infer<typeof viewListItemView>;
export type CustomFieldView = z.infer<typeof customFieldView>;
