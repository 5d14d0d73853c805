/**
 * Tokens for keyword scoring: lowercase words (letters, digits, inner
 * apostrophes), each tagged with its clause. Punctuation that ends a clause
 * (. ! ? ; : , newline, dashes, brackets) and the word "but" start a new
 * clause, so "not" in one clause never negates a word in the next.
 */
export interface Token {
  word: string;
  clause: number;
}

/** Words that negate the next few words: "not urgent", "no outage", "isn't happy", "non-urgent". */
export const NEGATORS: ReadonlySet<string> = new Set([
  "not",
  "non",
  "no",
  "never",
  "nothing",
  "none",
  "nobody",
  "neither",
  "nor",
  "without",
  "hardly",
  "barely",
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "don't",
  "doesn't",
  "didn't",
  "won't",
  "wouldn't",
  "shouldn't",
  "haven't",
  "hasn't",
  "hadn't",
  "ain't",
  "isnt",
  "arent",
  "wasnt",
  "dont",
  "doesnt",
  "didnt",
]);

/** How many words before a keyword a negator reaches. */
export const NEGATION_WINDOW = 3;

/** Negators written as a prefix ("non-urgent"): they reach the next word only. */
const PREFIX_NEGATORS: ReadonlySet<string> = new Set(["non"]);

const TOKEN_RE = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|[.!?;:,\n()[\]{}\u2014\u2013]|\s-+\s/gu;

export function normalizeText(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc`]/g, "'").toLowerCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  for (const m of normalizeText(text).matchAll(TOKEN_RE)) {
    const s = m[0];
    if (!/[\p{L}\p{N}]/u.test(s) || s === "but") {
      clause++;
      continue;
    }
    tokens.push({ word: s, clause });
  }
  return tokens;
}

/** The words of a keyword phrase, as `tokenize` would produce them. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.word);
}

/**
 * Start positions where `words` occur as whole words inside one clause.
 * With `plural`, a one-word keyword also matches its plural ("account" → "accounts").
 */
export function findPhrase(tokens: readonly Token[], words: readonly string[], plural = false): number[] {
  const hits: number[] = [];
  const n = words.length;
  if (n === 0) return hits;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const t = tokens[i + j];
      const w = words[j] as string;
      ok =
        t !== undefined &&
        t.clause === tokens[i]?.clause &&
        (t.word === w || (plural && n === 1 && (t.word === `${w}s` || t.word === `${w}es`)));
    }
    if (ok) hits.push(i);
  }
  return hits;
}

/** Whether a negator stands within NEGATION_WINDOW words before position `at`, in the same clause. */
export function isNegated(tokens: readonly Token[], at: number): boolean {
  const clause = tokens[at]?.clause;
  for (let i = at - 1; i >= 0 && i >= at - NEGATION_WINDOW; i--) {
    const t = tokens[i];
    if (!t || t.clause !== clause) return false;
    if (NEGATORS.has(t.word) && (i === at - 1 || !PREFIX_NEGATORS.has(t.word))) return true;
  }
  return false;
}
