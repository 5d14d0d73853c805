/**
 * The query parser: text → `Query`, or positioned issues. Recursive descent
 * over the lexer's tokens:
 *
 *   query := or                       (`sort by:` may stand among the top-level and-ed parts)
 *   or    := and ("or" and)*
 *   and   := unary (["and"] unary)*   (adjacency means and)
 *   unary := ("not" | "-") unary | "(" or ")" | term | "#" tag | word | "phrase"
 *   term  := name ":" [cmp] value [".." value] ("," value [".." value])*
 *
 * It never throws, reports as many independent issues as it can recover
 * from, and every step consumes a token, so time is linear in the input.
 */
import type { ParseResult, QueryNode, SortKey, TermNode, TextNode } from "./ast.js";
import { type Catalogue, lookupSortField, makeCatalogue } from "./catalogue.js";
import { cover, type Item, TokenCursor } from "./cursor.js";
import type { CustomFieldSpec } from "./fields.js";
import { createIssue } from "./issues.js";
import { parseSortClause, parseTerm } from "./terms.js";
import { parseTicketNumber, TICKET_WORD } from "./values.js";

export interface ParseOptions {
  /** The workspace's custom fields, queried as `cf.<key>` or by key or label. */
  customFields?: readonly CustomFieldSpec[];
}

export const MAX_QUERY_LENGTH = 10_000;
/** Parentheses and negations nested deeper than this are refused (which also keeps recursion shallow). */
export const MAX_DEPTH = 50;

/** Joins items with and/or, flattening nested nodes of the same kind; one item stays bare. */
function combine(kind: "and" | "or", items: readonly Item[]): Item | null {
  const [first] = items;
  const last = items.at(-1);
  if (first === undefined || last === undefined) return null;
  if (items.length === 1) return first;
  const operands = items.flatMap((i) => (i.node.kind === kind ? i.node.operands : [i.node]));
  const span = cover(first.extent, last.extent);
  return { node: { kind, operands, span }, extent: span };
}

class Parser {
  private sort: SortKey[] | undefined;

  constructor(
    readonly c: TokenCursor,
    private readonly fields: Catalogue,
  ) {}

  run(): ParseResult {
    const where = this.parseTop();
    if (this.c.errors > 0) return { ok: false, issues: this.c.issues };
    return { ok: true, query: { where, sort: this.sort ?? [] } };
  }

  /** Whether the next token can begin an operand of and/or/not. */
  private canStartOperand(): boolean {
    const t = this.c.peek();
    if (this.c.sortStart() > 0) return false;
    if (t.kind === "word") return !this.c.isWord(t, "and", "or");
    return ["string", "field", "lparen", "minus", "hash"].includes(t.kind);
  }

  private parseTop(): QueryNode | null {
    const parts: Item[] = [];
    for (;;) {
      const item = this.parseOr(0);
      if (item) parts.push(item);
      const t = this.c.peek();
      if (t.kind === "eof" || this.c.aborted) break;
      this.c.report(t.span, (at) => `unbalanced ")" at ${at} — no "(" opens it`);
      this.c.next();
    }
    return combine("and", parts)?.node ?? null;
  }

  private parseOr(depth: number): Item | null {
    const start = this.c.consumed;
    const items: Item[] = [];
    const first = this.parseAnd(depth);
    if (first) items.push(first);
    let reportedRight = false;
    while (this.c.isWord(this.c.peek(), "or") && !this.c.aborted) {
      const or = this.c.next();
      if (this.c.consumed - 1 === start && !reportedRight) {
        this.c.report(or.span, (at) => `"${or.text}" at ${at} has nothing on its left`);
      }
      reportedRight = false;
      if (!this.canStartOperand()) {
        this.c.report(or.span, (at) => `"${or.text}" at ${at} has nothing on its right`);
        reportedRight = true;
        continue;
      }
      const item = this.parseAnd(depth);
      if (item) items.push(item);
    }
    return combine("or", items);
  }

  private parseAnd(depth: number): Item | null {
    const start = this.c.consumed;
    const items: Item[] = [];
    let reportedRight = false;
    while (!this.c.aborted) {
      const t = this.c.peek();
      if (t.kind === "eof" || t.kind === "rparen" || this.c.isWord(t, "or")) break;
      if (this.c.isWord(t, "and")) {
        this.c.next();
        if (this.c.consumed - 1 === start && !reportedRight) {
          this.c.report(t.span, (at) => `"${t.text}" at ${at} has nothing on its left`);
        }
        reportedRight = !this.canStartOperand();
        if (reportedRight) this.c.report(t.span, (at) => `"${t.text}" at ${at} has nothing on its right`);
        continue;
      }
      reportedRight = false;
      if (this.c.sortStart() > 0) {
        const refuse = depth > 0 ? "nested" : this.sort ? "second" : undefined;
        const keys = parseSortClause(this.c, refuse);
        if (!refuse) this.sort = keys;
        continue;
      }
      const item = this.parseUnary(depth);
      if (item) items.push(item);
    }
    return combine("and", items);
  }

