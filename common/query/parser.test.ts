import { describe, expect, it } from "vitest";
import type { QueryIssue, QueryNode } from "./ast.js";
import type { CustomFieldSpec } from "./fields.js";
import { type ParseOptions, parseQuery } from "./parser.js";
import { withoutSpans } from "./without-spans.js";

const CUSTOM: CustomFieldSpec[] = [
  { key: "risk", label: "Risk Level", type: "select", options: ["Low", "High Risk", "None"] },
  { key: "budget", label: "Budget", type: "number" },
  { key: "go_live", label: "Go live", type: "date" },
  { key: "vip", label: "VIP customer", type: "boolean" },
  { key: "region", label: "Region", type: "text" },
];

function parsed(source: string, options?: ParseOptions) {
  const result = parseQuery(source, options);
  if (!result.ok) throw new Error(`${source}: ${result.issues.map((i) => i.message).join("; ")}`);
  return result.query;
}
const where = (source: string, options?: ParseOptions): QueryNode | null => parsed(source, options).where;
const shape = (source: string, options?: ParseOptions): unknown => withoutSpans(where(source, options));

function issuesOf(source: string, options?: ParseOptions): QueryIssue[] {
  const result = parseQuery(source, options);
  if (result.ok) throw new Error(`expected issues for ${JSON.stringify(source)}`);
  return result.issues;
}
function issueOf(source: string, options?: ParseOptions): QueryIssue {
  const [issue, ...rest] = issuesOf(source, options);
  if (!issue || rest.length > 0) throw new Error(`expected one issue for ${source}, got ${1 + rest.length}`);
  return issue;
}

const t = (field: string, values: unknown[], op = "=") => ({ kind: "term", field, op, values });
const en = (value: string) => ({ type: "enum", value });
const txt = (text: string, extra: { phrase?: boolean; prefix?: boolean } = {}) => ({
  kind: "text",
  text,
  phrase: extra.phrase ?? false,
  prefix: extra.prefix ?? false,
});

