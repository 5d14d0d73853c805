/**
 * Reading `field: [cmp] value[, value …]` (values checked against the
 * field's type, comparators and ranges against its order) and `sort by:`.
 */
import type { Operand, SortKey, Span, TermNode } from "./ast.js";
import { type Catalogue, hasOrder, lookupSortField, sortFieldNames } from "./catalogue.js";
import { cover, type Item, type TokenCursor } from "./cursor.js";
import type { FieldSpec } from "./fields.js";
import { didYouMean, suggest } from "./issues.js";
import type { Token } from "./lexer.js";
import { exampleValue, type RawValue, typeValue } from "./operands.js";
import { datePhraseLength, startsDatePhrase } from "./values.js";

const ORDER_HINT = "needs a field with an order (priority, urgency, importance, dates, numbers, sla)";

/** One value or range of a term, before type checking. */
interface RawItem {
  from: RawValue;
  /** The range's end and its `..`. */
  to?: { value: RawValue; op: Span };
  span: Span;
}

/** A value after `field:`, a comparator, `,` or `..`; undefined when there is none. */
function readValue(c: TokenCursor, spec: FieldSpec | undefined): RawValue | undefined {
  const t = c.peek();
  if (t.kind === "string") {
    c.next();
    return { text: t.text, quoted: true, span: t.span };
  }
  const word = c.peek(1);
  if (t.kind === "minus" && word.kind === "word" && !word.spaceBefore) {
    // A sign, not a negation: `sla: -1h`, `created: -48h`.
    c.next();
    c.next();
    return { text: `-${word.text}`, quoted: false, span: cover(t.span, word.span) };
  }
  if (t.kind !== "word" || c.isWord(t, "and", "or", "not") || c.sortStart() > 0) return undefined;
  c.next();
  if (spec?.type !== "date" || !startsDatePhrase(t.text)) return { text: t.text, quoted: false, span: t.span };
  // Unquoted phrases after date fields: `created: last 7 days`.
  const words = [t];
  if (c.peek().kind === "word") {
    words.push(c.peek());
    if (c.peek(1).kind === "word") words.push(c.peek(1));
  }
  const taken = words.slice(0, datePhraseLength(words.map((w) => w.text.toLowerCase())));
  for (let i = 1; i < taken.length; i++) c.next();
  const last = taken.at(-1) ?? t;
  return { text: taken.map((w) => w.text).join(" "), quoted: false, span: cover(t.span, last.span) };
}

function missingValue(c: TokenCursor, spec: FieldSpec | undefined, after: Token): void {
  const hint = spec ? ` — e.g. ${spec.name}: ${exampleValue(spec)}` : "";
  const written = after.kind === "field" ? c.text(after.span) : after.text;
  c.report(after.span, (at) => `missing value after "${written}" at ${at}${hint}`);
}

/** `[cmp] a [.. b], c …` as written; reports what is missing. */
function readValues(c: TokenCursor, spec: FieldSpec | undefined, field: Token): RawItem[] {
  const items: RawItem[] = [];
  let after = c.peek().kind === "cmp" ? c.next() : field;
  for (;;) {
    if (c.peek().kind === "range") {
      c.report(c.next().span, (at) => `the range at ${at} needs a start, e.g. 1 .. 5`);
    }
    const from = readValue(c, spec);
    if (!from) {
      missingValue(c, spec, after);
      return items;
    }
    let item: RawItem = { from, span: from.span };
    if (c.peek().kind === "range") {
      const op = c.next().span;
      const to = readValue(c, spec);
      if (to) item = { from, to: { value: to, op }, span: cover(from.span, to.span) };
      else c.report(op, (at) => `the range at ${at} needs an end, e.g. 1 .. 5`);
    }
    items.push(item);
    if (c.peek().kind !== "comma") return items;
    after = c.next();
  }
}

const isMeOrNone = (o: Operand): boolean => o.type === "me" || o.type === "none";

/** Type-check every value; undefined if any failed (each failure reported). */
function typeItems(c: TokenCursor, spec: FieldSpec, items: readonly RawItem[]): Operand[] | undefined {
  const values: Operand[] = [];
  let ok = true;
  const type = (raw: RawValue): Operand | undefined => {
    const typed = typeValue(spec, raw);
    if (typed.ok) return typed.operand;
    c.report(raw.span, typed.message, typed.suggestion);
    ok = false;
    return undefined;
  };
  for (const item of items) {
    const from = type(item.from);
    if (!item.to) {
      if (from) values.push(from);
      continue;
    }
    const to = type(item.to.value);
    if (!hasOrder(spec)) {
      c.report(item.to.op, (at) => `the range at ${at} ${ORDER_HINT}; ${spec.name} has none`);
      ok = false;
    } else if (from && to) {
      const bad = [from, to].find(isMeOrNone);
      if (bad) {
        const written = c.text(bad.span);
        c.report(bad.span, (at) => `a range needs two ${spec.type} values; "${written}" at ${at} is not one`);
        ok = false;
      } else {
        values.push({ type: "range", from, to, span: item.span });
      }
    }
  }
  return ok ? values : undefined;
}

