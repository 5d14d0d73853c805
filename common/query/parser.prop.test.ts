import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DateExpr, Operand, Query, QueryNode, SortKey, TermNode } from "./ast.js";
import { hasOrder, makeCatalogue } from "./catalogue.js";
import { type CustomFieldSpec, type FieldSpec, SORT_FIELDS } from "./fields.js";
import { MAX_QUERY_LENGTH, parseQuery } from "./parser.js";
import { printQuery } from "./print.js";
import { withoutSpans } from "./without-spans.js";

const CUSTOM: CustomFieldSpec[] = [
  { key: "risk", label: "Risk Level", type: "select", options: ["Low", "High Risk", "None"] },
  { key: "budget", label: "Budget", type: "number" },
  { key: "go_live", label: "Go live", type: "date" },
  { key: "vip", label: "VIP customer", type: "boolean" },
  { key: "odd key", label: "Odd", type: "text" },
];
const options = { customFields: CUSTOM };
const FIELD_SPECS = makeCatalogue(CUSTOM).fields;
const S = { start: 0, end: 0 };

/** Every issue is positioned inside the source, with a matching `line:column`. */
function checkResult(source: string): void {
  const result = parseQuery(source, options);
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.span.start).toBeGreaterThanOrEqual(0);
    expect(issue.span.start).toBeLessThanOrEqual(issue.span.end);
    expect(issue.span.end).toBeLessThanOrEqual(source.length);
    expect(issue.at).toMatch(/^\d+:\d+$/);
    expect(issue.message).toContain(issue.at);
  }
}

const FRAGMENTS = [
  "status:",
  "status: ",
  "priority: >=",
  "created:",
  "sla: <",
  "cf.risk:",
  '"Risk Level":',
  "(",
  ")",
  '"',
  '\\"',
  "..",
  "...",
  ",",
  "-",
  "+",
  " or ",
  " and ",
  "not ",
  "OR",
  "#",
  "*",
  ":",
  "sort by:",
  "order by",
  " ",
  "\n",
  "open",
  "high",
  "me",
  "none",
  "last",
  " 7 days",
  "this week",
  "TKT-1001",
  "2026-02-30",
  "2026-01-31T10:00",
  "-48h",
  "1h30m",
  "<",
  "=",
  "é",
  "🙂",
  "\u0000",
];
const queryish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(""));
const utf16 = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

describe("parseQuery on any input", () => {
  it("parses or returns positioned issues, never throwing", () => {
    const inputs = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 60 }),
      utf16,
      queryish,
    );
    fc.assert(fc.property(inputs, checkResult), { numRuns: 3000 });
  });

  it("finishes adversarial inputs of 10,000 characters", () => {
    const adversarial = [
      "(".repeat(MAX_QUERY_LENGTH),
      "not ".repeat(MAX_QUERY_LENGTH / 4),
      "-".repeat(MAX_QUERY_LENGTH),
      '"'.repeat(MAX_QUERY_LENGTH),
      "status:".repeat(MAX_QUERY_LENGTH / 7),
      "a or ".repeat(MAX_QUERY_LENGTH / 5),
      "x".repeat(MAX_QUERY_LENGTH),
      "stauts: opne ".repeat(MAX_QUERY_LENGTH / 13),
      "created: last ".repeat(MAX_QUERY_LENGTH / 14),
      "number: 1..".repeat(MAX_QUERY_LENGTH / 11),
      `${"a".repeat(5000)}: ${"b".repeat(4990)}`,
      "(a) ".repeat(MAX_QUERY_LENGTH / 4),
    ];
    for (const source of adversarial) {
      expect(source.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      checkResult(source);
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 3000, maxLength: 3000 }), (parts) => {
        checkResult(parts.join("").slice(0, MAX_QUERY_LENGTH));
      }),
      { numRuns: 20 },
    );
  });
});

const pad = (n: number) => String(n).padStart(2, "0");
const dayText = fc
  .record({
    y: fc.integer({ min: 1000, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
const timeText = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.option(fc.integer({ min: 0, max: 59 })),
    fc.constantFrom("", "Z", "+02:00", "-05:30"),
  )
  .map(([h, m, s, zone]) => `T${pad(h)}:${pad(m)}${s === null ? "" : `:${pad(s)}`}${zone}`);
const dateExpr: fc.Arbitrary<DateExpr> = fc.oneof(
  dayText.map((text): DateExpr => ({ kind: "absolute", text, dayOnly: true })),
  fc.tuple(dayText, timeText).map(([d, t]): DateExpr => ({ kind: "absolute", text: d + t, dayOnly: false })),
  fc.constantFrom(-1, 0, 1).map((offsetDays): DateExpr => ({ kind: "day", offsetDays })),
  fc
    .tuple(fc.constantFrom("week", "month", "year" as const), fc.constantFrom(-1, 0, 1))
    .map(([unit, offset]): DateExpr => ({ kind: "period", unit, offset })),
  fc
    .tuple(fc.constantFrom("ago", "ahead" as const), fc.nat({ max: 1e12 }))
    .map(([kind, ms]): DateExpr => ({ kind, ms })),
);

/** Any text, with the characters quoting must get right made likely. */
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 }),
  fc.string({
    unit: fc.constantFrom("\\", '"', " ", ",", "(", ")", ".", "-", ":", "#", "*", "a", "1"),
    minLength: 1,
    maxLength: 8,
  }),
);
/** Free-text words that read back as one word (no keywords, no ticket numbers, no `sort by`). */
const RESERVED_WORDS = new Set(["and", "or", "not", "sort", "order", "by"]);
const plainWord = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/).filter((w) => !RESERVED_WORDS.has(w)),
  fc.constantFrom("me", "None", "empty", "unassigned", "last", "week", "today", "desc", "x.y", "10:30", "a-b", "é"),
);

