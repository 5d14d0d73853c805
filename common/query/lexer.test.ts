import { describe, expect, it } from "vitest";
import { createIssue, didYouMean, editDistance, lineColumn, positionAt, suggest } from "./issues.js";
import { lex } from "./lexer.js";

const kinds = (source: string) => lex(source).tokens.map((t) => `${t.kind}:${t.text}`);

describe("lex", () => {
  it("splits fields, words, strings and punctuation, ending with eof", () => {
    expect(kinds('status:open (a, "b c") cf.x:1')).toEqual([
      "field:status",
      "word:open",
      "lparen:(",
      "word:a",
      "comma:,",
      "string:b c",
      "rparen:)",
      "field:cf.x",
      "word:1",
      "eof:",
    ]);
  });

  it("needs the colon right after the name; dates keep their colons", () => {
    expect(kinds("status :x")).toEqual(["word:status", "word::x", "eof:"]);
    expect(kinds("2026-01-31T10:00:00+02:00")).toEqual(["word:2026-01-31T10:00:00+02:00", "eof:"]);
    expect(lex('"Risk Level": x').tokens[0]).toMatchObject({
      kind: "field",
      text: "Risk Level",
      quoted: true,
      span: { start: 0, end: 13 },
      nameSpan: { start: 0, end: 12 },
    });
  });

  it("reads .. as a range only with exactly two dots", () => {
    expect(kinds("1..5")).toEqual(["word:1", "range:..", "word:5", "eof:"]);
    expect(kinds("wait... a.b")).toEqual(["word:wait...", "word:a.b", "eof:"]);
    expect(kinds(".. x")).toEqual(["range:..", "word:x", "eof:"]);
  });

  it("treats -, #, and comparators specially only at a word's start", () => {
    expect(kinds("-a TKT-1 #b c#d >=x a<b =")).toEqual([
      "minus:-",
      "word:a",
      "word:TKT-1",
      "hash:#",
      "word:b",
      "word:c#d",
      "cmp:>=",
      "word:x",
      "word:a<b",
      "cmp:=",
      "eof:",
    ]);
    const [minus, word, spaced] = lex("-a - b").tokens;
    expect([minus?.spaceBefore, word?.spaceBefore, spaced?.spaceBefore]).toEqual([true, false, true]);
  });

  it("unescapes strings and reports an unterminated one", () => {
    expect(lex('"a \\"b\\" \\\\ \\n"').tokens[0]?.text).toBe('a "b" \\ \\n');
    const open = lex('x "abc');
    expect(open.tokens[1]).toMatchObject({
      kind: "string",
      text: "abc",
      unterminated: true,
      span: { start: 2, end: 6 },
    });
    expect(open.issues).toEqual([
      { message: 'unterminated quote at 1:3 — add a closing "', span: { start: 2, end: 6 }, at: "1:3" },
    ]);
  });
});

describe("issues", () => {
  it("place offsets at 1-based lines and columns", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn("ab\ncd", 99)).toEqual({ line: 2, column: 3 });
    expect(positionAt("a\n\nb", 3)).toBe("3:1");
  });

  it("measure edits with transpositions, giving up past the limit", () => {
    expect(editDistance("stauts", "status")).toBe(1);
    expect(editDistance("urgnt", "urgent")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("a".repeat(500), "b")).toBe(3);
    expect(editDistance("", "")).toBe(0);
  });

  it("suggest a unique prefix, else the closest candidate within reach", () => {
    expect(suggest("prio", ["priority", "status"])).toBe("priority");
    expect(suggest("stat", ["status", "sla"])).toBe("status");
    expect(suggest("staus", ["status", "sla"])).toBe("status");
    expect(suggest("Urgnt", ["urgent"])).toBe("urgent");
    expect(suggest("xx", ["is", "has"])).toBeUndefined();
    expect(suggest("zzzz", ["status"])).toBeUndefined();
    expect(suggest("", ["status"])).toBeUndefined();
  });

  it("build issues with the position in the message", () => {
    expect(createIssue("ab\nxyz", { start: 4, end: 6 }, (at, s) => `bad at ${at}${didYouMean(s)}`, "x")).toEqual({
      message: 'bad at 2:2 — did you mean "x"?',
      span: { start: 4, end: 6 },
      at: "2:2",
      suggestion: "x",
    });
    expect(didYouMean(undefined, " — try y")).toBe(" — try y");
  });
});
