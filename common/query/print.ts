/**
 * The canonical text of a query: `parseQuery(printQuery(q))` gives `q` back
 * (spans aside). Used to normalise saved views and to turn an AST built in
 * the UI (a filter chip) back into text the user can edit.
 */
import type { Operand, Query, QueryNode, SortKey, TermNode, TextNode } from "./ast.js";
import { formatDate, formatDuration, TICKET_WORD } from "./values.js";

/** Keywords: never a bare value or free-text word. */
const KEYWORDS = new Set(["and", "or", "not"]);
/** Mean something bare as a value; as free text they are plain words. */
const VALUE_WORDS = new Set(["me", "none", "empty", "unassigned"]);
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `"…"` with `"` and `\` escaped. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * Whether `text` reads back as the same single value: no whitespace or
 * `(),"`, no `..`, nothing the lexer treats specially at a word's start
 * (`-`, `#`, `<`, `>`, `=`), not `name:`, not a keyword nor `me`/`none`/….
 */
export function isBareWord(text: string): boolean {
  return (
    /^[^\s(),"]+$/.test(text) &&
    !/^[-#<>=]/.test(text) &&
    !text.includes("..") &&
    !/^[A-Za-z_][A-Za-z0-9_.-]*:/.test(text) &&
    !KEYWORDS.has(text.toLowerCase()) &&
    !VALUE_WORDS.has(text.toLowerCase())
  );
}

/** Whether `text` reads back as one free-text word: not a ticket number, no trailing `*`, no leading `:`. */
function isFreeTextWord(text: string): boolean {
  const lower = text.toLowerCase();
  const bare = isBareWord(text) || (VALUE_WORDS.has(lower) && !KEYWORDS.has(lower));
  return bare && !TICKET_WORD.test(text) && !text.endsWith("*") && !text.startsWith(":");
}

const word = (text: string): string => (isBareWord(text) ? text : quote(text));

function printNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`no query spelling for the number ${n}`);
  // String(-0) is "0"; keep the sign so the value reads back identical.
  return Object.is(n, -0) ? "-0" : String(n);
}

function printOperand(operand: Operand): string {
  switch (operand.type) {
    case "enum":
    case "text":
    case "ref":
      if (operand.value === "") throw new RangeError(`no query spelling for an empty ${operand.type} value`);
      return word(operand.value);
    case "me":
      return "me";
    case "none":
      return "none";
    case "number":
      return printNumber(operand.value);
    case "boolean":
      return String(operand.value);
    case "date":
      return formatDate(operand.value);
    case "duration":
      return formatDuration(operand.ms);
    case "range":
      return `${printOperand(operand.from)} .. ${printOperand(operand.to)}`;
  }
}

function printTerm(term: TermNode): string {
  const name = FIELD_NAME.test(term.field) ? term.field : quote(term.field);
  const op = term.op === "=" ? "" : `${term.op} `;
  return `${name}: ${op}${term.values.map(printOperand).join(", ")}`;
}

function printText(node: TextNode): string {
  if (node.phrase) return quote(node.text);
  if (!isFreeTextWord(node.text)) {
    throw new RangeError(`no query spelling for the free-text word ${JSON.stringify(node.text)}`);
  }
  return node.prefix ? `${node.text}*` : node.text;
}

/** A node inside `parent`: and/or in parentheses, except an and among or's alternatives (and binds tighter). */
function printInside(node: QueryNode, parent: "and" | "or" | "not"): string {
  const text = printNode(node);
  const grouped = node.kind === "or" || node.kind === "and";
  return grouped && !(node.kind === "and" && parent === "or") ? `(${text})` : text;
}

export function printNode(node: QueryNode): string {
  switch (node.kind) {
    case "term":
      return printTerm(node);
    case "text":
      return printText(node);
    case "not":
      return `-${printInside(node.operand, "not")}`;
    case "and":
      return node.operands.map((o) => printInside(o, "and")).join(" ");
    case "or":
      return node.operands.map((o) => printInside(o, "or")).join(" or ");
  }
}

function printSortKey(key: SortKey): string {
  const fallback = key.field === "relevance" ? "desc" : "asc";
  return key.direction === fallback ? key.field : `${key.field} ${key.direction}`;
}

/**
 * Canonical text: single spaces, `-` for negation, `or` between alternatives,
 * parentheses only where needed, `sort by:` last, default directions left out.
 * Throws a RangeError for trees no query text can produce (a day offset of 5).
 */
export function printQuery(query: Query): string {
  const parts: string[] = [];
  if (query.where) parts.push(printNode(query.where));
  if (query.sort.length > 0) parts.push(`sort by: ${query.sort.map(printSortKey).join(", ")}`);
  return parts.join(" ");
}
