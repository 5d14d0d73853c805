import { describe, expect, it } from "vitest";
import { completionContext } from "./complete.js";
import type { CustomFieldSpec } from "./fields.js";
import { FIELDS } from "./fields.js";
import { parseQuery } from "./parser.js";

/** Completion with the cursor at `|` in `marked`. */
function at(marked: string, customFields?: CustomFieldSpec[]) {
  const cursor = marked.indexOf("|");
  const source = marked.replace("|", "");
  return completionContext(source, cursor, customFields ? { customFields } : {});
}
const labels = (marked: string): string[] => at(marked).items.map((i) => i.label);

describe("completionContext", () => {
  it("offers every field and the keywords at the start", () => {
    const ctx = at("|");
    expect(ctx).toMatchObject({ kind: "field", prefix: "", replace: { start: 0, end: 0 } });
    expect(ctx.items.filter((i) => i.kind === "field").map((i) => i.label)).toEqual(FIELDS.map((f) => f.name));
    expect(ctx.items.filter((i) => i.kind === "keyword").map((i) => i.label)).toEqual(["not", "sort by:"]);
    expect(ctx.items.find((i) => i.label === "status")).toEqual({
      label: "status",
      insert: "status: ",
      kind: "field",
      detail: FIELDS[0]?.description,
    });
  });

  it("filters fields by the typed prefix, aliases included, and replaces the whole word", () => {
    const ctx = at("urgency: high sta|");
    expect(ctx).toMatchObject({ kind: "field", prefix: "sta", replace: { start: 14, end: 17 } });
    expect(ctx.items.map((i) => i.label)).toEqual(["status"]);
    const owner = at("own|").items;
    expect(owner.map((i) => i.label)).toEqual(["assignee"]);
    expect(owner[0]?.detail).toMatch(/\(owner\)$/);
    expect(at("sta|tus: open").replace).toEqual({ start: 0, end: 7 });
    expect(at("-pri|").replace).toEqual({ start: 1, end: 4 });
  });

  it("offers and/or after an operand, fields after a finished value", () => {
    expect(labels("status: open |")).toEqual(expect.arrayContaining(["status", "and", "or", "not", "sort by:"]));
    expect(labels("status: open an|")).toEqual(["and"]);
    expect(labels("status: open o|")).toEqual(["assignee", "company", "created", "or"]);
    expect(labels("a or |")).not.toContain("or");
    expect(labels("(a |")).not.toContain("sort by:");
  });

  it("offers the enum values of the field at the cursor, filtered by the prefix", () => {
    const ctx = at("status: op|");
    expect(ctx).toMatchObject({ kind: "value", prefix: "op", replace: { start: 8, end: 10 } });
    expect(ctx.field?.name).toBe("status");
    expect(ctx.items).toEqual([{ label: "open", insert: "open", kind: "value", detail: "status" }]);
    expect(labels("status:|")).toContain("in_progress");
    expect(labels("status: open, |")).toHaveLength(9);
    expect(labels("priority: >= h|")).toEqual(["high"]);
    expect(labels("priority: low .. |")).toEqual(["critical", "high", "medium", "low"]);
    expect(at("status: |open").replace).toEqual({ start: 8, end: 8 });
  });

  it("offers me, none and unassigned where the field takes them, and names the field for the server", () => {
    expect(labels("assignee: |")).toEqual(["me", "none", "unassigned"]);
    expect(labels("requester: n|")).toEqual(["none"]);
    expect(labels("company: |")).toEqual(["none"]);
    const ctx = at('company: "Ac|');
    expect(ctx).toMatchObject({ kind: "value", prefix: "Ac", replace: { start: 9, end: 12 }, items: [] });
    expect(ctx.field?.type).toBe("ref");
    const tag = at("#vi|");
    expect(tag).toMatchObject({ kind: "value", prefix: "vi", replace: { start: 1, end: 3 } });
    expect(tag.field?.name).toBe("tag");
  });

  it("offers date phrases for date fields, following a phrase across words", () => {
    expect(labels("created: |")).toEqual(expect.arrayContaining(["today", "this week", "last 7 days"]));
    expect(labels("created: y|")).toEqual(["yesterday"]);
    const ctx = at("due: < next |");
    expect(ctx).toMatchObject({ kind: "value", prefix: "next ", replace: { start: 7, end: 12 } });
    expect(ctx.items.map((i) => i.label)).toEqual(["next week", "next month", "next 7 days"]);
    expect(labels("created: last 7 |")).toEqual(["last 7 days"]);
    // A finished phrase is a finished value; a broken one ends where the next term starts.
    expect(at("created: last week |").kind).toBe("field");
    expect(at("created: last status:|").field?.name).toBe("status");
  });

  it("offers sort fields after sort by: and directions after a sort field", () => {
    const ctx = at("status: open sort by: pr|");
    expect(ctx).toMatchObject({ kind: "field", prefix: "pr" });
    expect(ctx.items).toEqual([{ label: "priority", insert: "priority", kind: "field", detail: "sort" }]);
    expect(labels("order by: |")).toHaveLength(10);
    expect(labels("sort: created, u|")).toEqual(["urgency", "updated"]);
    const dir = at("sort by: created d|");
    expect(dir.kind).toBe("keyword");
    expect(dir.items.map((i) => i.label)).toEqual(["desc", "due"]);
    expect(labels("sort by: created desc, |")).toHaveLength(10);
  });

  it("completes custom fields and their options, quoting what needs quotes", () => {
    const custom: CustomFieldSpec[] = [
      { key: "risk", label: "Risk Level", type: "select", options: ["Low", "High Risk"] },
    ];
    const field = at("ri|", custom).items;
    expect(field).toEqual([expect.objectContaining({ label: "cf.risk", insert: "cf.risk: " })]);
    expect(at("cf.risk: |", custom).items.map((i) => i.insert)).toEqual(["low", '"high risk"', "none"]);
    expect(at('"Risk Level": h|', custom).items.map((i) => i.label)).toEqual(["high risk"]);
  });

  it("produces inserts that parse", () => {
    for (const item of at("status: |").items) expect(parseQuery(`status: ${item.insert}`).ok).toBe(true);
    for (const item of at("created: |").items) expect(parseQuery(`created: ${item.insert}`).ok).toBe(true);
    for (const item of at("|").items.filter((i) => i.kind === "field")) {
      expect(parseQuery(item.insert).ok).toBe(false); // a field alone still needs its value …
      expect(parseQuery(`${item.insert}x`).ok || item.label !== "tag").toBe(true); // … and tag takes any word
    }
  });

  it("clamps the cursor and never throws", () => {
    expect(completionContext("status: op", 99).prefix).toBe("op");
    expect(completionContext("status: op", -5).replace).toEqual({ start: 0, end: 0 });
    expect(completionContext("status: op", Number.NaN).kind).toBe("field");
    for (const source of ['"', "((", "-", "#", "status: ,", "sort by: ,", "a .. b", "x: >= "]) {
      for (let cursor = 0; cursor <= source.length; cursor++) {
        expect(() => completionContext(source, cursor)).not.toThrow();
      }
    }
  });
});
