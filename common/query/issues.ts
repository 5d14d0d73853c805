/**
 * Building `QueryIssue`s: positions as `line:column` and "did you mean"
 * suggestions. Pure and isomorphic so the editor can use the same wording.
 */
import type { QueryIssue, Span } from "./ast.js";

/** 1-based line and column of `offset` (UTF-16 code units, like the offsets themselves). */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf("\n"); i !== -1 && i < end; i = source.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** `line:column` of `offset`, e.g. `1:9`. */
export function positionAt(source: string, offset: number): string {
  const { line, column } = lineColumn(source, offset);
  return `${line}:${column}`;
}

/**
 * An issue at `span`. `message` receives the position (and the suggestion)
 * so each message can place them where they read best
 * (`unknown field "x" at 1:1 — did you mean "y"?`).
 */
export function createIssue(
  source: string,
  span: Span,
  message: (at: string, suggestion: string | undefined) => string,
  suggestion?: string,
): QueryIssue {
  const at = positionAt(source, span.start);
  const issue: QueryIssue = { message: message(at, suggestion), span: { start: span.start, end: span.end }, at };
  if (suggestion !== undefined) issue.suggestion = suggestion;
  return issue;
}

/** ` — did you mean "x"?`, or `fallback` (already starting with ` — `) when there is no suggestion. */
export function didYouMean(suggestion: string | undefined, fallback = ""): string {
  return suggestion === undefined ? fallback : ` — did you mean "${suggestion}"?`;
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance (a transposition
 * counts as one edit). Gives up early: returns `max + 1` as soon as the
 * distance is known to exceed `max`, so long inputs cost next to nothing.
 */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? i) + 1, (row[j - 1] ?? i) + 1, (prev[j - 1] ?? i) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prevPrev[j - 2] ?? i) + 1);
      }
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length] ?? max + 1, max + 1);
}

/**
 * The candidate a mistyped word most likely meant: the only candidate it is
 * a prefix of (`prio` → `priority`), else the closest within two edits
 * (one for words of three letters or fewer, where two edits change too much).
 * Ties go to the earlier candidate. Case-insensitive.
 */
export function suggest(written: string, candidates: Iterable<string>): string | undefined {
  const word = written.toLowerCase();
  if (word === "") return undefined;
  const unique = [...new Set(candidates)].filter((c) => c.toLowerCase() !== word);
  const prefixed = unique.filter((c) => c.toLowerCase().startsWith(word));
  if (word.length >= 2 && prefixed.length === 1) return prefixed[0];
  const max = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of unique) {
    const d = editDistance(word, candidate.toLowerCase(), max);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
