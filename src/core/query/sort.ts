/**
 * `sort by:` → ORDER BY and keyset pagination. Level fields sort by
 * importance (`priority desc` = critical first); nullable dates put tickets
 * without one last; the ticket id breaks ties so pages never overlap.
 * Relevance cannot be a keyset (ranks are floats), so it pages by offset.
 */
import { type SQL, sql } from "drizzle-orm";
import { LEVELS, TICKET_STATUSES } from "../../../common/enums.js";
import type { SortKey } from "../../../common/query/ast.js";
import type { SortField } from "../../../common/query/fields.js";
import { tickets } from "../../db/schema/index.js";
import { badCursor, decodeCursor, encodeCursor, isUuid } from "../kernel/index.js";
import type { TicketRow } from "../tickets/index.js";

export interface SortStep {
  field: SortField;
  direction: "asc" | "desc";
}

type Kind = "number" | "date";
interface KeyDef {
  /** The expression sorted on (a plain column where possible, so indexes serve the order). */
  expr: SQL;
  /** What ORDER BY uses when it differs from `expr` (a bare column an index can serve). */
  orderExpr?: SQL;
  /** The user's "asc" is the expression's descending order (levels: 1 = critical sorts last ascending). */
  flip?: boolean;
  kind: Kind;
  /** The value of `expr` for a row (null → sorts as the expression's null stand-in). */
  value: (row: TicketRow) => number | string | null;
}

const position = (values: readonly string[], col: SQL) =>
  sql`array_position(array[${sql.raw(values.map((v) => `'${v}'`).join(","))}]::text[], ${col})`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const levelPosition = (v: string) => LEVELS.indexOf(v as (typeof LEVELS)[number]) + 1;

/** For level fields, ascending means least important first (low → critical). */
const KEYS: Record<Exclude<SortField, "relevance">, KeyDef> = {
  priority: { expr: sql`${tickets.priority}`, flip: true, kind: "number", value: (r) => r.priority },
  urgency: {
    expr: position(LEVELS, sql`${tickets.urgency}`),
    flip: true,
    kind: "number",
    value: (r) => levelPosition(r.urgency),
  },
  importance: {
    expr: position(LEVELS, sql`${tickets.importance}`),
    flip: true,
    kind: "number",
    value: (r) => levelPosition(r.importance),
  },
  status: {
    expr: position(TICKET_STATUSES, sql`${tickets.status}`),
    kind: "number",
    value: (r) => TICKET_STATUSES.indexOf(r.status as (typeof TICKET_STATUSES)[number]) + 1,
  },
  number: { expr: sql`${tickets.number}`, kind: "number", value: (r) => r.number },
  created: { expr: sql`${tickets.createdAt}`, kind: "date", value: (r) => iso(r.createdAt) },
  updated: { expr: sql`${tickets.updatedAt}`, kind: "date", value: (r) => iso(r.updatedAt) },
  due: { expr: sql`${tickets.slaDueAt}`, kind: "date", value: (r) => iso(r.slaDueAt) },
  resolved: {
    expr: sql`coalesce(${tickets.resolvedAt}, 'infinity'::timestamptz)`,
    // PostgreSQL already orders NULL above every value (last ascending, first descending), exactly
    // like the coalesce above, and the bare column lets the resolved-at index serve the order.
    orderExpr: sql`${tickets.resolvedAt}`,
    kind: "date",
    value: (r) => iso(r.resolvedAt) ?? "infinity",
  },
};

/** The queue's order: most important first, then oldest. */
export const DEFAULT_SORT: SortStep[] = [
  { field: "priority", direction: "desc" },
  { field: "created", direction: "asc" },
];

export function sortSteps(keys: readonly SortKey[], hasText: boolean): SortStep[] {
  if (keys.length > 0) return keys.map((k) => ({ field: k.field as SortField, direction: k.direction }));
  return hasText ? [{ field: "relevance", direction: "desc" }, ...DEFAULT_SORT] : DEFAULT_SORT;
}

export const usesRelevance = (steps: readonly SortStep[]) => steps.some((s) => s.field === "relevance");

function keyed(steps: readonly SortStep[]) {
  return steps.flatMap((s) =>
    s.field === "relevance"
      ? []
      : [{ def: KEYS[s.field], desc: (s.direction === "desc") !== Boolean(KEYS[s.field].flip) }],
  );
}

/** ORDER BY for the steps; `rank` is the relevance expression when one is sorted on. */
export function orderBy(steps: readonly SortStep[], rank?: SQL): SQL {
  const parts: SQL[] = [];
  for (const s of steps) {
    if (s.field === "relevance") {
      if (rank) parts.push(s.direction === "desc" ? sql`${rank} desc` : sql`${rank} asc`);
      continue;
    }
    const [k] = keyed([s]);
    const e = k?.def.orderExpr ?? k?.def.expr;
    if (k && e) parts.push(k.desc ? sql`${e} desc` : sql`${e} asc`);
  }
  parts.push(sql`${tickets.id} asc`);
  return sql.join(parts, sql`, `);
}

const param = (kind: Kind, v: number | string) => (kind === "date" ? sql`${v}::timestamptz` : sql`${v}`);

/** WHERE condition for the rows after the cursor (keyset), or the offset (relevance). */
export function afterCursor(
  steps: readonly SortStep[],
  cursor: string | undefined,
): { where: SQL | undefined; offset: number } {
  if (!cursor) return { where: undefined, offset: 0 };
  if (usesRelevance(steps)) {
    const [tag, offset] = decodeCursor(cursor, 2);
    if (tag !== "o" || typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) throw badCursor();
    return { where: undefined, offset };
  }
  const keys = keyed(steps);
  const values = decodeCursor(cursor, keys.length + 1);
  const id = values.at(-1);
  if (typeof id !== "string" || !isUuid(id)) throw badCursor();
  keys.forEach((k, i) => {
    const v = values[i];
    const ok =
      k.def.kind === "number"
        ? typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** 31
        : typeof v === "string" &&
          (v === "infinity" || (!Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v));
    if (!ok) throw badCursor();
  });
  // (k1 > v1) or (k1 = v1 and k2 > v2) or … or (all equal and id > last id); ">" becomes "<" for desc keys.
  const ors: SQL[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const eqs = keys.slice(0, i).map((k, j) => sql`${k.def.expr} = ${param(k.def.kind, values[j] as never)}`);
    const k = keys[i];
    const last = k
      ? sql`${k.def.expr} ${sql.raw(k.desc ? "<" : ">")} ${param(k.def.kind, values[i] as never)}`
      : sql`${tickets.id} > ${id}::uuid`;
    ors.push(sql`(${sql.join([...eqs, last], sql` and `)})`);
  }
  return { where: sql`(${sql.join(ors, sql` or `)})`, offset: 0 };
}

/** The cursor that continues after `last` (the last row of a full page). */
export function cursorAfter(steps: readonly SortStep[], last: TicketRow, offsetAfterPage: number): string {
  if (usesRelevance(steps)) return encodeCursor(["o", offsetAfterPage]);
  return encodeCursor([...keyed(steps).map((k) => k.def.value(last)), last.id]);
}
