import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../db/connection.js";
import {
  capitalizedSql,
  expectedDocumentShare,
  FUNCTION_WORD_COUNT,
  SEARCH_VOCABULARY,
  searchPhrases,
  searchTerms,
  wordsSql,
} from "./search-text.js";

describe("the bench vocabulary", () => {
  it("has a few thousand distinct entries that all fit a name", () => {
    expect(SEARCH_VOCABULARY.length).toBeGreaterThanOrEqual(2000);
    expect(SEARCH_VOCABULARY.length).toBeLessThanOrEqual(4000);
    expect(new Set(SEARCH_VOCABULARY).size).toBe(SEARCH_VOCABULARY.length);
    for (const w of SEARCH_VOCABULARY) expect(Buffer.byteLength(w)).toBeLessThan(64);
    expect(SEARCH_VOCABULARY.slice(0, 3)).toEqual(["the", "to", "and"]);
  });

  it("offers search terms in every frequency band, common ones far commoner than rare ones", () => {
    const share = (w: string) => expectedDocumentShare(SEARCH_VOCABULARY.indexOf(w) + 1, 50);
    const [common, medium, rare] = (["common", "medium", "rare"] as const).map((f) => searchTerms(f, 5));
    for (const list of [common, medium, rare]) expect(list).toHaveLength(5);
    expect(Math.min(...(common ?? []).map(share))).toBeGreaterThan(0.08);
    expect(Math.max(...(rare ?? []).map(share))).toBeLessThan(0.004);
    expect(searchPhrases(3).every((p) => p.split(" ").length === 2)).toBe(true);
  });
});

describe("wordsSql", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: null });
  });
  afterAll(async () => {
    await db.close();
  });

  it("writes different text for every row, of the asked length, with a Zipf-like spread", async () => {
    const { rows } = await db.executeSql(`select n, ${wordsSql("n")} as text
      from (select 20 + (i % 61) as n from generate_series(1, 400) as g(i) offset 0) s`);
    const texts = rows.map((r) => String(r.text));
    expect(new Set(texts).size).toBe(400);
    // Phrases count as one entry but hold several words.
    for (const r of rows) expect(String(r.text).split(" ").length).toBeGreaterThanOrEqual(Number(r.n));
    const counts = new Map<string, number>();
    for (const w of texts.join(" ").split(" ")) counts.set(w, (counts.get(w) ?? 0) + 1);
    const total = texts.join(" ").split(" ").length;
    // The commonest entry is ~9 % of draws; over half of all draws are function words.
    expect((counts.get("the") ?? 0) / total).toBeGreaterThan(0.05);
    const functionWords = new Set(SEARCH_VOCABULARY.slice(0, FUNCTION_WORD_COUNT));
    const fn = [...counts].filter(([w]) => functionWords.has(w)).reduce((a, [, c]) => a + c, 0);
    expect(fn / total).toBeGreaterThan(0.4);
    expect(counts.size).toBeGreaterThan(1000);
  });

  it("skips function words and flattens the head for subjects", async () => {
    const { rows } = await db.executeSql(`select ${capitalizedSql("s")} as subject from (
      select ${wordsSql("4 + (i % 6)", { skipFunctionWords: true, flatten: 10 })} as s
      from generate_series(1, 300) as g(i) offset 0) x`);
    const subjects = rows.map((r) => String(r.subject));
    expect(new Set(subjects).size).toBe(300);
    expect(subjects.every((s) => /^[A-Z0-9]/.test(s))).toBe(true);
    // Some collocations hold a function word (`terms of service`); these never occur alone or in one.
    const words = subjects.join(" ").toLowerCase().split(" ");
    expect(words.filter((w) => ["the", "and", "i", "we", "is"].includes(w))).toEqual([]);
    const top = SEARCH_VOCABULARY[FUNCTION_WORD_COUNT] ?? "";
    expect(subjects.filter((s) => s.toLowerCase().split(" ").includes(top)).length).toBeLessThan(300 * 0.25);
  });
});