describe("terms", () => {
  it("parse the seed examples with exact spans", () => {
    expect(parsed("status: open urgency: critical")).toEqual({
      where: {
        kind: "and",
        operands: [
          {
            kind: "term",
            field: "status",
            fieldSpan: { start: 0, end: 6 },
            op: "=",
            values: [{ type: "enum", value: "open", span: { start: 8, end: 12 } }],
            span: { start: 0, end: 12 },
          },
          {
            kind: "term",
            field: "urgency",
            fieldSpan: { start: 13, end: 20 },
            op: "=",
            values: [{ type: "enum", value: "critical", span: { start: 22, end: 30 } }],
            span: { start: 13, end: 30 },
          },
        ],
        span: { start: 0, end: 30 },
      },
      sort: [],
    });
    expect(shape("assignee: me created: today")).toEqual({
      kind: "and",
      operands: [
        t("assignee", [{ type: "me" }]),
        t("created", [{ type: "date", value: { kind: "day", offsetDays: 0 } }]),
      ],
    });
    const acme = where('company: "Acme Corp" importance: high');
    expect(acme?.kind === "and" && acme.operands[0]).toEqual({
      kind: "term",
      field: "company",
      fieldSpan: { start: 0, end: 7 },
      op: "=",
      values: [{ type: "ref", value: "Acme Corp", span: { start: 9, end: 20 } }],
      span: { start: 0, end: 20 },
    });
  });

  it("resolve field names case-insensitively and through aliases", () => {
    expect(shape("STATUS: Open")).toEqual(t("status", [en("open")]));
    expect(shape("assigned: me")).toEqual(t("assignee", [{ type: "me" }]));
    expect(shape("Owner: me")).toEqual(t("assignee", [{ type: "me" }]));
    expect(shape("via: email")).toEqual(t("channel", [en("email")]));
    expect(shape("opened: today")).toEqual(t("created", [{ type: "date", value: { kind: "day", offsetDays: 0 } }]));
    expect(shape("title: invoice")).toEqual(t("subject", [{ type: "text", value: "invoice" }]));
  });

  it("allow no space after the colon but not before it", () => {
    expect(shape("status:open")).toEqual(t("status", [en("open")]));
    expect(issueOf("status : open").message).toMatch(/":" at 1:8 needs a field name right before it/);
  });

  it("read several values with or without spaces around the commas", () => {
    const expected = t("status", [en("open"), en("in_progress")]);
    expect(shape("status: open, in_progress")).toEqual(expected);
    expect(shape("status: open ,in_progress")).toEqual(expected);
    expect(shape("status:open,in_progress")).toEqual(expected);
  });

  it("type enums: lower-case, 1-4 for levels, pseudo status active, has: and is:", () => {
    expect(shape("priority: 1")).toEqual(t("priority", [en("critical")]));
    expect(shape("urgency: 4, HIGH")).toEqual(t("urgency", [en("low"), en("high")]));
    expect(shape("status: active")).toEqual(t("status", [en("active")]));
    expect(shape("has: attachment")).toEqual(t("has", [en("attachment")]));
    expect(shape("is: unassigned, breached")).toEqual(t("is", [en("unassigned"), en("breached")]));
    expect(shape('status: "on_hold"')).toEqual(t("status", [en("on_hold")]));
  });

  it("type refs, texts, numbers and ticket numbers", () => {
    expect(shape("team: l2-support")).toEqual(t("team", [{ type: "ref", value: "l2-support" }]));
    expect(shape("requester: ann@example.com")).toEqual(t("requester", [{ type: "ref", value: "ann@example.com" }]));
    expect(shape("tag: VIP")).toEqual(t("tag", [{ type: "text", value: "VIP" }]));
    expect(shape("number: TKT-1001, 1002")).toEqual(
      t("number", [
        { type: "number", value: 1001 },
        { type: "number", value: 1002 },
      ]),
    );
    expect(shape("escalation: >= 2")).toEqual(t("escalation", [{ type: "number", value: 2 }], ">="));
  });

  it("type dates, relative phrases with or without quotes, and durations", () => {
    const ago = { type: "date", value: { kind: "ago", ms: 7 * 86_400_000 } };
    expect(shape("created: last 7 days")).toEqual(t("created", [ago]));
    expect(shape('created: "last 7 days"')).toEqual(t("created", [ago]));
    expect(shape("updated: this week")).toEqual(
      t("updated", [{ type: "date", value: { kind: "period", unit: "week", offset: 0 } }]),
    );
    expect(shape("due: < +2h")).toEqual(t("due", [{ type: "date", value: { kind: "ahead", ms: 7_200_000 } }], "<"));
    expect(shape("created: -48h")).toEqual(t("created", [{ type: "date", value: { kind: "ago", ms: 172_800_000 } }]));
    expect(shape("sla: < 2h")).toEqual(t("sla", [{ type: "duration", ms: 7_200_000 }], "<"));
    expect(shape("sla: -1h")).toEqual(t("sla", [{ type: "duration", ms: -3_600_000 }]));
    // The phrase takes only its own words; the rest is free text.
    expect(shape("created: last week printer")).toEqual({
      kind: "and",
      operands: [t("created", [{ type: "date", value: { kind: "period", unit: "week", offset: -1 } }]), txt("printer")],
    });
  });

  it("accept me, none, unassigned and empty where the field allows them", () => {
    expect(shape("requester: me")).toEqual(t("requester", [{ type: "me" }]));
    expect(shape("assignee: unassigned")).toEqual(t("assignee", [{ type: "none" }]));
    expect(shape("company: none, Acme")).toEqual(t("company", [{ type: "none" }, { type: "ref", value: "Acme" }]));
    expect(shape("category: empty")).toEqual(t("category", [{ type: "none" }]));
    // Quoted, they are the literal word.
    expect(shape('tag: "none"')).toEqual(t("tag", [{ type: "text", value: "none" }]));
  });

  it("refuse me, none and unassigned elsewhere, naming the fields that take them", () => {
    expect(issueOf("company: me").message).toBe('"me" at 1:10 works only for assignee and requester, not company');
    expect(issueOf("status: none").message).toMatch(
      /^"none" at 1:9 works only for category, tag, assignee, .* not status$/,
    );
    expect(issueOf("team: unassigned").message).toBe('"unassigned" at 1:7 works only for assignee, not team');
  });

  it("take comparators on ordered fields", () => {
    expect(shape("priority: >= high")).toEqual(t("priority", [en("high")], ">="));
    expect(shape("created: < 2026-01-01")).toEqual(
      t("created", [{ type: "date", value: { kind: "absolute", text: "2026-01-01", dayOnly: true } }], "<"),
    );
    expect(shape("number: > 1000")).toEqual(t("number", [{ type: "number", value: 1000 }], ">"));
    expect(shape("importance:<=medium")).toEqual(t("importance", [en("medium")], "<="));
    expect(shape("status: = open, closed")).toEqual(t("status", [en("open"), en("closed")]));
  });

  it("read ranges of every ordered type", () => {
    const day = (text: string) => ({ type: "date", value: { kind: "absolute", text, dayOnly: true } });
    expect(shape("created: 2026-01-01 .. 2026-02-01")).toEqual(
      t("created", [{ type: "range", from: day("2026-01-01"), to: day("2026-02-01") }]),
    );
    const numbers = { type: "range", from: { type: "number", value: 1000 }, to: { type: "number", value: 1100 } };
    expect(shape("number: 1000 .. 1100")).toEqual(t("number", [numbers]));
    expect(shape("number: 1000..1100")).toEqual(t("number", [numbers]));
    expect(shape("sla: -1h .. 2h")).toEqual(
      t("sla", [
        { type: "range", from: { type: "duration", ms: -3_600_000 }, to: { type: "duration", ms: 7_200_000 } },
      ]),
    );
    expect(shape("priority: low .. high")).toEqual(t("priority", [{ type: "range", from: en("low"), to: en("high") }]));
    const range = where("created: last week .. today");
    expect(range?.kind === "term" && range.values[0]?.span).toEqual({ start: 9, end: 27 });
  });

  it("name custom fields by cf.key, key or label; the canonical name is cf.<key>", () => {
    const options = { customFields: CUSTOM };
    expect(shape("cf.risk: low", options)).toEqual(t("cf.risk", [en("low")]));
    expect(shape('"Risk Level": "high risk"', options)).toEqual(t("cf.risk", [en("high risk")]));
    expect(shape("BUDGET: > -1.5", options)).toEqual(t("cf.budget", [{ type: "number", value: -1.5 }], ">"));
    expect(shape("go_live: next month", options)).toEqual(
      t("cf.go_live", [{ type: "date", value: { kind: "period", unit: "month", offset: 1 } }]),
    );
    expect(shape('"VIP customer": yes', options)).toEqual(t("cf.vip", [{ type: "boolean", value: true }]));
    expect(shape("region: none, EMEA", options)).toEqual(
      t("cf.region", [{ type: "none" }, { type: "text", value: "EMEA" }]),
    );
    // Bare `none` means "no value"; quoted, it is the option called None.
    expect(shape('cf.risk: none, "None"', options)).toEqual(t("cf.risk", [{ type: "none" }, en("none")]));
    expect(issueOf("cf.risk: medium", options).message).toMatch(/unknown value "medium" for cf.risk at 1:10/);
    expect(issueOf("cf.nope: x", options).message).toMatch(/^unknown field "cf.nope" at 1:1/);
    expect(issueOf("cf.risk: low").message).toMatch(/^unknown field "cf.risk"/);
  });
});

