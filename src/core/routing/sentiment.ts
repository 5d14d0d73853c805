import Sentiment from "sentiment";
import { SUPPORT_EXTRAS } from "./sentiment-lexicon.js";
import { isNegated, NEGATORS, type Token, tokenize } from "./text.js";

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

/** An unnegated word this negative marks an angry customer (seed 004: flag negative experiences). */
const ANGRY_WORD = -3;
/** A total this negative marks an angry customer, whatever the single words. */
const ANGRY_SCORE = -10;
/** At or beyond these totals the text is negative or positive; between them, neutral. */
const NEGATIVE_AT = -2;
const POSITIVE_AT = 2;
/** What a negated negative word is worth, as a share of its flipped score. */
const NEGATED_NEGATIVE = 0.5;
/** Shouting: this many ALL-CAPS words … */
const SHOUT_CAPS_WORDS = 3;

/**
 * The `sentiment` package negates a word after any of these. Our own negation
 * (text.ts: three words back, within the clause) replaces it, so they are kept
 * from the package: its rule would flip words a second time.
 */
const PACKAGE_NEGATORS: ReadonlySet<string> = new Set([
  "cant",
  "can't",
  "dont",
  "don't",
  "doesnt",
  "doesn't",
  "not",
  "non",
  "wont",
  "won't",
  "isnt",
  "isn't",
]);

/** Upper-case words that are names, not shouting. */
const ACRONYMS: ReadonlySet<string> = new Set(
  (
    "API SLA SSL TLS DNS URL URI HTTP HTTPS HTML CSS JSON XML CSV PDF SSO SAML OIDC VPN CPU RAM GPU SQL AWS GCP " +
    "FTP SFTP SMTP IMAP POP FAQ ETA ASAP USA USD EUR GBP VAT CEO CTO CFO CRM ERP IOS MFA OTP PIN TKT UTC GMT SDK " +
    "CLI UI UX SMS QR IP"
  ).split(" "),
);

const analyzer = new Sentiment();

export interface SentimentWord {
  word: string;
  /** What the word contributed: its AFINN value, flipped when negated. */
  score: number;
  negated: boolean;
}

export interface SentimentResult {
  label: SentimentLabel;
  /** Sum of word scores, negated words flipped (AFINN-165 with support overrides). */
  score: number;
  /** `score` per word of the text (AFINN's comparative score). */
  comparative: number;
  /** Strongly negative: an unnegated word at −3 or below, a total at −10 or below, or shouting with negative words. */
  angry: boolean;
  /** Why the text counts as angry (empty when it does not). */
  angryReasons: string[];
  /** The words that scored, in text order, with the score each contributed. */
  matched: SentimentWord[];
}

/**
 * AFINN values of the words, from the `sentiment` package with our overrides
 * as `extras`. Negators are left out of what the package reads (see
 * PACKAGE_NEGATORS); its `calculation` lists the scoring words last to first,
 * and a word scores wherever it stands, so walking the tokens in order pairs
 * each entry with its position.
 */
function lexiconScores(tokens: readonly Token[]): Map<number, number> {
  const skip = (w: string) => NEGATORS.has(w) || PACKAGE_NEGATORS.has(w);
  const words = tokens.map((t) => t.word);
  const { calculation } = analyzer.analyze(words.filter((w) => !skip(w)).join(" "), {
    extras: { ...SUPPORT_EXTRAS },
  });
  const found = calculation.map((entry) => Object.entries(entry)[0]).reverse();
  const out = new Map<number, number>();
  let next = 0;
  words.forEach((word, i) => {
    const entry = found[next];
    if (skip(word) || !entry || entry[0] !== word) return;
    next++;
    if (entry[1] !== 0) out.set(i, entry[1]);
  });
  return out;
}

/** ALL-CAPS words (three letters or more, acronyms aside) and runs like "!!!" or "?!?!" in the raw text. */
export function shouting(text: string): { capsWords: string[]; exclamations: string[]; shouting: boolean } {
  const capsWords = text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""))
    .filter((w) => /^\p{Lu}[\p{Lu}']{2,}$/u.test(w) && !ACRONYMS.has(w));
  const exclamations = (text.match(/[!?]{2,}/g) ?? []).filter((run) => run.split("!").length - 1 >= 2);
  const loud = exclamations.some((run) => run.length >= 3) || exclamations.length >= 2;
  return { capsWords, exclamations, shouting: capsWords.length >= SHOUT_CAPS_WORDS || loud };
}

function angerOf(text: string, label: SentimentLabel, score: number, matched: SentimentWord[]): string[] {
  const reasons: string[] = [];
  const strong = matched.filter((m) => !m.negated && m.score <= ANGRY_WORD);
  if (strong.length > 0) {
    const words = strong.map((m) => `"${m.word}" (${m.score})`).join(", ");
    reasons.push(`strongly negative word${strong.length > 1 ? "s" : ""} ${words}`);
  }
  if (score <= ANGRY_SCORE) reasons.push(`strongly negative overall score ${score}`);
  const loud = shouting(text);
  if (loud.shouting && label === "negative") {
    const parts = [
      loud.capsWords.length >= SHOUT_CAPS_WORDS ? `ALL-CAPS words ${loud.capsWords.join(", ")}` : "",
      loud.exclamations.length > 0 ? `"${loud.exclamations.join('", "')}"` : "",
    ].filter(Boolean);
    reasons.push(`shouting (${parts.join("; ")}) with negative words`);
  }
  return reasons;
}

/**
 * Sentiment with the AFINN-165 lexicon (the `sentiment` package) and support
 * overrides, with our negation: a negator up to three words before a word, in
 * the same clause, flips it — fully for praise ("not happy" is negative), by
 * half for complaints ("not bad" is mildly positive, "not urgent" is no
 * complaint, and neither makes the text positive on its own).
 */
export function analyzeSentiment(text: string): SentimentResult {
  const tokens = tokenize(text);
  const values = lexiconScores(tokens);
  let score = 0;
  const matched: SentimentWord[] = [];
  for (const [i, base] of values) {
    const negated = isNegated(tokens, i);
    const s = !negated ? base : base > 0 ? -base : -base * NEGATED_NEGATIVE;
    score += s;
    matched.push({ word: tokens[i]?.word ?? "", score: s, negated });
  }
  score = Math.round(score * 10) / 10;
  const comparative = tokens.length > 0 ? Math.round((score / tokens.length) * 1000) / 1000 : 0;
  const label: SentimentLabel = score <= NEGATIVE_AT ? "negative" : score >= POSITIVE_AT ? "positive" : "neutral";
  const angryReasons = angerOf(text, label, score, matched);
  return { label, score, comparative, angry: angryReasons.length > 0, angryReasons, matched };
}
