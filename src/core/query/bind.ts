/**
 * Binding: a parsed query becomes a `Predicate` both back ends evaluate.
 * Pure: names were resolved beforehand (`RefTable`), time and actor come in
 * `BindEnv`. Problems come back as positioned issues, like parse errors.
 */
import { LEVELS } from "../../../common/enums.js";
import type { Operand, Query, QueryIssue, QueryNode, Span, TermNode } from "../../../common/query/ast.js";
import type { Actor } from "../kernel/index.js";
import { dateBounds, dayBounds } from "./bind-dates.js";
import {
  ACTIVE,
  and,
  type DateColumn,
  foldCase,
  type IdColumn,
  type NumberColumn,
  type NumericOp,
  not,
  or,
  type Predicate,
  type StringColumn,
} from "./bound.js";
import { issueAt } from "./issue.js";

export type RefField = "assignee" | "team" | "company" | "requester";

/**
 * Resolved names: for each ref field, lower-cased written value → matching ids (empty: nothing
 * matched); for `tier`, the case-folded tier → ids of the companies that have it, and `ANY_TIER`
 * → ids of every company with a tier (for `tier: none` and `has: tier`).
 */
export type RefTable = Map<RefField | "tier", Map<string, string[]>>;

/** The `tier` entry listing every company with some tier (a written value is never empty). */
export const ANY_TIER = "";

export interface BindEnv {
  now: Date;
  timeZone: string;
  actor: Actor;
  source: string;
  refs: RefTable;
  /** Custom field types by key (`cf.<key>` fields). */
  customFieldTypes: Map<string, "text" | "number" | "date" | "boolean" | "select">;
}

/** Fields a customer may use in the portal (internal routing data stays internal). */
const CUSTOMER_FIELDS = new Set([
  "status",
  "priority",
  "urgency",
  "importance",
  "category",
  "type",
  "channel",
  "created",
  "updated",
  "resolved",
  "closed",
  "number",
  "subject",
  "requester",
  "has",
  "is",
]);

const STRING_COLUMNS: Record<string, StringColumn> = {
  status: "status",
  urgency: "urgency",
  importance: "importance",
  channel: "channel",
  category: "category",
  type: "type",
};
const ID_COLUMNS: Record<RefField, IdColumn> = {
  assignee: "assigneeId",
  team: "teamId",
  company: "companyId",
  requester: "requesterId",
};
const DATE_COLUMNS: Record<string, DateColumn> = {
  created: "createdAt",
  updated: "updatedAt",
  resolved: "resolvedAt",
  closed: "closedAt",
  due: "slaDueAt",
};
const NUMBER_COLUMNS: Record<string, NumberColumn> = { number: "number", escalation: "escalationLevel" };

class BindError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** Ordered levels a comparison selects: `>= high` → critical, high. */
function levelsFor(op: Operand, cmp: TermNode["op"]): string[] {
  const rank = (v: Operand) => (v.type === "enum" ? LEVELS.indexOf(v.value as (typeof LEVELS)[number]) : -1);
  if (op.type === "range") {
    const [a, b] = [rank(op.from), rank(op.to)].sort((x, y) => x - y) as [number, number];
    return LEVELS.filter((_, i) => i >= a && i <= b);
  }
  const r = rank(op);
  // Index 0 is critical: "greater" means more important, i.e. a smaller index.
  const keep: Record<TermNode["op"], (i: number) => boolean> = {
    "=": (i) => i === r,
    ">": (i) => i < r,
    ">=": (i) => i <= r,
    "<": (i) => i > r,
    "<=": (i) => i >= r,
  };
  return LEVELS.filter((_, i) => keep[cmp](i));
}

function numberPredicate(column: NumberColumn, term: TermNode, v: Operand): Predicate {
  if (v.type === "range" && v.from.type === "number" && v.to.type === "number") {
    return and({ p: "num", column, op: ">=", value: v.from.value }, { p: "num", column, op: "<=", value: v.to.value });
  }
  if (v.type !== "number") throw new BindError(`expected a number for ${term.field}`, v.span);
  return { p: "num", column, op: term.op as NumericOp, value: v.value };
}