  private parseUnary(depth: number): Item | null {
    const t = this.c.peek();
    const nests = t.kind === "lparen" || t.kind === "minus" || this.c.isWord(t, "not");
    if (nests && depth >= MAX_DEPTH) {
      this.c.report(t.span, (at) => `nesting deeper than ${MAX_DEPTH} at ${at} — simplify the query`);
      this.c.abort();
      return null;
    }
    switch (t.kind) {
      case "lparen":
        return this.parseGroup(depth + 1);
      case "minus":
        return this.parseNegation(depth);
      case "field":
        return parseTerm(this.c, this.fields);
      case "hash":
        return this.parseTag();
      case "string":
        return this.parsePhrase();
      case "word":
        if (this.c.isWord(t, "not")) return this.parseNegation(depth);
        return this.parseWord();
      default: {
        const what = t.kind === "range" ? "a range needs a field, e.g. created: 2026-01-01 .. 2026-02-01" : "";
        const cmp = t.kind === "cmp" ? "a comparison needs a field, e.g. priority: >= high" : "";
        this.c.next();
        this.c.report(t.span, (at) => `unexpected "${t.text}" at ${at}${what || cmp ? ` — ${what || cmp}` : ""}`);
        return null;
      }
    }
  }

  private parseNegation(depth: number): Item | null {
    const op = this.c.next();
    const detached = op.kind === "minus" && this.c.peek().spaceBefore;
    if (detached || !this.canStartOperand()) {
      const hint = op.kind === "minus" ? " — write -word or -field: value with no space" : "";
      this.c.report(op.span, (at) => `nothing to negate after "${op.text}" at ${at}${hint}`);
      return null;
    }
    const inner = this.parseUnary(depth + 1);
    if (!inner) return null;
    const span = cover(op.span, inner.extent);
    return { node: { kind: "not", operand: inner.node, span }, extent: span };
  }

  private parseGroup(depth: number): Item | null {
    const open = this.c.next();
    if (this.c.peek().kind === "rparen") {
      const close = this.c.next();
      this.c.report(cover(open.span, close.span), (at) => `empty parentheses at ${at}`);
      return null;
    }
    const inner = this.parseOr(depth);
    let extent = cover(open.span, inner?.extent ?? open.span);
    if (this.c.peek().kind === "rparen") {
      extent = cover(open.span, this.c.next().span);
    } else {
      this.c.report(open.span, (at) => `unbalanced "(" at ${at} — add ")"`);
    }
    return inner ? { node: inner.node, extent } : null;
  }

  private parseWord(): Item | null {
    const t = this.c.next();
    if (TICKET_WORD.test(t.text)) {
      const value = parseTicketNumber(t.text);
      if (value === undefined) {
        this.c.report(t.span, (at) => `malformed ticket number "${t.text}" at ${at}`);
        return null;
      }
      const span = t.span;
      const term: TermNode = {
        kind: "term",
        field: "number",
        fieldSpan: { start: span.start, end: span.start },
        op: "=",
        values: [{ type: "number", value, span }],
        span,
      };
      return { node: term, extent: span };
    }
    // `sort by priority`: a sort clause missing its colon, not a search for three words.
    const by = this.c.peek();
    if (this.c.isWord(t, "sort", "order") && this.c.isWord(by, "by") && lookupSortField(this.c.peek(1).text)) {
      this.c.report(cover(t.span, by.span), (at) => `"${t.text} by" at ${at} needs a colon: sort by: priority`);
      return null;
    }
    if (t.text.startsWith(":")) {
      this.c.report(t.span, (at) => `":" at ${at} needs a field name right before it, e.g. status: open`);
      return null;
    }
    const prefix = t.text.endsWith("*");
    const text = prefix ? t.text.slice(0, -1) : t.text;
    if (text === "") {
      this.c.report(t.span, (at) => `"*" at ${at} needs a word before it, e.g. print*`);
      return null;
    }
    const node: TextNode = { kind: "text", text, phrase: false, prefix, span: t.span };
    return { node, extent: t.span };
  }

  private parsePhrase(): Item | null {
    const t = this.c.next();
    if (t.text === "") {
      // A lone `"` was already reported as unterminated.
      if (!t.unterminated) this.c.report(t.span, (at) => `empty quotes at ${at}`);
      return null;
    }
    return { node: { kind: "text", text: t.text, phrase: true, prefix: false, span: t.span }, extent: t.span };
  }

  private parseTag(): Item | null {
    const hash = this.c.next();
    const t = this.c.peek();
    if (t.spaceBefore || (t.kind !== "word" && t.kind !== "string") || t.text === "") {
      this.c.report(hash.span, (at) => `"#" at ${at} needs a tag name, e.g. #vip`);
      return null;
    }
    this.c.next();
    const span = cover(hash.span, t.span);
    const term: TermNode = {
      kind: "term",
      field: "tag",
      fieldSpan: { start: hash.span.start, end: hash.span.start },
      op: "=",
      values: [{ type: "text", value: t.text, span: t.span }],
      span,
    };
    return { node: term, extent: span };
  }
}

/** Parse a query. Never throws: every problem comes back as a positioned issue. */
export function parseQuery(source: string, options: ParseOptions = {}): ParseResult {
  if (source.length > MAX_QUERY_LENGTH) {
    const span = { start: MAX_QUERY_LENGTH, end: source.length };
    const message = (at: string) =>
      `the query is ${source.length} characters long; the limit is ${MAX_QUERY_LENGTH} (it goes over at ${at})`;
    return { ok: false, issues: [createIssue(source, span, message)] };
  }
  let cursor: TokenCursor | undefined;
  try {
    cursor = new TokenCursor(source);
    return new Parser(cursor, makeCatalogue(options.customFields)).run();
  } catch (error) {
    const span = cursor?.peek().span ?? { start: 0, end: source.length };
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [createIssue(source, span, (at) => `could not read the query at ${at} (${why})`)] };
  }
}
