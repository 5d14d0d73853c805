/**
 * The SQL back end: a bound predicate becomes a WHERE clause over `tickets`.
 * User text only ever travels as parameters; the few inlined literals are
 * members of fixed sets checked here (inlined so PostgreSQL can match partial
 * indexes such as "active tickets").
 */
import { type SQL, sql } from "drizzle-orm";
import { CHANNELS, LEVELS, TICKET_STATUSES } from "../../../common/enums.js";
import { tickets, timelineEntries } from "../../db/schema/index.js";
import type { DateColumn, IdColumn, Predicate, StringColumn, TextMatch } from "./bound.js";

export interface SqlContext {
  workspaceId: string;
  /** PostgreSQL text-search configuration of the workspace (`english`, `simple`, …). */
  searchLanguage: string;
  /** Customers match only public messages; agents also internal notes. */
  includeNotes: boolean;
}

const FIXED: Partial<Record<StringColumn, readonly string[]>> = {
  status: TICKET_STATUSES,
  urgency: LEVELS,
  importance: LEVELS,
  channel: CHANNELS,
};

const columnSql = {
  status: tickets.status,
  urgency: tickets.urgency,
  importance: tickets.importance,
  channel: tickets.channel,
  category: tickets.category,
  type: tickets.type,
  assigneeId: tickets.assigneeId,
  teamId: tickets.teamId,
  companyId: tickets.companyId,
  requesterId: tickets.requesterId,
  priority: tickets.priority,
  number: tickets.number,
  escalationLevel: tickets.escalationLevel,
  attachmentCount: tickets.attachmentCount,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  resolvedAt: tickets.resolvedAt,
  closedAt: tickets.closedAt,
  slaDueAt: tickets.slaDueAt,
};

function literalList(values: readonly string[], allowed: readonly string[]): SQL {
  for (const v of values) {
    if (!allowed.includes(v)) throw new Error(`query compiler: "${v}" is not an allowed value`);
  }
  return sql.raw(`(${values.map((v) => `'${v}'`).join(",")})`);
}

