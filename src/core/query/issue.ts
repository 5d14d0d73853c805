import type { QueryIssue, Span } from "../../../common/query/ast.js";
import { createIssue, didYouMean } from "../../../common/query/issues.js";

/** A binding problem, positioned like a parse error: `no agent "bob" at 1:11 — did you mean "Bob Stone"?` */
export function issueAt(source: string, span: Span, message: string, suggestion?: string): QueryIssue {
  return createIssue(source, span, (at, s) => `${message} at ${at}${didYouMean(s)}`, suggestion);
}
