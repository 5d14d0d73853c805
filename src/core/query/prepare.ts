/**
 * From query text to something both back ends run: parse (with the
 * workspace's custom fields), resolve names, bind (time zone, actor, now).
 * Every problem becomes one `query.invalid` error listing positioned issues.
 */
import { sql } from "drizzle-orm";
import type { QueryIssue } from "../../../common/query/ast.js";
import type { CustomFieldSpec } from "../../../common/query/fields.js";
import { parseQuery } from "../../../common/query/parser.js";
import type { Db, Tx } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";
import { type Ctx, DomainError, isTimeZone } from "../kernel/index.js";
import { bindQuery } from "./bind.js";
import { and, hasPositiveText, not, or, type Predicate, type TextMatch } from "./bound.js";
import { type SqlContext, tsquery } from "./compile-sql.js";
import { resolveRefs } from "./resolve-refs.js";
import { type SortStep, sortSteps } from "./sort.js";

export interface QuerySettings {
  searchLanguage: string;
  timeZone: string;
  ticketPrefix: string;
  customFields: CustomFieldSpec[];
}

/** The workspace settings a query depends on, in one round trip. */
export async function querySettings(db: Db | Tx, workspaceId: string): Promise<QuerySettings> {
  const [row] = await queryRows<{
    search_language: string;
    tz: string | null;
    ticket_prefix: string;
    cfs: CustomFieldSpec[] | string;
  }>(
    db,
    sql`select w.search_language, w.settings ->> 'timeZone' as tz, w.ticket_prefix,
      coalesce((select json_agg(json_build_object('key', c.key, 'label', c.label, 'type', c.type, 'options', c.options))
        from custom_field_definitions c where c.workspace_id = w.id), '[]'::json) as cfs
      from workspaces w where w.id = ${workspaceId}`,
  );
  if (!row) throw new DomainError("not_found", "workspace.not_found", `No workspace with id ${workspaceId}.`);
  const tz = row.tz && isTimeZone(row.tz) ? row.tz : "UTC";
  const cfs = typeof row.cfs === "string" ? (JSON.parse(row.cfs) as CustomFieldSpec[]) : row.cfs;
  return { searchLanguage: row.search_language, timeZone: tz, ticketPrefix: row.ticket_prefix, customFields: cfs };
}

export interface PreparedQuery {
  source: string;
  predicate: Predicate;
  steps: SortStep[];
  sql: SqlContext;
  settings: QuerySettings;
}

export function invalidQuery(issues: QueryIssue[], source: string): DomainError {
  const first = issues[0]?.message ?? "the query is not valid";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new DomainError("validation", "query.invalid", `${first}${more}`, "q", { issues, source });
}

function textsOf(x: Predicate): TextMatch[] {
  if (x.p === "text") return [x.match];
  if (x.p === "and") return x.all.flatMap(textsOf);
  if (x.p === "or") return x.any.flatMap(textsOf);
  if (x.p === "not") return textsOf(x.x);
  return [];
}

function replaceTexts(x: Predicate, keep: (m: TextMatch) => boolean): Predicate {
  switch (x.p) {
    case "text":
      return keep(x.match) ? x : { p: "true" };
    case "and":
      return and(...x.all.map((y) => replaceTexts(y, keep)));
    case "or":
      return or(...x.any.map((y) => replaceTexts(y, keep)));
    case "not":
      return not(replaceTexts(x.x, keep));
    default:
      return x;
  }
}

/**
 * Free-text terms made only of stop words (`the`, `and` in English) match
 * everything, as a search engine would ignore them. Finding out takes one
 * round trip; doing it inside the ticket query would hide the full-text
 * match from the planner behind an OR.
 */
async function dropEmptyTexts(db: Db | Tx, x: Predicate, language: string): Promise<Predicate> {
  const texts = textsOf(x);
  if (texts.length === 0) return x;
  const [row] = await queryRows<{ n: number[] }>(
    db,
    sql`select array[${sql.join(
      texts.map((t) => sql`numnode(${tsquery(t, language)})`),
      sql`, `,
    )}] as n`,
  );
  const empty = new Set(texts.filter((_, i) => (row?.n[i] ?? 1) === 0));
  return empty.size === 0 ? x : replaceTexts(x, (m) => !empty.has(m));
}

/** `settings` may be passed when several queries of one workspace are prepared together (views). */
export async function prepareQuery(ctx: Ctx, source: string, preloaded?: QuerySettings): Promise<PreparedQuery> {
  const settings = preloaded ?? (await querySettings(ctx.db, ctx.workspaceId));
  const parsed = parseQuery(source, { customFields: settings.customFields });
  if (!parsed.ok) throw invalidQuery(parsed.issues, source);
  const env = {
    now: ctx.clock.now(),
    timeZone: settings.timeZone,
    actor: ctx.actor,
    source,
    refs: new Map(),
    customFieldTypes: new Map(settings.customFields.map((c) => [c.key, c.type])),
  };
  const customer = ctx.actor.type === "customer";
  if (customer) {
    const pre = bindQuery(parsed.query, env);
    if (!pre.ok) throw invalidQuery(pre.issues, source);
  }
  const { refs, issues } = await resolveRefs(ctx.db, ctx.workspaceId, source, parsed.query.where, !customer);
  if (issues.length > 0) throw invalidQuery(issues, source);
  const bound = bindQuery(parsed.query, { ...env, refs });
  if (!bound.ok) throw invalidQuery(bound.issues, source);
  const predicate = await dropEmptyTexts(ctx.db, bound.predicate, settings.searchLanguage);
  return {
    source,
    predicate,
    steps: sortSteps(parsed.query.sort, hasPositiveText(predicate)),
    sql: {
      workspaceId: ctx.workspaceId,
      searchLanguage: settings.searchLanguage,
      includeNotes: ctx.actor.type !== "customer",
    },
    settings,
  };
}