function checkComparison(c: TokenCursor, spec: FieldSpec, cmp: Token, items: readonly RawItem[], values: Operand[]) {
  if (!hasOrder(spec)) {
    c.report(cmp.span, (at) => `"${cmp.text}" at ${at} ${ORDER_HINT}; ${spec.name} has none`);
    return;
  }
  const second = items[1];
  if (second) c.report(second.span, (at) => `a comparison takes one value; the one at ${at} is too many`);
  for (const value of values) {
    if (value.type === "range") c.report(value.span, (at) => `"${cmp.text}" at ${at} cannot take a range`);
    if (isMeOrNone(value)) {
      const written = c.text(value.span);
      c.report(value.span, (at) => `"${cmp.text}" needs a value to compare with; "${written}" at ${at} is not one`);
    }
  }
}

/** `field: …` at a field token. Null when anything in it was wrong (and reported). */
export function parseTerm(c: TokenCursor, fields: Catalogue): Item | null {
  const field = c.next();
  const nameSpan = field.nameSpan ?? field.span;
  const spec = fields.lookup(field.text);
  const errorsBefore = c.errors;
  if (!spec) {
    const message = (at: string, guess?: string) => `unknown field "${field.text}" at ${at}${didYouMean(guess)}`;
    c.report(nameSpan, message, () => suggest(field.text, fields.names));
  }
  const cmp = c.peek().kind === "cmp" ? c.peek() : undefined;
  const items = readValues(c, spec, field);
  const span = cover(field.span, items.at(-1)?.span ?? cmp?.span ?? field.span);
  if (!spec || c.errors > errorsBefore) return null;
  const values = typeItems(c, spec, items);
  const op = (cmp?.text ?? "=") as TermNode["op"];
  if (cmp && op !== "=") checkComparison(c, spec, cmp, items, values ?? []);
  const second = items[1];
  if (!spec.multi && second) {
    c.report(second.span, (at) => `${spec.name} takes one value; the one at ${at} is too many`);
  }
  if (!values || c.errors > errorsBefore) return null;
  const term: TermNode = { kind: "term", field: spec.name, fieldSpan: nameSpan, op, values, span };
  return { node: term, extent: span };
}

function sortKey(c: TokenCursor, t: Token, keys: readonly SortKey[]): SortKey | undefined {
  const field = lookupSortField(t.text);
  const dir = c.peek();
  const written = c.isWord(dir, "asc", "desc", "ascending", "descending") ? dir.text.toLowerCase() : undefined;
  const direction = written === undefined ? undefined : written.startsWith("asc") ? "asc" : "desc";
  if (direction) c.next();
  const span = cover(t.span, direction ? dir.span : t.span);
  if (!field) {
    const guess = suggest(t.text, sortFieldNames());
    const list = ` — sortable: ${sortFieldNames().join(", ")}`;
    c.report(t.span, (at) => `cannot sort by "${t.text}" at ${at}${didYouMean(guess, list)}`, guess);
    return undefined;
  }
  if (keys.some((k) => k.field === field)) {
    c.report(t.span, (at) => `"${t.text}" at ${at} is already a sort key`);
    return undefined;
  }
  return { field, direction: direction ?? (field === "relevance" ? "desc" : "asc"), span };
}

/**
 * `sort by: a [asc|desc], b …` at `sort by:` / `order by:` / `sort:`.
 * `refuse` says why the clause does not count, if it does not: inside parentheses, or a second one.
 */
export function parseSortClause(c: TokenCursor, refuse: "nested" | "second" | undefined): SortKey[] {
  const first = c.peek();
  for (let n = c.sortStart(); n > 1; n--) c.next();
  const intro = c.next();
  const introSpan = cover(first.span, intro.span);
  const written = c.text(introSpan);
  if (refuse === "nested") {
    c.report(introSpan, (at) => `"${written}" at ${at} belongs at the top level, outside parentheses`);
  } else if (refuse === "second") {
    c.report(introSpan, (at) => `a second "${written}" at ${at} — a query sorts once`);
  }
  const keys: SortKey[] = [];
  let after = intro;
  for (;;) {
    const t = c.peek();
    if ((t.kind !== "word" && t.kind !== "string") || c.isWord(t, "and", "or", "not")) {
      const [where, span] = after === intro ? [written, introSpan] : [after.text, after.span];
      c.report(span, (at) => `missing field after "${where}" at ${at} — e.g. sort by: priority desc`);
      return keys;
    }
    c.next();
    const key = sortKey(c, t, keys);
    if (key) keys.push(key);
    if (c.peek().kind !== "comma") return keys;
    after = c.next();
  }
}