/** One value (not a range) of a field; `me`/`none` only where `special`. */
function operandOf(spec: FieldSpec, special: boolean): fc.Arbitrary<Operand> {
  const plain = ((): fc.Arbitrary<Operand> => {
    switch (spec.type) {
      case "enum":
        return fc.constantFrom(...(spec.values ?? [])).map((value): Operand => ({ type: "enum", value, span: S }));
      case "text":
      case "ref": {
        const type = spec.type;
        return anyText.map((value): Operand => ({ type, value, span: S }));
      }
      case "number": {
        const n = spec.name.startsWith("cf.") ? fc.double({ noNaN: true, noDefaultInfinity: true }) : fc.nat();
        return n.map((value): Operand => ({ type: "number", value, span: S }));
      }
      case "duration":
        return fc.integer({ min: -1e13, max: 1e13 }).map((ms): Operand => ({ type: "duration", ms, span: S }));
      case "boolean":
        return fc.boolean().map((value): Operand => ({ type: "boolean", value, span: S }));
      case "date":
        return dateExpr.map((value): Operand => ({ type: "date", value, span: S }));
    }
  })();
  const extra: Operand[] = [];
  if (special && spec.allowMe) extra.push({ type: "me", span: S });
  if (special && spec.allowNone) extra.push({ type: "none", span: S });
  return extra.length > 0 ? fc.oneof({ weight: 3, arbitrary: plain }, fc.constantFrom(...extra)) : plain;
}

function termOf(spec: FieldSpec): fc.Arbitrary<TermNode> {
  const make = (op: TermNode["op"], values: Operand[]): TermNode => ({
    kind: "term",
    field: spec.name,
    fieldSpan: S,
    op,
    values,
    span: S,
  });
  const range = fc
    .tuple(operandOf(spec, false), operandOf(spec, false))
    .map(([from, to]): Operand => ({ type: "range", from, to, span: S }));
  const item = hasOrder(spec) ? fc.oneof(operandOf(spec, true), range) : operandOf(spec, true);
  const list = fc.array(item, { minLength: 1, maxLength: spec.multi ? 3 : 1 }).map((values) => make("=", values));
  if (!hasOrder(spec)) return list;
  const compare = fc
    .tuple(fc.constantFrom("<", "<=", ">", ">=" as const), operandOf(spec, false))
    .map(([op, value]) => make(op, [value]));
  return fc.oneof(list, compare);
}

const textNode: fc.Arbitrary<QueryNode> = fc.oneof(
  fc
    .tuple(plainWord, fc.boolean())
    .map(([text, prefix]): QueryNode => ({ kind: "text", text, phrase: false, prefix, span: S })),
  anyText.map((text): QueryNode => ({ kind: "text", text, phrase: true, prefix: false, span: S })),
);
const leaf: fc.Arbitrary<QueryNode> = fc.oneof(fc.constantFrom(...FIELD_SPECS).chain(termOf), textNode);

/** and/or with their operands flattened, as the parser builds them. */
const join = (kind: "and" | "or", nodes: QueryNode[]): QueryNode => ({
  kind,
  operands: nodes.flatMap((n) => (n.kind === kind ? n.operands : [n])),
  span: S,
});
const { node } = fc.letrec<{ node: QueryNode }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 4, depthSize: "small" },
    leaf,
    tie("node").map((operand): QueryNode => ({ kind: "not", operand, span: S })),
    fc.array(tie("node"), { minLength: 2, maxLength: 4 }).map((nodes) => join("and", nodes)),
    fc.array(tie("node"), { minLength: 2, maxLength: 4 }).map((nodes) => join("or", nodes)),
  ),
}));
const sortKeys = fc
  .uniqueArray(fc.constantFrom(...SORT_FIELDS), { maxLength: 3 })
  .chain((fields) =>
    fc.tuple(
      ...fields.map((field) =>
        fc.constantFrom("asc", "desc" as const).map((direction): SortKey => ({ field, direction, span: S })),
      ),
    ),
  );
const queries: fc.Arbitrary<Query> = fc.record({ where: fc.option(node, { nil: null }), sort: sortKeys });

describe("printQuery then parseQuery", () => {
  it("gives back the same tree, spans aside", () => {
    fc.assert(
      fc.property(queries, (query) => {
        const text = printQuery(query);
        const result = parseQuery(text, options);
        if (!result.ok) throw new Error(`${text}\n${result.issues.map((i) => i.message).join("\n")}`);
        expect(withoutSpans(result.query)).toEqual(withoutSpans(query));
      }),
      { numRuns: 2000 },
    );
  });

  it("prints what it parsed the same way again", () => {
    fc.assert(
      fc.property(queries, (query) => {
        const text = printQuery(query);
        const again = parseQuery(text, options);
        expect(again.ok && printQuery(again.query)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
