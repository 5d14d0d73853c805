/**
 * The query language's tokens. The lexer never fails: an unterminated quote
 * becomes a string token running to the end plus an issue, and every other
 * character belongs to some token, so the parser decides what is wrong.
 */
import type { QueryIssue, Span } from "./ast.js";
import { createIssue } from "./issues.js";

export type TokenKind =
  /** A bare word: `open`, `TKT-1001`, `2026-01-31T10:00`, `print*`, `last`. */
  | "word"
  /** `"…"` with `\"` and `\\` unescaped; `text` is the content. */
  | "string"
  /** `name:` or `"Quoted name":`; `text` is the name, `span` includes the colon. */
  | "field"
  | "lparen"
  | "rparen"
  | "comma"
  /** `..` (exactly two dots). */
  | "range"
  /** `<`, `<=`, `>`, `>=`, `=` at the start of a word. */
  | "cmp"
  /** `-` at the start of a word: negation, or the sign of a value (`-48h`). */
  | "minus"
  /** `#` at the start of a word (`#vip`). */
  | "hash"
  | "eof";

export interface Token {
  kind: TokenKind;
  text: string;
  span: Span;
  /** Whitespace or the start of the input comes right before it (`-` and `#` bind only to what touches them). */
  spaceBefore: boolean;
  /** field: the span of the name alone, quotes included, colon excluded. */
  nameSpan?: Span;
  /** field: the name was quoted. */
  quoted?: boolean;
  /** string / quoted field: the closing quote is missing. */
  unterminated?: boolean;
}

export interface LexResult {
  /** Always ends with an `eof` token. */
  tokens: Token[];
  issues: QueryIssue[];
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_.-]/;
const SPACE = /\s/;
/** Characters that end a bare word. */
const WORD_BREAK = new Set(["(", ")", ",", '"']);
const SINGLE: Readonly<Record<string, TokenKind>> = {
  "(": "lparen",
  ")": "rparen",
  ",": "comma",
  "-": "minus",
  "#": "hash",
};

const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.test(c);

/** Length of the run of dots starting at `i`. */
function dotRun(source: string, i: number): number {
  let j = i;
  while (source[j] === ".") j++;
  return j - i;
}

/** End of a bare word starting at `i`: whitespace, `(),"` or an exact `..` ends it. */
function wordEnd(source: string, i: number): number {
  let j = i;
  while (j < source.length) {
    const c = source[j];
    if (c === undefined || isSpace(c) || WORD_BREAK.has(c)) break;
    if (c === ".") {
      const run = dotRun(source, j);
      // `1..5` is a range; `wait...` is just a word with an ellipsis.
      if (run === 2 && j > i) break;
      j += run;
      continue;
    }
    j++;
  }
  return j;
}

/** End of an identifier starting at `i` when a `:` follows it directly, else -1. */
function fieldNameEnd(source: string, i: number): number {
  if (!IDENT_START.test(source[i] ?? "")) return -1;
  let j = i + 1;
  while (j < source.length && IDENT_PART.test(source[j] ?? "")) j++;
  return source[j] === ":" ? j : -1;
}

/** A quoted string starting at the `"` at `i`: its content and where it ends. */
function readString(source: string, i: number): { text: string; end: number; closed: boolean } {
  let text = "";
  let j = i + 1;
  let chunk = j;
  while (j < source.length) {
    const c = source[j];
    if (c === "\\" && (source[j + 1] === '"' || source[j + 1] === "\\")) {
      text += source.slice(chunk, j) + source[j + 1];
      j += 2;
      chunk = j;
    } else if (c === '"') {
      return { text: text + source.slice(chunk, j), end: j + 1, closed: true };
    } else {
      j++;
    }
  }
  return { text: text + source.slice(chunk), end: source.length, closed: false };
}

export function lex(source: string): LexResult {
  const tokens: Token[] = [];
  const issues: QueryIssue[] = [];
  let spaceBefore = true;
  let i = 0;
  const push = (token: Omit<Token, "spaceBefore">): void => {
    tokens.push({ ...token, spaceBefore });
    spaceBefore = false;
    i = token.span.end;
  };
  while (i < source.length) {
    const c = source[i] ?? "";
    if (isSpace(c)) {
      spaceBefore = true;
      i++;
      continue;
    }
    const single = SINGLE[c];
    if (single) {
      push({ kind: single, text: c, span: { start: i, end: i + 1 } });
    } else if (c === '"') {
      const str = readString(source, i);
      const span = { start: i, end: str.end };
      if (!str.closed) issues.push(createIssue(source, span, (at) => `unterminated quote at ${at} — add a closing "`));
      if (str.closed && source[str.end] === ":") {
        push({ kind: "field", text: str.text, span: { start: i, end: str.end + 1 }, nameSpan: span, quoted: true });
      } else {
        push({ kind: "string", text: str.text, span, ...(str.closed ? {} : { unterminated: true }) });
      }
    } else if (c === "<" || c === ">" || c === "=") {
      const op = c !== "=" && source[i + 1] === "=" ? `${c}=` : c;
      push({ kind: "cmp", text: op, span: { start: i, end: i + op.length } });
    } else if (c === "." && dotRun(source, i) === 2) {
      push({ kind: "range", text: "..", span: { start: i, end: i + 2 } });
    } else {
      const nameEnd = fieldNameEnd(source, i);
      if (nameEnd !== -1) {
        const nameSpan = { start: i, end: nameEnd };
        push({ kind: "field", text: source.slice(i, nameEnd), span: { start: i, end: nameEnd + 1 }, nameSpan });
      } else {
        const end = wordEnd(source, i);
        push({ kind: "word", text: source.slice(i, end), span: { start: i, end } });
      }
    }
  }
  tokens.push({ kind: "eof", text: "", span: { start: source.length, end: source.length }, spaceBefore });
  return { tokens, issues };
}
