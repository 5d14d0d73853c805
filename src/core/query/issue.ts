import type { QueryIssue, Span } from "../../../common/query/ast.js";

/** `line:column` (1-based) of an offset in the query text. */
export function position(source: string, offset: number): string {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const lines = before.split("\n");
  return `${lines.length}:${(lines.at(-1)?.length ?? 0) + 1}`;
}

/** A binding problem, positioned like a parse error: `no agent "bob" at 1:11 — did you mean "Bob Stone"?` */
export function issueAt(source: string, span: Span, message: string, suggestion?: string): QueryIssue {
  const at = position(source, span.start);
  const hint = suggestion ? ` — did you mean "${suggestion}"?` : "";
  return { message: `${message} at ${at}${hint}`, span, at, ...(suggestion ? { suggestion } : {}) };
}
