import { describe, expect, it } from "vitest";
import type { Query, QueryNode, TermNode } from "./ast.js";
import type { CustomFieldSpec } from "./fields.js";
import { parseQuery } from "./parser.js";
import { isBareWord, printQuery, quote } from "./print.js";
import { withoutSpans } from "./without-spans.js";

const CUSTOM: CustomFieldSpec[] = [
  { key: "risk", label: "Risk Level", type: "select", options: ["Low", "High Risk"] },
  { key: "odd key", label: "Odd", type: "text" },
];
const options = { customFields: CUSTOM };
const at = { start: 0, end: 0 };

function parsed(source: string): Query {
  const result = parseQuery(source, options);
  if (!result.ok) throw new Error(`${source}: ${result.issues.map((i) => i.message).join("; ")}`);
  return result.query;
}
const canonical = (source: string): string => printQuery(parsed(source));
const query = (where: QueryNode | null): Query => ({ where, sort: [] });
const term = (field: string, values: TermNode["values"], op: TermNode["op"] = "="): TermNode => ({
  kind: "term",
  field,
  fieldSpan: at,
  op,
  values,
  span: at,
});
const text = (value: string, phrase = false, prefix = false): QueryNode => ({
  kind: "text",
  text: value,
  phrase,
  prefix,
  span: at,
});

describe("printQuery", () => {
  it("writes the canonical form of what was parsed", () => {
    expect(canonical("STATUS:Open ,closed   assigned: ME")).toBe("status: open, closed assignee: me");
    expect(canonical("not tag: spam and -printer")).toBe("-tag: spam -printer");
    expect(canonical("#vip TKT-1001")).toBe("tag: vip number: 1001");
    expect(canonical("created: last 7 days")).toBe("created: -1w");
    expect(canonical('created: "this week" .. tomorrow')).toBe("created: this week .. tomorrow");
    expect(canonical("priority: 1 .. 2")).toBe("priority: critical .. high");
    expect(canonical("sla:>=90min")).toBe("sla: >= 1h30m");
    expect(canonical('print* "out of paper"')).toBe('print* "out of paper"');
    expect(canonical('"Risk Level": "HIGH RISK"')).toBe('cf.risk: "high risk"');
    expect(canonical('"odd key": x')).toBe('"cf.odd key": x');
    expect(canonical("")).toBe("");
  });

  it("puts parentheses only where precedence needs them", () => {
    expect(canonical("a (b or c)")).toBe("a (b or c)");
    expect(canonical("(a b) or c")).toBe("a b or c");
    expect(canonical("not (a b)")).toBe("-(a b)");
    expect(canonical("not (a or b)")).toBe("-(a or b)");
    expect(canonical("not not a")).toBe("--a");
    expect(canonical("((a or b)) or (c)")).toBe("a or b or c");
  });

  it("writes sort last, leaving out default directions", () => {
    expect(canonical("sort by: priority desc, created asc, relevance desc status: open")).toBe(
      "status: open sort by: priority desc, created, relevance",
    );
    expect(canonical("sort: relevance asc")).toBe("sort by: relevance asc");
  });

  it("quotes values that would read differently bare", () => {
    const values = ["me", "None", "or", "two words", "a,b", "x..y", "-x", "#x", ">x", "a:b", 'say "hi"', "(x)"];
    for (const value of values) {
      const printed = printQuery(query(term("company", [{ type: "ref", value, span: at }])));
      expect(printed).toBe(`company: ${quote(value)}`);
      expect(withoutSpans(parsed(printed).where)).toEqual(
        withoutSpans(term("company", [{ type: "ref", value, span: at }])),
      );
    }
    for (const value of ["Acme-1.0", "back\\slash", "x*"]) {
      expect(printQuery(query(term("company", [{ type: "ref", value, span: at }])))).toBe(`company: ${value}`);
    }
  });

  it("tells which words stand bare", () => {
    expect(isBareWord("printer")).toBe(true);
    expect(isBareWord("10:30")).toBe(true);
    expect(isBareWord("wait...")).toBe(false);
    expect(isBareWord("")).toBe(false);
    expect(isBareWord("AND")).toBe(false);
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it("keeps the sign of negative numbers and zero", () => {
    const q = query(term("cf.budget", [{ type: "number", value: -0, span: at }], "<"));
    expect(printQuery(q)).toBe("cf.budget: < -0");
  });

  it("refuses trees no query text can produce", () => {
    const bad: QueryNode[] = [
      term("created", [{ type: "date", value: { kind: "day", offsetDays: 3 }, span: at }]),
      term("company", [{ type: "ref", value: "", span: at }]),
      term("cf.budget", [{ type: "number", value: Number.NaN, span: at }]),
      term("sla", [{ type: "duration", ms: 0.5, span: at }]),
      text("two words"),
      text("TKT-1"),
      text("star*"),
      text("or"),
    ];
    for (const node of bad) expect(() => printQuery(query(node))).toThrow(RangeError);
  });

  it("round-trips a corpus of queries and is idempotent", () => {
    const corpus = [
      "status: open urgency: critical",
      "assignee: me created: today",
      'company: "Acme Corp" importance: high',
      "priority: >= high created: < 2026-01-01T10:00:00+02:00 sla: < -30m",
      "number: 1000 .. 1100 or escalation: >= 2",
      "-status: closed not tag: spam not (a or b) -printer",
      "requester: none, me team: l2 has: attachment is: breached, mine",
      "(a or b) (c or -d) or e sort by: due desc",
      "created: next 3 days updated: last year due: +2h",
      'cf.risk: low, "high risk" "Odd": none',
    ];
    for (const source of corpus) {
      const first = parsed(source);
      const printed = printQuery(first);
      expect(withoutSpans(parsed(printed))).toEqual(withoutSpans(first));
      expect(printQuery(parsed(printed))).toBe(printed);
    }
  });
});
