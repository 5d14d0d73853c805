/**
 * The parser's position in the token list and the issues found so far,
 * shared by the grammar (parser.ts) and the term reader (terms.ts).
 */
import type { QueryIssue, QueryNode, Span } from "./ast.js";
import { createIssue } from "./issues.js";
import { lex, type Token } from "./lexer.js";

/** Enough to fix a query; more would only be noise (and cost). */
export const MAX_ISSUES = 20;

/** A parsed piece and the source it covers (parentheses included, unlike the node's span). */
export interface Item {
  node: QueryNode;
  extent: Span;
}

export const cover = (a: Span, b: Span): Span => ({ start: a.start, end: b.end });

export class TokenCursor {
  readonly issues: QueryIssue[] = [];
  /** Every issue found, including those beyond MAX_ISSUES, so a piece can tell whether it failed. */
  errors = 0;
  /** Set when parsing gave up (nesting too deep): nothing more is reported or read. */
  aborted = false;
  private pos = 0;
  private readonly tokens: Token[];
  private readonly eof: Token;

  constructor(readonly source: string) {
    const lexed = lex(source);
    this.tokens = lexed.tokens;
    this.eof = lexed.tokens.at(-1) ?? { kind: "eof", text: "", span: { start: 0, end: 0 }, spaceBefore: true };
    for (const issue of lexed.issues) this.push(issue);
  }

  private push(issue: QueryIssue): void {
    this.errors++;
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
  }

  /** Record an issue; `suggestion` may be a function so nothing is computed once the list is full. */
  report(
    span: Span,
    message: (at: string, suggestion: string | undefined) => string,
    suggestion?: string | (() => string | undefined),
  ): void {
    if (this.aborted) return;
    if (this.issues.length >= MAX_ISSUES) {
      this.errors++;
      return;
    }
    const suggested = typeof suggestion === "function" ? suggestion() : suggestion;
    this.push(createIssue(this.source, span, message, suggested));
  }

  /** Stop: report nothing more and read no further. */
  abort(): void {
    this.aborted = true;
    this.pos = this.tokens.length - 1;
  }

  peek(ahead = 0): Token {
    return this.tokens[this.pos + ahead] ?? this.eof;
  }

  next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  /** Tokens consumed so far (to tell whether a step read anything). */
  get consumed(): number {
    return this.pos;
  }

  isWord(token: Token, ...words: string[]): boolean {
    return token.kind === "word" && words.includes(token.text.toLowerCase());
  }

  /** How many tokens `sort by:`, `order by:` or `sort:` starting here take, or 0. */
  sortStart(): number {
    const t = this.peek();
    if (t.kind === "field" && !t.quoted && t.text.toLowerCase() === "sort") return 1;
    const by = this.peek(1);
    const isBy = by.kind === "field" && !by.quoted && by.spaceBefore && by.text.toLowerCase() === "by";
    return this.isWord(t, "sort", "order") && isBy ? 2 : 0;
  }

  text(span: Span): string {
    return this.source.slice(span.start, span.end);
  }
}
