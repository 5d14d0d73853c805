/**
 * The query language's syntax tree: one tree for views, automation
 * conditions, SLA targeting, the CLI and full-text search (issue 8).
 *
 * The parser (common, so the web app can underline errors as you type)
 * produces it with every value already checked against the field's type.
 * The server then binds it (names → ids, relative dates → instants) and hands
 * the bound tree to either back end: the SQL compiler or the in-memory matcher.
 */

/** Half-open character offsets into the source text: `source.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

export type Comparator = "=" | "<" | "<=" | ">" | ">=";

/** A date as written: an absolute day or instant, or a phrase relative to now. */
export type DateExpr =
  /** `2026-01-31` (a whole day in the workspace's time zone) or `2026-01-31T10:00` / full ISO instant. */
  | { kind: "absolute"; text: string; dayOnly: boolean }
  /** `today`, `yesterday`, `tomorrow`. */
  | { kind: "day"; offsetDays: number }
  /** `this week|month|year` (offset 0), `last week|month|year` (offset -1), `next week` (+1). */
  | { kind: "period"; unit: "week" | "month" | "year"; offset: number }
  /** `last 7 days`, `-48h`, `-30m`, `-2w`: the span from that long ago until now. */
  | { kind: "ago"; ms: number }
  /** `+2h`, `next 3 days`: from now until that long ahead (due dates). */
  | { kind: "ahead"; ms: number };

/**
 * A value after type checking. Each carries the span it was written at so
 * binding errors ("no agent named …") can point at it.
 */
export type Operand =
  /** A member of a fixed set (status, urgency, importance, priority, channel, has, is). Lower-case. */
  | { type: "enum"; value: string; span: Span }
  /** Free-form text compared case-insensitively (category, type, tag, subject, text custom fields). */
  | { type: "text"; value: string; span: Span }
  /** A person or group by id, email or name (assignee, requester, team, company); resolved when bound. */
  | { type: "ref"; value: string; span: Span }
  /** `me`: the acting agent (assignee) or customer (requester). */
  | { type: "me"; span: Span }
  /** `none` / `unassigned` / `empty`: the field has no value. */
  | { type: "none"; span: Span }
  | { type: "number"; value: number; span: Span }
  | { type: "boolean"; value: boolean; span: Span }
  | { type: "date"; value: DateExpr; span: Span }
  /** A length of time in milliseconds (`2h`, `30m`, `1d`, `1w`; `sla: < 2h`). May be negative (`-1h`). */
  | { type: "duration"; ms: number; span: Span }
  /** `a .. b`, inclusive of a, exclusive of b's end; both sides have the same type. */
  | { type: "range"; from: Operand; to: Operand; span: Span };

/**
 * `field: value` / `field: >= value` / `field: a, b` (any of) / `field: a .. b`.
 * `field` is the canonical field name (aliases and case resolved), e.g.
 * `assigned` → `assignee`, `#vip` → field `tag`. Custom fields are `cf.<key>`.
 * With a comparator other than `=`, `values` has exactly one element.
 */
export interface TermNode {
  kind: "term";
  field: string;
  /** Where the field name was written (empty span at the `#` for `#tag`). */
  fieldSpan: Span;
  op: Comparator;
  values: Operand[];
  span: Span;
}

/**
 * Free text for full-text search: a bare word (`printer`), a prefix
 * (`print*`) or a quoted phrase (`"out of paper"`).
 */
export interface TextNode {
  kind: "text";
  text: string;
  phrase: boolean;
  prefix: boolean;
  span: Span;
}

export interface NotNode {
  kind: "not";
  operand: QueryNode;
  span: Span;
}

export interface AndNode {
  kind: "and";
  /** Two or more. */
  operands: QueryNode[];
  span: Span;
}

export interface OrNode {
  kind: "or";
  /** Two or more. */
  operands: QueryNode[];
  span: Span;
}

export type QueryNode = TermNode | TextNode | NotNode | AndNode | OrNode;

export interface SortKey {
  /** Canonical sortable field name (see `SORT_FIELDS`). */
  field: string;
  direction: "asc" | "desc";
  span: Span;
}

export interface Query {
  /** null when the query has no conditions (empty, or only `sort by:`). */
  where: QueryNode | null;
  /** Empty when the query does not say (the caller's default applies). */
  sort: SortKey[];
}

/** A problem in a query, positioned so an editor can underline it. */
export interface QueryIssue {
  /** One sentence a person can act on, e.g. `unknown field "stauts" — did you mean "status"?` */
  message: string;
  span: Span;
  /** `line:column`, 1-based, of span.start. */
  at: string;
  /** The replacement we would suggest, when there is one (`status`). */
  suggestion?: string;
}

export type ParseResult = { ok: true; query: Query } | { ok: false; issues: QueryIssue[] };
