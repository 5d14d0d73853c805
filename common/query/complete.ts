/**
 * What to offer at the cursor while a query is typed: field names, a field's
 * fixed values, date phrases, sort fields, keywords. Only static items; the
 * server adds data-driven ones (agents, companies, tags) for `ref`/`text`
 * fields from `field` and `prefix`.
 */
import type { Span } from "./ast.js";
import { type Catalogue, makeCatalogue } from "./catalogue.js";
import type { FieldSpec } from "./fields.js";
import { SORT_FIELDS } from "./fields.js";
import { lex, type Token } from "./lexer.js";
import type { ParseOptions } from "./parser.js";
import { isBareWord, quote } from "./print.js";
import { DATE_PHRASES, datePhraseState, startsDatePhrase } from "./values.js";

export type CompletionKind = "field" | "value" | "keyword";

export interface CompletionItem {
  label: string;
  /** Text to put in place of `replace`. */
  insert: string;
  kind: CompletionKind;
  detail?: string;
}

export interface CompletionContext {
  /** The part of the source the chosen item replaces (empty at the cursor when nothing is typed yet). */
  replace: Span;
  kind: CompletionKind;
  /** The field whose value is being typed (`kind: "value"`). */
  field?: FieldSpec;
  /** What is typed so far, without quotes (`op` in `status: op`). */
  prefix: string;
  items: CompletionItem[];
}

/** Where the tokens before the cursor leave us. */
type State =
  | { mode: "expr" }
  | { mode: "value"; spec: FieldSpec | undefined }
  | { mode: "afterValue"; spec: FieldSpec | undefined }
  /** Words of an unfinished date phrase (`last 7`). */
  | { mode: "phrase"; spec: FieldSpec; words: Token[] }
  | { mode: "sortKey" }
  /** After a sort key: a direction or a comma may follow. */
  | { mode: "sortDir" }
  /** After a sort key's direction: only a comma continues the clause. */
  | { mode: "sortDone" };

const isWordLike = (t: Token): boolean => t.kind === "word" || t.kind === "string";
const lower = (t: Token): string => t.text.toLowerCase();
const isJoiner = (t: Token): boolean => t.kind === "word" && ["and", "or", "not"].includes(lower(t));

interface Scan {
  state: State;
  depth: number;
  /** The last token before the current one, if any. */
  previous: Token | undefined;
  /** The next token is already accounted for (the `by:` of `sort by:`). */
  skip: boolean;
}

/** One step of the state machine; returns true when `t` must be looked at again in the new state. */
function step(scan: Scan, t: Token, ahead: Token | undefined, fields: Catalogue): boolean {
  const { state } = scan;
  switch (state.mode) {
    case "value":
      if (t.kind === "cmp" || (t.kind === "minus" && ahead && !ahead.spaceBefore)) return false;
      if (!isWordLike(t) || ["and", "or", "not"].includes(lower(t))) break;
      if (state.spec?.type === "date" && t.kind === "word" && startsDatePhrase(t.text)) {
        scan.state = { mode: "phrase", spec: state.spec, words: [t] };
      } else {
        scan.state = { mode: "afterValue", spec: state.spec };
      }
      return false;
    case "phrase": {
      const words = [...state.words, t].map(lower);
      const phrase = t.kind === "word" ? datePhraseState(words) : "invalid";
      if (phrase === "partial") scan.state = { ...state, words: [...state.words, t] };
      else scan.state = { mode: "afterValue", spec: state.spec };
      return phrase === "invalid";
    }
    case "afterValue":
      if (t.kind === "comma" || t.kind === "range") {
        scan.state = { mode: "value", spec: state.spec };
        return false;
      }
      break;
    case "sortKey":
      if (isWordLike(t)) scan.state = { mode: "sortDir" };
      else if (t.kind !== "comma") break;
      return false;
    case "sortDir":
    case "sortDone":
      if (t.kind === "comma") scan.state = { mode: "sortKey" };
      else if (state.mode === "sortDir" && ["asc", "desc"].includes(lower(t))) scan.state = { mode: "sortDone" };
      else break;
      return false;
    case "expr":
      if (t.kind === "lparen") scan.depth++;
      if (t.kind === "rparen") scan.depth = Math.max(0, scan.depth - 1);
      if (
        t.kind === "word" &&
        ["sort", "order"].includes(lower(t)) &&
        ahead?.kind === "field" &&
        lower(ahead) === "by"
      ) {
        scan.state = { mode: "sortKey" };
        scan.skip = true;
      } else if (t.kind === "field" && !(t.text.toLowerCase() === "sort" && !t.quoted)) {
        scan.state = { mode: "value", spec: fields.lookup(t.text) };
      } else if (t.kind === "field") {
        scan.state = { mode: "sortKey" };
      } else if (t.kind === "hash" && ahead?.spaceBefore === false) {
        scan.state = { mode: "value", spec: fields.lookup("tag") };
      }
      return false;
  }
  scan.state = { mode: "expr" };
  return true;
}