function refPredicate(field: RefField, v: Operand, env: BindEnv): Predicate {
  const column = ID_COLUMNS[field];
  if (v.type === "none") return { p: "missing", column };
  if (v.type === "me") {
    const a = env.actor;
    // System actors (rules, the CLI without a user) have no "me".
    const mine = (field === "assignee" && a.type === "agent") || (field === "requester" && a.type === "customer");
    if (a.type === "system" || !mine) {
      throw new BindError(
        field === "assignee"
          ? "`me` as assignee needs a signed-in agent (on the command line: --as <agent email>)"
          : "`me` as requester needs a signed-in customer",
        v.span,
      );
    }
    return { p: "id-in", column, ids: [a.id] };
  }
  if (v.type !== "ref") throw new BindError(`expected a name, email or id for ${field}`, v.span);
  const ids = env.refs.get(field)?.get(v.value.toLowerCase()) ?? [];
  return ids.length === 0 ? { p: "false" } : { p: "id-in", column, ids };
}

/** `tier:` is the set of companies with that tier, resolved beforehand: a company id set predicate. */
function tierPredicate(key: string, env: BindEnv): Predicate {
  const ids = env.refs.get("tier")?.get(key) ?? [];
  return ids.length === 0 ? { p: "false" } : { p: "id-in", column: "companyId", ids };
}

function flagPredicate(field: "has" | "is", value: string, span: Span, env: BindEnv): Predicate {
  const active: Predicate = { p: "in", column: "status", values: [...ACTIVE] };
  if (field === "has") {
    switch (value) {
      case "tier":
        return tierPredicate(ANY_TIER, env);
      case "attachment":
        return { p: "num", column: "attachmentCount", op: ">", value: 0 };
      case "tags":
        return not({ p: "tags-none" });
      case "category":
        return not({ p: "missing", column: "category" });
      default:
        return not({ p: "missing", column: ID_COLUMNS[value as RefField] ?? "assigneeId" });
    }
  }
  switch (value) {
    case "active":
      return active;
    case "breached":
    case "overdue":
      return and(active, { p: "date", column: "slaDueAt", from: null, to: env.now });
    case "unassigned":
      return { p: "missing", column: "assigneeId" };
    case "mine":
      return refPredicate(env.actor.type === "customer" ? "requester" : "assignee", { type: "me", span }, env);
    case "escalated":
      return { p: "num", column: "escalationLevel", op: ">", value: 0 };
    case "resolved":
      return { p: "in", column: "status", values: ["resolved"] };
    default:
      return { p: "in", column: "status", values: ["closed"] };
  }
}

function customPredicate(term: TermNode, v: Operand, env: BindEnv): Predicate {
  const key = term.field.slice(3);
  const type = env.customFieldTypes.get(key) ?? "text";
  if (v.type === "none") return { p: "cf-missing", key };
  if (type === "number") {
    if (v.type === "range" && v.from.type === "number" && v.to.type === "number") {
      return and(
        { p: "cf-num", key, op: ">=", value: v.from.value },
        { p: "cf-num", key, op: "<=", value: v.to.value },
      );
    }
    if (v.type !== "number") throw new BindError(`expected a number for ${term.field}`, v.span);
    return { p: "cf-num", key, op: term.op as NumericOp, value: v.value };
  }
  if (type === "date") {
    const b = dateBounds(term.op, v, env);
    if (!b) throw new BindError(`expected a date for ${term.field}`, v.span);
    return { p: "cf-day", key, ...dayBounds(b, env) };
  }
  if (type === "boolean") {
    if (v.type !== "boolean") throw new BindError(`expected yes or no for ${term.field}`, v.span);
    return { p: "cf-bool", key, value: v.value };
  }
  if (v.type !== "text" && v.type !== "enum") throw new BindError(`expected text for ${term.field}`, v.span);
  return { p: "cf-in", key, values: [foldCase(v.value)] };
}