describe("free text, tags and ticket numbers", () => {
  it("turn bare words into text, `*` into a prefix, quotes into a phrase", () => {
    expect(shape("printer")).toEqual(txt("printer"));
    expect(shape("print*")).toEqual(txt("print", { prefix: true }));
    expect(shape('"out of paper"')).toEqual(txt("out of paper", { phrase: true }));
    expect(shape('printer "out of paper"')).toEqual({
      kind: "and",
      operands: [txt("printer"), txt("out of paper", { phrase: true })],
    });
    expect(shape('"say \\"hi\\" \\\\ bye"')).toEqual(txt('say "hi" \\ bye', { phrase: true }));
  });

  it("read #tag as a tag term with an empty field span at the #", () => {
    expect(where("x #vip")).toMatchObject({
      operands: [
        txt("x"),
        {
          kind: "term",
          field: "tag",
          fieldSpan: { start: 2, end: 2 },
          op: "=",
          values: [{ type: "text", value: "vip", span: { start: 3, end: 6 } }],
          span: { start: 2, end: 6 },
        },
      ],
    });
    expect(shape('#"two words"')).toEqual(t("tag", [{ type: "text", value: "two words" }]));
  });

  it("read TKT-1001 as ticket number 1001", () => {
    expect(where("TKT-1001")).toEqual({
      kind: "term",
      field: "number",
      fieldSpan: { start: 0, end: 0 },
      op: "=",
      values: [{ type: "number", value: 1001, span: { start: 0, end: 8 } }],
      span: { start: 0, end: 8 },
    });
    expect(shape("abc-12x")).toEqual(txt("abc-12x"));
  });
});

