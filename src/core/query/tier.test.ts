/** `tier:` (alias `plan:`): parsed as a company's plan, bound to the companies that have it. */
import { describe, expect, it } from "vitest";
import { completionContext } from "../../../common/query/complete.js";
import { parseQuery } from "../../../common/query/parser.js";
import { withoutSpans } from "../../../common/query/without-spans.js";
import type { Actor } from "../kernel/index.js";
import { ANY_TIER, bindQuery, type RefTable } from "./bind.js";
import type { Predicate } from "./bound.js";
import { tierOperands } from "./resolve-refs.js";

const agent: Actor = { type: "agent", id: "00000000-0000-7000-8000-000000000001", role: "agent" };
const customer: Actor = { type: "customer", id: "c1", role: "company_user", companyId: "co1" };

const tiers: RefTable = new Map([
  [
    "tier",
    new Map([
      ["enterprise", ["co1", "co2"]],
      ["gold", ["co3"]],
      ["platinum", []],
      ["free", ["co4"]],
      [ANY_TIER, ["co1", "co2", "co3", "co4"]],
    ]),
  ],
]);

function where(source: string) {
  const parsed = parseQuery(source);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.query.where;
}

function bind(source: string, actor: Actor = agent) {
  const parsed = parseQuery(source);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return bindQuery(parsed.query, {
    now: new Date("2026-05-15T10:00:00Z"),
    timeZone: "UTC",
    actor,
    source,
    refs: tiers,
    customFieldTypes: new Map(),
  });
}

function predicate(source: string): Predicate {
  const r = bind(source);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.predicate;
}

const companies = (...ids: string[]): Predicate => ({ p: "id-in", column: "companyId", ids });

describe("parsing tier:", () => {
  it("reads tier and plan as one text field, with lists, negation and none", () => {
    const term = { kind: "term", field: "tier", op: "=", values: [{ type: "text", value: "Enterprise" }] };
    expect(withoutSpans(where("tier: Enterprise"))).toEqual(term);
    expect(withoutSpans(where("PLAN: Enterprise"))).toEqual(term);
    expect(withoutSpans(where("-tier: free"))).toEqual({
      kind: "not",
      operand: { ...term, values: [{ type: "text", value: "free" }] },
    });
    expect(withoutSpans(where("tier: gold, platinum"))).toMatchObject({
      values: [
        { type: "text", value: "gold" },
        { type: "text", value: "platinum" },
      ],
    });
    expect(withoutSpans(where("tier: none"))).toMatchObject({ values: [{ type: "none" }] });
    expect(withoutSpans(where("has: tier"))).toMatchObject({ field: "has", values: [{ type: "enum", value: "tier" }] });
  });

  it("refuses comparisons and an empty value", () => {
    expect(parseQuery("tier: > gold").ok).toBe(false);
    expect(parseQuery('tier: ""').ok).toBe(false);
  });

  it("offers the field, its alias and `none` while typing", () => {
    expect(completionContext("ti", 2).items.map((i) => i.label)).toContain("tier");
    const plan = completionContext("pla", 3).items.find((i) => i.label === "tier");
    expect(plan?.detail).toMatch(/\(plan\)$/);
    expect(completionContext("tier: ", 6).items.map((i) => i.label)).toContain("none");
    expect(completionContext("has: ti", 7).items.map((i) => i.label)).toEqual(["tier"]);
  });
});

describe("which tiers a query needs resolved", () => {
  it("collects the named tiers case-folded, and whether every tiered company is needed", () => {
    const a = tierOperands(where("tier: Gold, ENTERPRISE or (plan: gold -company: acme)"));
    expect([[...a.values].sort(), a.any]).toEqual([["enterprise", "gold"], false]);
    expect(tierOperands(where("tier: none")).any).toBe(true);
    expect(tierOperands(where("status: open -(has: tier)")).any).toBe(true);
    expect(tierOperands(where("has: assignee #gold"))).toEqual({ values: new Set(), any: false });
  });
});

describe("binding tier:", () => {
  it("becomes the set of companies with that tier, case-insensitively", () => {
    expect(predicate("tier: ENTERPRISE")).toEqual(companies("co1", "co2"));
    expect(predicate("plan: gold, enterprise")).toEqual({
      p: "or",
      any: [companies("co3"), companies("co1", "co2")],
    });
  });

  it("matches nothing for a tier no company has, without complaining", () => {
    expect(predicate("tier: platinum")).toEqual({ p: "false" });
    expect(predicate("tier: diamond")).toEqual({ p: "false" });
    expect(predicate("-tier: diamond")).toEqual({ p: "true" });
  });

  it("negates to every other ticket, tickets without a company included", () => {
    expect(predicate("-tier: free")).toEqual({ p: "not", x: companies("co4") });
  });

  it("reads has: tier as a company with any tier, and tier: none as the opposite", () => {
    const any = companies("co1", "co2", "co3", "co4");
    expect(predicate("has: tier")).toEqual(any);
    expect(predicate("tier: none")).toEqual({ p: "not", x: any });
  });

  it("keeps the field from customers, like the other internal fields", () => {
    for (const q of ["tier: enterprise", "plan: gold", "has: tier", "status: open -tier: free"]) {
      const r = bind(q, customer);
      expect(r.ok, q).toBe(false);
      if (!r.ok) expect(r.issues[0]?.message, q).toMatch(/not available in the customer portal/);
    }
  });
});