function params(values: readonly string[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

function stringIn(col: StringColumn, values: string[]): SQL {
  if (values.length === 0) return sql`false`;
  const fixed = FIXED[col];
  if (fixed) return sql`${columnSql[col]} in ${literalList(values, fixed)}`;
  return sql`lower(${columnSql[col]}) in ${params(values)}`;
}

function uuidList(ids: string[]): SQL {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

function numericOp(op: string): SQL {
  if (!["<", "<=", ">", ">=", "="].includes(op)) throw new Error(`query compiler: bad operator ${op}`);
  return sql.raw(op);
}

/** The tsquery for one text match; words are parameters, prefixes reduced to letters and digits. */
export function tsquery(match: TextMatch, language: string): SQL {
  const cfg = sql`${language}::regconfig`;
  const text = match.words.join(" ");
  if (match.phrase) return sql`phraseto_tsquery(${cfg}, ${text})`;
  if (match.prefix) {
    const clean = text.replace(/[^\p{L}\p{N}]+/gu, "");
    if (clean) return sql`to_tsquery(${cfg}, ${`${clean}:*`})`;
  }
  return sql`plainto_tsquery(${cfg}, ${text})`;
}

/** Ids of the workspace's tickets whose subject, description or a visible timeline entry matches. */
export function textHits(match: TextMatch, ctx: SqlContext): SQL {
  const q = tsquery(match, ctx.searchLanguage);
  const kinds = ctx.includeNotes ? sql.raw(`('message','note')`) : sql.raw(`('message')`);
  return sql`(select ft.id from ${tickets} ft where ft.workspace_id = ${ctx.workspaceId} and ft.search @@ ${q}
    union select fe.ticket_id from ${timelineEntries} fe
      where fe.workspace_id = ${ctx.workspaceId} and fe.search @@ ${q} and fe.kind in ${kinds})`;
}

function dateRange(col: DateColumn, from: Date | null, to: Date | null): SQL {
  const parts: SQL[] = [sql`${columnSql[col]} is not null`];
  if (from) parts.push(sql`${columnSql[col]} >= ${from.toISOString()}::timestamptz`);
  if (to) parts.push(sql`${columnSql[col]} < ${to.toISOString()}::timestamptz`);
  return sql`(${sql.join(parts, sql` and `)})`;
}

const cfText = (
  key: string,
) => sql`(case when jsonb_typeof(${tickets.customFields} -> ${key}) in ('string','number','boolean')
  then ${tickets.customFields} ->> ${key} end)`;

const NULLABLE = new Set(["category", "assigneeId", "teamId", "companyId", "requesterId"]);

/** Whether the compiled SQL may evaluate to NULL (a nullable column compared with a value). */
function canBeNull(x: Predicate): boolean {
  switch (x.p) {
    case "and":
      return x.all.some(canBeNull);
    case "or":
      return x.any.some(canBeNull);
    case "not":
      return false;
    case "in":
    case "id-in":
      return NULLABLE.has(x.column);
    case "cf-in":
    case "cf-num":
    case "cf-bool":
      return true;
    default:
      return false;
  }
}

export function compilePredicate(x: Predicate, ctx: SqlContext): SQL {
  switch (x.p) {
    case "true":
      return sql`true`;
    case "false":
      return sql`false`;
    case "and":
      return sql`(${sql.join(
        x.all.map((y) => compilePredicate(y, ctx)),
        sql` and `,
      )})`;
    case "or": {
      // `priority: >= high` binds to priority = 1 or priority = 2: one `in` lets an index take both.
      const nums = x.any.filter((y) => y.p === "num" && y.op === "=");
      const column = nums[0]?.p === "num" ? nums[0].column : undefined;
      const values = nums.map((y) => (y.p === "num" ? y.value : Number.NaN));
      const same = nums.every((y) => y.p === "num" && y.column === column);
      if (column && nums.length === x.any.length && same && values.every(Number.isSafeInteger)) {
        return sql`${columnSql[column]} in ${sql.raw(`(${values.join(",")})`)}`;
      }
      return sql`(${sql.join(
        x.any.map((y) => compilePredicate(y, ctx)),
        sql` or `,
      )})`;
    }
    case "not":
      // A comparison with a missing value is "unknown" in SQL; here it is false, so `not` is everything
      // else. Only predicates that can be unknown get the coalesce (it hides the column from the planner).
      return canBeNull(x.x)
        ? sql`not coalesce(${compilePredicate(x.x, ctx)}, false)`
        : sql`not ${compilePredicate(x.x, ctx)}`;
    case "in":
      return stringIn(x.column, x.values);
    case "id-in":
      return sql`${columnSql[x.column as IdColumn]} in ${uuidList(x.ids)}`;
    case "missing":
      return sql`${columnSql[x.column]} is null`;
    case "num":
      return sql`${columnSql[x.column]} ${numericOp(x.op)} ${x.value}`;
    case "date":
      return dateRange(x.column, x.from, x.to);
    case "tags-any":
      return sql`${tickets.tags} && array[${sql.join(
        x.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`;
    case "tags-none":
      return sql`cardinality(${tickets.tags}) = 0`;
    case "subject-contains":
      return sql`strpos(lower(${tickets.subject}), ${x.text}) > 0`;
    case "text":
      // Terms that are only stop words were dropped while preparing (`dropEmptyTexts`).
      return sql`${tickets.id} in ${textHits(x.match, ctx)}`;
    case "cf-in":
      return sql`lower(${cfText(x.key)}) in ${params(x.values)}`;
    case "cf-num":
      return sql`(case when jsonb_typeof(${tickets.customFields} -> ${x.key}) = 'number'
        then (${tickets.customFields} ->> ${x.key})::numeric end) ${numericOp(x.op)} ${x.value}`;
    case "cf-day": {
      const day = sql`(case when jsonb_typeof(${tickets.customFields} -> ${x.key}) = 'string'
        then left(${tickets.customFields} ->> ${x.key}, 10) end) collate "C"`;
      const parts: SQL[] = [sql`${day} is not null`];
      if (x.from) parts.push(sql`${day} >= ${x.from}`);
      if (x.to) parts.push(sql`${day} < ${x.to}`);
      return sql`(${sql.join(parts, sql` and `)})`;
    }
    case "cf-bool":
      return sql`${tickets.customFields} -> ${x.key} = ${x.value ? "true" : "false"}::jsonb`;
    case "cf-missing":
      return sql`${cfText(x.key)} is null`;
  }
}
