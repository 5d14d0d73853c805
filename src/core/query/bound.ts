/**
 * A query after binding: names resolved to ids, dates to instants, `me` to
 * the actor. Only these primitive predicates exist, and both back ends (SQL
 * compiler and in-memory matcher) implement every one of them with the same
 * two-valued logic (a missing value never matches a comparison, so `not`
 * means exactly "everything else").
 */

/** Ticket columns holding one of a fixed or free set of strings (compared lower-case for free sets). */
export type StringColumn = "status" | "urgency" | "importance" | "channel" | "category" | "type";
/** Ticket columns holding ids. */
export type IdColumn = "assigneeId" | "teamId" | "companyId" | "requesterId";
export type NumberColumn = "priority" | "number" | "escalationLevel" | "attachmentCount";
export type DateColumn = "createdAt" | "updatedAt" | "resolvedAt" | "closedAt" | "slaDueAt";

export type NumericOp = "<" | "<=" | ">" | ">=" | "=";

export type TextMatch = { words: string[]; phrase: boolean; prefix: boolean };

export type Predicate =
  | { p: "true" }
  | { p: "false" }
  | { p: "and"; all: Predicate[] }
  | { p: "or"; any: Predicate[] }
  | { p: "not"; x: Predicate }
  /** Column value is one of `values` (lower-case compare for category/type). */
  | { p: "in"; column: StringColumn; values: string[] }
  | { p: "id-in"; column: IdColumn; ids: string[] }
  /** The column has no value. */
  | { p: "missing"; column: IdColumn | "category" | DateColumn }
  | { p: "num"; column: NumberColumn; op: NumericOp; value: number }
  /** Non-null date column within `[from, to)`; either end may be open. */
  | { p: "date"; column: DateColumn; from: Date | null; to: Date | null }
  /** Any of these tags (lower-case). */
  | { p: "tags-any"; tags: string[] }
  | { p: "tags-none" }
  /** Subject contains the text, case-insensitively. */
  | { p: "subject-contains"; text: string }
  /** Full-text match of subject, description and visible timeline entries. */
  | { p: "text"; match: TextMatch }
  /** A custom field's value (strings compared lower-case; numbers numerically; dates as YYYY-MM-DD text). */
  | { p: "cf-in"; key: string; values: string[] }
  | { p: "cf-num"; key: string; op: NumericOp; value: number }
  | { p: "cf-day"; key: string; from: string | null; to: string | null }
  | { p: "cf-bool"; key: string; value: boolean }
  | { p: "cf-missing"; key: string };

/** Active statuses: every status in which a ticket still needs work. */
export const ACTIVE = ["open", "in_progress", "on_hold", "review", "pending_customer"] as const;

export function and(...all: Predicate[]): Predicate {
  const flat = all.flatMap((x) => (x.p === "and" ? x.all : [x])).filter((x) => x.p !== "true");
  if (flat.some((x) => x.p === "false")) return { p: "false" };
  if (flat.length === 0) return { p: "true" };
  return flat.length === 1 ? (flat[0] as Predicate) : { p: "and", all: flat };
}

export function or(...any: Predicate[]): Predicate {
  const flat = any.flatMap((x) => (x.p === "or" ? x.any : [x])).filter((x) => x.p !== "false");
  if (flat.some((x) => x.p === "true")) return { p: "true" };
  if (flat.length === 0) return { p: "false" };
  return flat.length === 1 ? (flat[0] as Predicate) : { p: "or", any: flat };
}

export function not(x: Predicate): Predicate {
  if (x.p === "true") return { p: "false" };
  if (x.p === "false") return { p: "true" };
  if (x.p === "not") return x.x;
  return { p: "not", x };
}

/** Does the predicate (outside any `not`) require a full-text match? Used to default to relevance order. */
export function hasPositiveText(x: Predicate): boolean {
  if (x.p === "text") return true;
  if (x.p === "and") return x.all.some(hasPositiveText);
  if (x.p === "or") return x.any.some(hasPositiveText);
  return false;
}

/** Every text match that contributes to ranking and highlighting (outside `not`). */
export function positiveTexts(x: Predicate): TextMatch[] {
  if (x.p === "text") return [x.match];
  if (x.p === "and") return x.all.flatMap(positiveTexts);
  if (x.p === "or") return x.any.flatMap(positiveTexts);
  return [];
}

/** Lower case as PostgreSQL's lower() and text search do it: character by character (no final sigma, İ → i). */
export function foldCase(s: string): string {
  return Array.from(s, (c) => (c === "\u0130" ? "i" : c.toLowerCase())).join("");
}
