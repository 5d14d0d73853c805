/**
 * Names in a query → ids, one query per kind of name used. A person or group
 * is found by id, email (or email domain for companies), name, or the local
 * part of an email address (`assignee: ana` finds ana@example.com). A name
 * that finds nothing is an issue with the closest real name as a suggestion.
 */
import { sql } from "drizzle-orm";
import type { Operand, QueryIssue, QueryNode } from "../../../common/query/ast.js";
import type { Db, Tx } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";
import { isUuid } from "../kernel/index.js";
import { ANY_TIER, type RefField, type RefTable } from "./bind.js";
import { foldCase } from "./bound.js";
import { issueAt } from "./issue.js";

const NOUN: Record<RefField, string> = { assignee: "agent", team: "team", company: "company", requester: "customer" };

/** Every `ref` operand in the tree, by field. */
export function refOperands(node: QueryNode | null, out = new Map<RefField, Operand[]>()): Map<RefField, Operand[]> {
  if (!node) return out;
  switch (node.kind) {
    case "term":
      if (node.field in NOUN) {
        const list = out.get(node.field as RefField) ?? [];
        list.push(...node.values.filter((v) => v.type === "ref"));
        out.set(node.field as RefField, list);
      }
      break;
    case "not":
      refOperands(node.operand, out);
      break;
    case "and":
    case "or":
      for (const n of node.operands) refOperands(n, out);
      break;
    default:
      break;
  }
  return out;
}

/** The tiers a query names (case-folded), and whether it needs every tiered company (`tier: none`, `has: tier`). */
export function tierOperands(
  node: QueryNode | null,
  out = { values: new Set<string>(), any: false },
): { values: Set<string>; any: boolean } {
  if (!node) return out;
  switch (node.kind) {
    case "term":
      if (node.field === "tier") {
        for (const v of node.values) {
          if (v.type === "none") out.any = true;
          else if (v.type === "text") out.values.add(foldCase(v.value));
        }
      } else if (node.field === "has" && node.values.some((v) => v.type === "enum" && v.value === "tier")) {
        out.any = true;
      }
      break;
    case "not":
      tierOperands(node.operand, out);
      break;
    case "and":
    case "or":
      for (const n of node.operands) tierOperands(n, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * The companies with each named tier (and, when needed, with any tier), in one query. A tier no
 * company has is no issue: it matches nothing, like a tag nobody used yet (an SLA policy may
 * name `tier: platinum` before the first platinum customer signs).
 */
async function resolveTiers(db: Db | Tx, workspaceId: string, where: QueryNode | null): Promise<Map<string, string[]>> {
  const { values, any } = tierOperands(where);
  const table = new Map<string, string[]>();
  if (values.size === 0 && !any) return table;
  const named = [...values];
  const rows = await queryRows<{ tier: string; ids: string[] }>(
    db,
    sql`select lower(tier) as tier, array_agg(id::text order by id) as ids from companies
      where workspace_id = ${workspaceId} and tier is not null
        ${any ? sql`` : sql`and lower(tier) = any(${array(named, "text")})`}
      group by lower(tier)`,
  );
  for (const v of named) table.set(v, rows.find((r) => r.tier === v)?.ids ?? []);
  if (any)
    table.set(
      ANY_TIER,
      rows.flatMap((r) => r.ids),
    );
  return table;
}

interface Candidate {
  id: string;
  keys: string[];
}

const array = (values: string[], type: "text" | "uuid") =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::${sql.raw(type)}[]`;

async function candidates(db: Db | Tx, workspaceId: string, field: RefField, values: string[]): Promise<Candidate[]> {
  const ids = values.filter(isUuid);
  const idList = array(ids, "uuid");
  const vals = array(values, "text");
  const query = {
    assignee: sql`select id, array[lower(email), lower(name), split_part(lower(email), '@', 1)] as keys from agents
      where workspace_id = ${workspaceId} and (id = any(${idList}) or lower(email) = any(${vals})
        or lower(name) = any(${vals}) or split_part(lower(email), '@', 1) = any(${vals}))`,
    team: sql`select id, array[lower(name)] as keys from teams
      where workspace_id = ${workspaceId} and (id = any(${idList}) or lower(name) = any(${vals}))`,
    company: sql`select id, array[lower(name), coalesce(lower(domain), '')] as keys from companies
      where workspace_id = ${workspaceId} and (id = any(${idList}) or lower(name) = any(${vals}) or lower(domain) = any(${vals}))`,
    requester: sql`select id, array[lower(email), coalesce(lower(name), '')] as keys from customers
      where workspace_id = ${workspaceId} and (id = any(${idList}) or lower(email) = any(${vals}) or lower(name) = any(${vals}))
      limit 5000`,
  }[field];
  const rows = await queryRows<{ id: string; keys: string[] }>(db, query);
  return rows.map((r) => ({ id: r.id, keys: [r.id, ...r.keys] }));
}

/** The closest existing name to a value nobody has (trigram similarity), for "did you mean". */
async function closest(db: Db | Tx, workspaceId: string, field: RefField, value: string): Promise<string | undefined> {
  const v = value.toLowerCase();
  const query = {
    assignee: sql`select name as label, greatest(similarity(lower(name), ${v}), similarity(lower(email), ${v})) as s
      from agents where workspace_id = ${workspaceId}`,
    team: sql`select name as label, similarity(lower(name), ${v}) as s from teams where workspace_id = ${workspaceId}`,
    company: sql`select name as label, similarity(lower(name), ${v}) as s from companies
      where workspace_id = ${workspaceId} and lower(name) % ${v}`,
    requester: sql`select email as label, greatest(similarity(lower(email), ${v}), similarity(lower(coalesce(name, '')), ${v})) as s
      from customers where workspace_id = ${workspaceId} and (lower(email) % ${v} or lower(name) % ${v})`,
  }[field];
  const rows = await queryRows<{ label: string }>(
    db,
    sql`select label from (${query}) c where s > 0.3 order by s desc limit 1`,
  );
  return rows[0]?.label;
}

/** Resolves every name in the query; names that match nobody come back as issues. */
export async function resolveRefs(
  db: Db | Tx,
  workspaceId: string,
  source: string,
  where: QueryNode | null,
  /** Staff get "no agent …, did you mean …"; customers get neither (names and existence stay private). */
  explain = true,
): Promise<{ refs: RefTable; issues: QueryIssue[] }> {
  const refs: RefTable = new Map();
  const issues: QueryIssue[] = [];
  const tiers = await resolveTiers(db, workspaceId, where);
  if (tiers.size > 0) refs.set("tier", tiers);
  for (const [field, operands] of refOperands(where)) {
    const values = [...new Set(operands.map((o) => (o.type === "ref" ? o.value.toLowerCase() : "")))].filter(Boolean);
    if (values.length === 0) continue;
    const found = await candidates(db, workspaceId, field, values);
    const table = new Map<string, string[]>();
    for (const v of values)
      table.set(
        v,
        found.filter((c) => c.keys.includes(v)).map((c) => c.id),
      );
    refs.set(field, table);
    for (const o of operands) {
      if (!explain || o.type !== "ref" || (table.get(o.value.toLowerCase())?.length ?? 0) > 0) continue;
      const suggestion = await closest(db, workspaceId, field, o.value);
      issues.push(issueAt(source, o.span, `no ${NOUN[field]} "${o.value}"`, suggestion));
    }
  }
  return { refs, issues };
}