function valuePredicate(term: TermNode, v: Operand, env: BindEnv): Predicate {
  const field = term.field;
  if (field.startsWith("cf.")) return customPredicate(term, v, env);
  if (field === "status") {
    const value = v.type === "enum" ? v.value : "";
    return { p: "in", column: "status", values: value === "active" ? [...ACTIVE] : [value] };
  }
  if (field === "priority") {
    // Stored as 1 (critical) … 4 (low).
    const nums = levelsFor(v, term.op).map((l) => LEVELS.indexOf(l as (typeof LEVELS)[number]) + 1);
    return or(...nums.map((value): Predicate => ({ p: "num", column: "priority", op: "=", value })));
  }
  if (field === "urgency" || field === "importance") return { p: "in", column: field, values: levelsFor(v, term.op) };
  if (field === "channel") return { p: "in", column: "channel", values: [v.type === "enum" ? v.value : ""] };
  if (field === "category" || field === "type") {
    if (v.type === "none") return { p: "missing", column: "category" };
    return { p: "in", column: STRING_COLUMNS[field] as StringColumn, values: [textOf(v)] };
  }
  if (field === "tag") return v.type === "none" ? { p: "tags-none" } : { p: "tags-any", tags: [textOf(v)] };
  if (field === "subject") return { p: "subject-contains", text: textOf(v) };
  if (field === "tier") return v.type === "none" ? not(tierPredicate(ANY_TIER, env)) : tierPredicate(textOf(v), env);
  if (field in ID_COLUMNS) return refPredicate(field as RefField, v, env);
  if (field in DATE_COLUMNS) {
    const column = DATE_COLUMNS[field] as DateColumn;
    if (v.type === "none") return { p: "missing", column };
    const b = dateBounds(term.op, v, env);
    if (!b) throw new BindError(`"${env.source.slice(v.span.start, v.span.end)}" is not a date`, v.span);
    return { p: "date", column, ...b };
  }
  if (field === "sla") return slaPredicate(term, v, env);
  if (field in NUMBER_COLUMNS) return numberPredicate(NUMBER_COLUMNS[field] as NumberColumn, term, v);
  if (field === "has" || field === "is") return flagPredicate(field, v.type === "enum" ? v.value : "", v.span, env);
  throw new BindError(`field "${field}" cannot be searched here`, term.fieldSpan);
}

function textOf(v: Operand): string {
  return v.type === "text" || v.type === "enum" || v.type === "ref" ? foldCase(v.value) : "";
}

/** `sla: < 2h`: active tickets whose SLA falls due within 2 hours from now (or already has). */
function slaPredicate(term: TermNode, v: Operand, env: BindEnv): Predicate {
  const active: Predicate = { p: "in", column: "status", values: [...ACTIVE] };
  const at = (ms: number) => new Date(env.now.getTime() + ms);
  if (v.type === "range" && v.from.type === "duration" && v.to.type === "duration") {
    return and(active, { p: "date", column: "slaDueAt", from: at(v.from.ms), to: at(v.to.ms) });
  }
  if (v.type !== "duration") throw new BindError("expected a duration such as 2h or 30m", v.span);
  const t = at(v.ms);
  const bounds: Record<TermNode["op"], { from: Date | null; to: Date | null }> = {
    "<": { from: null, to: t },
    "<=": { from: null, to: new Date(t.getTime() + 1) },
    ">": { from: new Date(t.getTime() + 1), to: null },
    ">=": { from: t, to: null },
    "=": { from: t, to: new Date(t.getTime() + 60_000) },
  };
  return and(active, { p: "date", column: "slaDueAt", ...bounds[term.op] });
}

/** `has:` / `is:` values that do not reveal routing or SLA internals to a customer. */
const CUSTOMER_FLAGS = new Set(["attachment", "category", "requester", "active", "resolved", "closed", "mine"]);

function bindTerm(term: TermNode, env: BindEnv): Predicate {
  if (env.actor.type === "customer") {
    if (!term.field.startsWith("cf.") && !CUSTOMER_FIELDS.has(term.field)) {
      throw new BindError(`field "${term.field}" is not available in the customer portal`, term.fieldSpan);
    }
    const flag = term.values.find(
      (v) => (term.field === "has" || term.field === "is") && v.type === "enum" && !CUSTOMER_FLAGS.has(v.value),
    );
    if (flag && flag.type === "enum") {
      throw new BindError(`"${term.field}: ${flag.value}" is not available in the customer portal`, flag.span);
    }
  }
  return or(...term.values.map((v) => valuePredicate(term, v, env)));
}

function bindNode(node: QueryNode, env: BindEnv): Predicate {
  switch (node.kind) {
    case "term":
      return bindTerm(node, env);
    case "text": {
      const words = foldCase(node.text).split(/\s+/).filter(Boolean);
      return words.length === 0
        ? { p: "true" }
        : { p: "text", match: { words, phrase: node.phrase, prefix: node.prefix } };
    }
    case "not":
      return not(bindNode(node.operand, env));
    case "and":
      return and(...node.operands.map((n) => bindNode(n, env)));
    case "or":
      return or(...node.operands.map((n) => bindNode(n, env)));
  }
}

export type BindResult = { ok: true; predicate: Predicate } | { ok: false; issues: QueryIssue[] };

export function bindQuery(query: Query, env: BindEnv): BindResult {
  try {
    return { ok: true, predicate: query.where ? bindNode(query.where, env) : { p: "true" } };
  } catch (err) {
    if (err instanceof BindError) return { ok: false, issues: [issueAt(env.source, err.span, err.message)] };
    throw err;
  }
}