describe("and, or, not and parentheses", () => {
  it("let or bind looser than and, adjacency mean and, and flatten", () => {
    expect(shape("a b or c and d or e")).toEqual({
      kind: "or",
      operands: [
        { kind: "and", operands: [txt("a"), txt("b")] },
        { kind: "and", operands: [txt("c"), txt("d")] },
        txt("e"),
      ],
    });
    expect(shape("a AND (b c) And d")).toEqual({ kind: "and", operands: [txt("a"), txt("b"), txt("c"), txt("d")] });
    expect(shape("(a or b) OR (c or d)")).toEqual({ kind: "or", operands: [txt("a"), txt("b"), txt("c"), txt("d")] });
    expect(shape("((a))")).toEqual(txt("a"));
    expect(shape("(a or b) c")).toEqual({
      kind: "and",
      operands: [{ kind: "or", operands: [txt("a"), txt("b")] }, txt("c")],
    });
  });

  it("negate with not and with an attached -", () => {
    expect(shape("-status: closed")).toEqual({ kind: "not", operand: t("status", [en("closed")]) });
    expect(shape("NOT tag: spam")).toEqual({ kind: "not", operand: t("tag", [{ type: "text", value: "spam" }]) });
    expect(shape("-printer")).toEqual({ kind: "not", operand: txt("printer") });
    expect(shape("-#spam")).toEqual({ kind: "not", operand: t("tag", [{ type: "text", value: "spam" }]) });
    expect(shape("not a b")).toEqual({ kind: "and", operands: [{ kind: "not", operand: txt("a") }, txt("b")] });
    expect(shape("--a")).toEqual({ kind: "not", operand: { kind: "not", operand: txt("a") } });
  });

  it("give not the span of its keyword and operand, parentheses included", () => {
    const node = where("not (a or b)");
    expect(node).toMatchObject({
      kind: "not",
      span: { start: 0, end: 12 },
      operand: { kind: "or", span: { start: 5, end: 11 } },
    });
    expect(where("-status: closed")).toMatchObject({
      span: { start: 0, end: 15 },
      operand: { span: { start: 1, end: 15 } },
    });
    expect(where("x (a b)")).toMatchObject({ kind: "and", span: { start: 0, end: 7 } });
  });

  it("parse an empty or blank query to nothing", () => {
    expect(parsed("")).toEqual({ where: null, sort: [] });
    expect(parsed(" \n\t ")).toEqual({ where: null, sort: [] });
  });
});

describe("sort by", () => {
  it("read sort by:, order by: and sort: with default directions", () => {
    expect(withoutSpans(parsed("status: open sort by: priority desc, created").sort)).toEqual([
      { field: "priority", direction: "desc" },
      { field: "created", direction: "asc" },
    ]);
    expect(withoutSpans(parsed("ORDER BY: opened").sort)).toEqual([{ field: "created", direction: "asc" }]);
    expect(withoutSpans(parsed("sort: relevance").sort)).toEqual([{ field: "relevance", direction: "desc" }]);
    expect(withoutSpans(parsed("sort: relevance ASC").sort)).toEqual([{ field: "relevance", direction: "asc" }]);
    expect(parsed("sort by: due descending").sort).toEqual([
      { field: "due", direction: "desc", span: { start: 9, end: 23 } },
    ]);
  });

  it("may stand anywhere at the top level; alone it leaves where null", () => {
    const q = parsed("sort by: number printer");
    expect(withoutSpans(q)).toEqual({ where: txt("printer"), sort: [{ field: "number", direction: "asc" }] });
    expect(parsed("sort by: updated").where).toBeNull();
  });

  it("refuse unknown sort fields, a second clause, nesting and a missing colon", () => {
    const unknown = issueOf("sort by: prio");
    expect(unknown).toMatchObject({
      message: 'cannot sort by "prio" at 1:10 — did you mean "priority"?',
      suggestion: "priority",
    });
    expect(issueOf("sort by: tag").message).toMatch(/sortable: priority, urgency/);
    expect(issueOf("sort by: created sort: due").message).toBe('a second "sort:" at 1:18 — a query sorts once');
    expect(issueOf("a (sort by: created)").message).toMatch(/"sort by:" at 1:4 belongs at the top level/);
    expect(issueOf("sort by: created, created").message).toMatch(/"created" at 1:19 is already a sort key/);
    expect(issueOf("sort by:").message).toMatch(/^missing field after "sort by:" at 1:1/);
    expect(issueOf("sort by priority").message).toBe('"sort by" at 1:1 needs a colon: sort by: priority');
  });
});