/** Runs the state machine over the first `count` tokens (looking ahead past them where needed). */
function scanTokens(tokens: readonly Token[], count: number, fields: Catalogue): Scan {
  const scan: Scan = { state: { mode: "expr" }, depth: 0, previous: undefined, skip: false };
  for (let i = 0; i < count; i++) {
    const t = tokens[i];
    if (!t || scan.skip) {
      scan.skip = false;
      continue;
    }
    const next = tokens[i + 1];
    // A token that ends the current mode is read again in the next one (at most phrase → value → expr).
    for (let again = 0; again < 3 && step(scan, t, next, fields); again++);
    scan.previous = t;
  }
  return scan;
}

const startsWith = (label: string, prefix: string): boolean =>
  label.toLowerCase().startsWith(prefix.toLowerCase().replace(/\s+/g, " "));

/** `me`, `none` and the date phrases go in bare: quoted, they would mean something else. */
const asValue = (label: string, detail?: string, bare = false): CompletionItem => ({
  label,
  insert: bare || isBareWord(label) ? label : quote(label),
  kind: "value",
  ...(detail === undefined ? {} : { detail }),
});

function valueItems(spec: FieldSpec | undefined): CompletionItem[] {
  if (!spec) return [];
  const items = (spec.values ?? []).map((v) => asValue(v, spec.name));
  if (spec.allowMe) items.push(asValue("me", "you", true));
  if (spec.allowNone) items.push(asValue("none", `no ${spec.name}`, true));
  if (spec.name === "assignee") items.push(asValue("unassigned", "no assignee", true));
  if (spec.type === "date") items.push(...DATE_PHRASES.map((p) => asValue(p, "date", true)));
  if (spec.type === "boolean") items.push(asValue("true"), asValue("false"));
  return items;
}

function fieldItems(fields: Catalogue, prefix: string): CompletionItem[] {
  return fields.fields.flatMap((spec) => {
    const alias = spec.aliases.find((a) => startsWith(a, prefix));
    if (!startsWith(spec.name, prefix) && alias === undefined) return [];
    const name = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(spec.name) ? spec.name : quote(spec.name);
    const via = startsWith(spec.name, prefix) || alias === undefined ? "" : ` (${alias})`;
    return [{ label: spec.name, insert: `${name}: `, kind: "field" as const, detail: `${spec.description}${via}` }];
  });
}

function keywordItems(scan: Scan): CompletionItem[] {
  const prev = scan.previous;
  const afterOperand =
    prev !== undefined && !["lparen", "minus", "hash", "comma", "cmp"].includes(prev.kind) && !isJoiner(prev);
  const words = [...(afterOperand ? ["and", "or"] : []), "not"];
  const items = words.map((k): CompletionItem => ({ label: k, insert: `${k} `, kind: "keyword" }));
  if (scan.depth === 0) items.push({ label: "sort by:", insert: "sort by: ", kind: "keyword", detail: "order" });
  return items;
}

/** The completion context at `cursor` (an offset into `source`). */
export function completionContext(source: string, cursor: number, options: ParseOptions = {}): CompletionContext {
  const at = Math.max(0, Math.min(Math.trunc(cursor) || 0, source.length));
  const fields = makeCatalogue(options.customFields);
  const before = lex(source.slice(0, at)).tokens.filter((t) => t.kind !== "eof");
  const last = before.at(-1);
  // The word under the cursor, if the cursor touches one.
  const current = last && isWordLike(last) && last.span.end === at ? last : undefined;
  const scan = scanTokens(before, current ? before.length - 1 : before.length, fields);
  const full = current ? lex(source).tokens.find((t) => t.span.start === current.span.start) : undefined;
  const replace: Span = current
    ? { start: current.span.start, end: Math.max(at, full?.span.end ?? at) }
    : { start: at, end: at };
  const prefix = current ? (current.kind === "string" ? current.text : source.slice(current.span.start, at)) : "";
  const { state } = scan;
  const filter = (items: CompletionItem[], typed: string) => items.filter((i) => startsWith(i.label, typed));

  if (state.mode === "value") {
    const items = filter(valueItems(state.spec), prefix);
    return { replace, kind: "value", ...(state.spec ? { field: state.spec } : {}), prefix, items };
  }
  if (state.mode === "phrase") {
    const start = state.words[0]?.span.start ?? replace.start;
    const typed = source.slice(start, at);
    const items = filter(
      DATE_PHRASES.map((p) => asValue(p, "date", true)),
      typed,
    );
    return { replace: { start, end: replace.end }, kind: "value", field: state.spec, prefix: typed, items };
  }
  if (state.mode === "sortKey") {
    const items = SORT_FIELDS.map((f): CompletionItem => ({ label: f, insert: f, kind: "field", detail: "sort" }));
    return { replace, kind: "field", prefix, items: filter(items, prefix) };
  }
  const general = [...fieldItems(fields, prefix), ...filter(keywordItems(scan), prefix)];
  if (state.mode === "sortDir") {
    const dirs = ["asc", "desc"].map(
      (d): CompletionItem => ({ label: d, insert: d, kind: "keyword", detail: "direction" }),
    );
    return { replace, kind: "keyword", prefix, items: [...filter(dirs, prefix), ...general] };
  }
  return { replace, kind: "field", prefix, items: general };
}
