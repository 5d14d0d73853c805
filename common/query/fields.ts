/**
 * The fields a ticket query may name: types, aliases, allowed values. The
 * parser checks every term against this catalogue; the server's compiler and
 * matcher implement exactly these fields.
 */
import { CHANNELS, LEVELS, TICKET_STATUSES } from "../enums.js";

export type FieldType =
  /** Fixed values (`values`); `ordered` ones accept comparisons (`priority: >= high`). */
  | "enum"
  /** Case-insensitive text equality (or `contains` for `subject`). */
  | "text"
  /** A person or group named by id, email or name; `me` / `none` where allowed. */
  | "ref"
  | "date"
  | "number"
  /** A length of time (`sla: < 2h`). */
  | "duration"
  | "boolean";

export interface FieldSpec {
  name: string;
  aliases: readonly string[];
  type: FieldType;
  /** For enums: the allowed values, most important first when `ordered`. */
  values?: readonly string[];
  /** Enums whose values have an order (critical > high > medium > low). */
  ordered?: boolean;
  /** Accepts `me`. */
  allowMe?: boolean;
  /** Accepts `none` (and `unassigned` for assignee). */
  allowNone?: boolean;
  /** Accepts several comma-separated values (any of). Dates and durations do not. */
  multi: boolean;
  description: string;
}

/** Pseudo-status `active`: every status that still needs work. */
export const STATUS_VALUES = [...TICKET_STATUSES, "active"] as const;
export const HAS_VALUES = [
  "attachment",
  "assignee",
  "team",
  "company",
  "category",
  "tags",
  "requester",
  "tier",
] as const;
export const IS_VALUES = [
  "active",
  "breached",
  "unassigned",
  "mine",
  "escalated",
  "resolved",
  "closed",
  "overdue",
] as const;

const f = (spec: Omit<FieldSpec, "aliases" | "multi"> & Partial<Pick<FieldSpec, "aliases" | "multi">>): FieldSpec => ({
  aliases: [],
  multi: true,
  ...spec,
});

export const FIELDS: readonly FieldSpec[] = [
  f({ name: "status", type: "enum", values: STATUS_VALUES, description: "workflow status; `active` = needs work" }),
  f({
    name: "priority",
    type: "enum",
    values: LEVELS,
    ordered: true,
    description: "effective priority (1-4 accepted)",
  }),
  f({ name: "urgency", type: "enum", values: LEVELS, ordered: true, description: "how soon it must be handled" }),
  f({ name: "importance", type: "enum", values: LEVELS, ordered: true, description: "how much it matters" }),
  f({ name: "channel", aliases: ["via", "source"], type: "enum", values: CHANNELS, description: "where it came in" }),
  f({ name: "category", type: "text", allowNone: true, description: "category, e.g. technical, billing" }),
  f({ name: "type", type: "text", description: "ticket type, e.g. question, incident" }),
  f({ name: "tag", aliases: ["tags"], type: "text", allowNone: true, description: "a tag; also `#tag`" }),
  f({
    name: "assignee",
    aliases: ["assigned", "owner", "agent"],
    type: "ref",
    allowMe: true,
    allowNone: true,
    description: "agent by email, name or id; `me`, `unassigned`",
  }),
  f({ name: "team", aliases: ["group"], type: "ref", allowNone: true, description: "team by name or id" }),
  f({
    name: "company",
    aliases: ["org", "organization"],
    type: "ref",
    allowNone: true,
    description: "company by name",
  }),
  f({
    name: "tier",
    aliases: ["plan"],
    type: "text",
    allowNone: true,
    description: "the company's plan or tier, e.g. enterprise; `none`: no company or no tier",
  }),
  f({
    name: "requester",
    aliases: ["from", "customer", "reporter"],
    type: "ref",
    allowMe: true,
    allowNone: true,
    description: "customer by email, name or id",
  }),
  f({ name: "created", aliases: ["opened"], type: "date", multi: false, description: "when it was created" }),
  f({ name: "updated", aliases: ["modified", "changed"], type: "date", multi: false, description: "last change" }),
  f({ name: "resolved", type: "date", allowNone: true, multi: false, description: "when it was resolved" }),
  f({ name: "closed", type: "date", allowNone: true, multi: false, description: "when it was closed" }),
  f({ name: "due", type: "date", multi: false, description: "when its SLA is due" }),
  f({
    name: "sla",
    aliases: ["timeleft"],
    type: "duration",
    multi: false,
    description: "time left before the SLA is due (`sla: < 2h`; negative once breached)",
  }),
  f({ name: "number", aliases: ["id", "ticket"], type: "number", description: "ticket number, `TKT-1001` or 1001" }),
  f({ name: "escalation", aliases: ["level"], type: "number", description: "escalation level, 0-3" }),
  f({ name: "subject", aliases: ["title"], type: "text", description: "words in the subject (contains)" }),
  f({ name: "has", type: "enum", values: HAS_VALUES, description: "the ticket has an attachment, assignee, …" }),
  f({ name: "is", type: "enum", values: IS_VALUES, description: "breached, unassigned, mine, escalated, …" }),
];

/** Fields `sort by:` accepts, plus `relevance` for full-text searches. */
export const SORT_FIELDS = [
  "priority",
  "urgency",
  "importance",
  "created",
  "updated",
  "due",
  "resolved",
  "number",
  "status",
  "relevance",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** A workspace's custom field, as the parser needs to know it. */
export interface CustomFieldSpec {
  /** The key in `ticket.customFields`; queried as `cf.<key>` or by key/label. */
  key: string;
  label: string;
  type: "text" | "number" | "date" | "boolean" | "select";
  /** For `select`: the allowed values. */
  options?: readonly string[];
}

/** Query-language keywords (case-insensitive); quote them to search for the word itself. */
export const KEYWORDS = ["and", "or", "not", "sort by"] as const;

const byName = new Map<string, FieldSpec>();
for (const spec of FIELDS) {
  byName.set(spec.name, spec);
  for (const alias of spec.aliases) byName.set(alias, spec);
}

/** The field a written name means (case-insensitive, aliases included), or undefined. */
export function lookupField(written: string): FieldSpec | undefined {
  return byName.get(written.toLowerCase());
}

/** Every name a field can be written as (for suggestions). */
export function allFieldNames(): string[] {
  return [...byName.keys()];
}

/** The spec of a custom field as a query field named `cf.<key>`. */
export function customFieldSpec(cf: CustomFieldSpec): FieldSpec {
  const type: FieldType = cf.type === "select" ? "enum" : cf.type;
  return {
    name: `cf.${cf.key}`,
    aliases: [cf.key.toLowerCase(), cf.label.toLowerCase()],
    type,
    ...(cf.type === "select" ? { values: (cf.options ?? []).map((o) => o.toLowerCase()) } : {}),
    allowNone: true,
    multi: cf.type !== "date" && cf.type !== "boolean",
    description: `custom field “${cf.label}”`,
  };
}
