/**
 * Column headers sort by rewriting the query's own `sort by:` clause, so the
 * order is part of the text in the bar and in the link, exactly as typed.
 * Only the lexer is used: a query with mistakes elsewhere can still be re-sorted.
 */
import { lookupSortField } from "../../../common/query/catalogue.js";
import type { SortField } from "../../../common/query/fields.js";
import { lex, type Token } from "../../../common/query/lexer.js";

export interface SortStep {
  field: SortField;
  direction: "asc" | "desc";
}

/** The server's order when a query does not say: most important first, then oldest. */
export const DEFAULT_SORT: SortStep[] = [
  { field: "priority", direction: "desc" },
  { field: "created", direction: "asc" },
];

const isWord = (t: Token | undefined, ...words: string[]) =>
  t !== undefined && t.kind === "word" && words.includes(t.text.toLowerCase());

interface Clause {
  start: number;
  end: number;
  steps: SortStep[];
}

/** The top-level `sort by:` / `order by:` / `sort:` clause, with where it stands in the text. */
function findClause(q: string): Clause | undefined {
  const tokens = lex(q).tokens;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) break;
    if (t.kind === "lparen") depth++;
    if (t.kind === "rparen") depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    const next = tokens[i + 1];
    let j: number;
    if (t.kind === "field" && !t.quoted && t.text.toLowerCase() === "sort") j = i + 1;
    else if (isWord(t, "sort", "order") && next?.kind === "field" && !next.quoted && next.text.toLowerCase() === "by")
      j = i + 2;
    else continue;
    const steps: SortStep[] = [];
    let end = tokens[j - 1]?.span.end ?? t.span.end;
    for (;;) {
      const key = tokens[j];
      if (!key || (key.kind !== "word" && key.kind !== "string") || isWord(key, "and", "or", "not")) break;
      j++;
      end = key.span.end;
      const dirToken = tokens[j];
      const written = isWord(dirToken, "asc", "desc", "ascending", "descending") ? dirToken?.text.toLowerCase() : "";
      if (written && dirToken) {
        j++;
        end = dirToken.span.end;
      }
      const field = lookupSortField(key.text);
      if (field) {
        const fallback = field === "relevance" ? "desc" : "asc";
        steps.push({ field, direction: written ? (written.startsWith("asc") ? "asc" : "desc") : fallback });
      }
      if (tokens[j]?.kind !== "comma") break;
      j++;
    }
    return { start: t.span.start, end, steps };
  }
  return undefined;
}

/** The order a query asks for (empty: the server's default). */
export function sortOf(q: string): SortStep[] {
  return findClause(q)?.steps ?? [];
}

/** The query with its sort clause replaced by `sort by: <field> <direction>`. */
export function withSort(q: string, step: SortStep): string {
  const clause = findClause(q);
  const parts = clause ? [q.slice(0, clause.start).trimEnd(), q.slice(clause.end).trimStart()] : [q.trim()];
  const base = parts.filter((p) => p !== "").join(" ");
  const sort = `sort by: ${step.field} ${step.direction}`;
  return base ? `${base} ${sort}` : sort;
}

/**
 * What a click on a column header asks for: the first click sorts the way a
 * person usually wants that column (newest, most important first), the next
 * click flips it.
 */
export function nextSort(q: string, field: SortField): SortStep {
  const current = sortOf(q)[0] ?? DEFAULT_SORT[0];
  if (current && current.field === field) return { field, direction: current.direction === "asc" ? "desc" : "asc" };
  const firstDesc: SortField[] = ["priority", "updated", "created", "number"];
  return { field, direction: firstDesc.includes(field) ? "desc" : "asc" };
}