describe("issues", () => {
  it("name unknown fields with a suggestion and a position", () => {
    expect(issueOf("stauts: open")).toEqual({
      message: 'unknown field "stauts" at 1:1 — did you mean "status"?',
      span: { start: 0, end: 6 },
      at: "1:1",
      suggestion: "status",
    });
    expect(issueOf("prio: high").suggestion).toBe("priority");
    const none = issueOf("zzz: x");
    expect(none.message).toBe('unknown field "zzz" at 1:1');
    expect(none).not.toHaveProperty("suggestion");
  });

  it("report several independent issues", () => {
    const issues = issuesOf("foo: x status: open\n  bar: y urgency: hgih");
    expect(issues.map((i) => i.at)).toEqual(["1:1", "2:3", "2:19"]);
    expect(issues[2]?.suggestion).toBe("high");
  });

  it("name unknown values with the closest allowed one, or list them", () => {
    expect(issueOf("status: opne")).toMatchObject({
      message: 'unknown value "opne" for status at 1:9 — did you mean "open"?',
      span: { start: 8, end: 12 },
      suggestion: "open",
    });
    expect(issueOf("channel: fax").message).toBe(
      'unknown value "fax" for channel at 1:10 — expected one of email, portal, widget, slack, api, agent, cli, import',
    );
    expect(issueOf("priority: 5").message).toMatch(
      /expected one of critical, high, medium, low \(or 1-4, 1 = critical\)/,
    );
  });

  it("report a missing value at the end, before ) or or, and after a comma or comparator", () => {
    expect(issueOf("status:")).toMatchObject({ message: 'missing value after "status:" at 1:1 — e.g. status: open' });
    expect(issuesOf("(status: )")[0]?.message).toMatch(/^missing value after "status:" at 1:2/);
    expect(issueOf("status: or closed").message).toMatch(/^missing value after "status:"/);
    expect(issueOf("status: open,").message).toMatch(/^missing value after "," at 1:13/);
    expect(issueOf("priority: >=").message).toMatch(/^missing value after ">=" at 1:11/);
    expect(issueOf("status: tag: x").span).toEqual({ start: 0, end: 7 });
  });

  it("report unbalanced quotes and parentheses, empty parentheses and stray tokens", () => {
    expect(issueOf('company: "Acme')).toMatchObject({
      message: 'unterminated quote at 1:10 — add a closing "',
      span: { start: 9, end: 14 },
    });
    expect(issueOf("(a or b")).toMatchObject({
      message: 'unbalanced "(" at 1:1 — add ")"',
      span: { start: 0, end: 1 },
    });
    expect(issueOf("a or b)").message).toBe('unbalanced ")" at 1:7 — no "(" opens it');
    expect(issueOf("a ( )").message).toBe("empty parentheses at 1:3");
    expect(issueOf("a , b").message).toBe('unexpected "," at 1:3');
    expect(issueOf("a .. b").message).toMatch(/a range needs a field/);
    expect(issueOf(">= high").message).toMatch(/a comparison needs a field/);
    expect(issueOf("*").message).toMatch(/needs a word before it/);
    expect(issueOf('""').message).toBe("empty quotes at 1:1");
    expect(issueOf('a "').message).toBe('unterminated quote at 1:3 — add a closing "');
  });

  it("report dangling or, and, not and -", () => {
    expect(issueOf("a or").message).toBe('"or" at 1:3 has nothing on its right');
    expect(issueOf("or a").message).toBe('"or" at 1:1 has nothing on its left');
    expect(issueOf("a and").message).toBe('"and" at 1:3 has nothing on its right');
    expect(issueOf("and a").message).toBe('"and" at 1:1 has nothing on its left');
    expect(issueOf("(a or) b").span).toEqual({ start: 3, end: 5 });
    expect(issueOf("a not").message).toBe('nothing to negate after "not" at 1:3');
    expect(issueOf("a - b").message).toMatch(/^nothing to negate after "-" at 1:3 — write -word/);
    expect(issueOf("a -").span).toEqual({ start: 2, end: 3 });
    expect(issueOf("# x").message).toBe('"#" at 1:1 needs a tag name, e.g. #vip');
  });

  it("refuse comparators and ranges on fields without an order", () => {
    const cmp = issueOf("status: < open");
    expect(cmp.message).toBe(
      '"<" at 1:9 needs a field with an order (priority, urgency, importance, dates, numbers, sla); status has none',
    );
    expect(cmp.span).toEqual({ start: 8, end: 9 });
    for (const q of ["company: > Acme", "tag: >= x", "channel: < email"])
      expect(issueOf(q).message).toMatch(/with an order/);
    expect(issueOf("status: open .. closed").message).toMatch(/^the range at 1:14 needs a field with an order/);
    expect(issueOf("created: 2026-01-01 ..").message).toMatch(/^the range at 1:21 needs an end/);
    expect(issueOf("created: .. 2026-01-01").message).toMatch(/^the range at 1:10 needs a start/);
  });

  it("refuse several values where one is allowed", () => {
    expect(issueOf("created: today, yesterday")).toMatchObject({
      message: "created takes one value; the one at 1:17 is too many",
      span: { start: 16, end: 25 },
    });
    expect(issueOf("priority: > low, high").message).toBe("a comparison takes one value; the one at 1:18 is too many");
    expect(issueOf("priority: > low .. high").message).toMatch(/">" at 1:13 cannot take a range/);
    expect(issueOf("cf.budget: > none", { customFields: CUSTOM }).message).toMatch(/needs a value to compare with/);
    expect(issueOf("cf.budget: none .. 5", { customFields: CUSTOM }).message).toMatch(
      /a range needs two number values/,
    );
  });

  it("report malformed dates, durations and numbers", () => {
    expect(issueOf("created: 2026-02-30").message).toBe(
      'invalid date "2026-02-30" for created at 1:10 — 2026-02 has 28 days',
    );
    expect(issueOf("created: soon").message).toMatch(/^malformed date "soon" for created at 1:10 — expected e\.g\./);
    expect(issueOf("created: last").message).toMatch(/^malformed date "last"/);
    expect(issueOf("sla: 2x").message).toMatch(/^malformed duration "2x" for sla at 1:6/);
    expect(issueOf("number: ABC").message).toMatch(
      /^malformed number "ABC" for number at 1:9 — expected a ticket number/,
    );
    expect(issueOf("escalation: 1.5").message).toMatch(/expected a whole number/);
    expect(issueOf("cf.vip: maybe", { customFields: CUSTOM }).message).toMatch(/expected true or false/);
    expect(issueOf('company: ""').message).toBe("empty value for company at 1:10");
  });

  it("refuse queries over 10,000 characters and nesting deeper than 50", () => {
    const long = issueOf("a ".repeat(5001));
    expect(long.message).toMatch(/the query is 10002 characters long; the limit is 10000/);
    expect(long.span).toEqual({ start: 10_000, end: 10_002 });
    expect(where(`${"(".repeat(50)}a${")".repeat(50)}`)).toMatchObject({ kind: "text", text: "a" });
    expect(issueOf(`${"(".repeat(51)}a${")".repeat(51)}`)).toMatchObject({
      message: "nesting deeper than 50 at 1:51 — simplify the query",
      span: { start: 50, end: 51 },
    });
    expect(issueOf(`${"not ".repeat(60)}a`).message).toMatch(/^nesting deeper than 50/);
    expect(issueOf(`${"-".repeat(60)}a`).message).toMatch(/^nesting deeper than 50/);
  });

  it("stop listing after twenty issues", () => {
    const result = parseQuery("x: 1 ".repeat(40));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toHaveLength(20);
  });

  it("count lines and columns from 1", () => {
    expect(issueOf("status: open\n\nfoo: x").at).toBe("3:1");
    expect(issueOf("  \tstauts: x").at).toBe("1:4");
  });
});
