import { isNegated, type Token, tokenize } from "./text.js";

export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

/**
 * A small AFINN-style lexicon (-5 … +5), tuned for support requests: plain
 * technical words ("error", "bug") are mild, so a calm bug report stays
 * neutral; frustration and praise are strong. Words like "help" and "please",
 * in every ticket, carry no weight.
 */
const LEXICON: Readonly<Record<string, number>> = {
  // strong negative: an angry customer
  furious: -4,
  outraged: -4,
  unacceptable: -4,
  ridiculous: -3,
  terrible: -3,
  awful: -3,
  horrible: -3,
  worst: -3,
  hate: -3,
  useless: -3,
  pathetic: -3,
  disgusted: -4,
  disgusting: -4,
  incompetent: -3,
  scam: -4,
  fraud: -3,
  angry: -3,
  livid: -4,
  // negative
  frustrated: -2,
  frustrating: -2,
  annoyed: -2,
  annoying: -2,
  disappointed: -2,
  disappointing: -2,
  upset: -2,
  unhappy: -2,
  sad: -2,
  bad: -2,
  poor: -2,
  worse: -2,
  broken: -2,
  failed: -2,
  failure: -2,
  fails: -1,
  failing: -1,
  problem: -1,
  problems: -1,
  issue: -1,
  issues: -1,
  error: -1,
  errors: -1,
  bug: -1,
  bugs: -1,
  crash: -2,
  crashed: -2,
  crashes: -2,
  down: -1,
  critical: -2,
  urgent: -1,
  emergency: -2,
  outage: -2,
  slow: -1,
  stuck: -2,
  lost: -2,
  losing: -2,
  wrong: -2,
  confused: -1,
  confusing: -1,
  worried: -2,
  concerned: -1,
  complaint: -2,
  unable: -1,
  impossible: -2,
  waste: -2,
  wasted: -2,
  // positive
  thanks: 2,
  thank: 2,
  grateful: 3,
  appreciate: 2,
  appreciated: 2,
  great: 3,
  good: 2,
  excellent: 3,
  awesome: 4,
  amazing: 4,
  fantastic: 4,
  wonderful: 4,
  love: 3,
  happy: 3,
  glad: 2,
  pleased: 2,
  satisfied: 2,
  helpful: 2,
  perfect: 3,
  nice: 2,
  quick: 1,
  fast: 1,
  easy: 1,
  resolved: 2,
  fixed: 2,
};

/** A word this negative marks an angry customer (seed 004: flag negative experiences). */
const ANGRY_WORD = -3;
/** At or beyond these totals the text is negative or positive; between them, neutral. */
const NEGATIVE_AT = -2;
const POSITIVE_AT = 2;
/** What a negated negative word is worth, as a share of its flipped score. */
const NEGATED_NEGATIVE = 0.5;

export interface SentimentResult {
  label: SentimentLabel;
  /** Sum of word scores, negated words flipped. */
  score: number;
  /** A strongly negative word was used without negation. */
  angry: boolean;
  /** The words that decided, with the score each contributed. */
  matched: { word: string; score: number; negated: boolean }[];
}

function scoreTokens(tokens: readonly Token[]): SentimentResult {
  let score = 0;
  let angry = false;
  const matched: SentimentResult["matched"] = [];
  tokens.forEach((t, i) => {
    const base = LEXICON[t.word];
    if (base === undefined) return;
    const negated = isNegated(tokens, i);
    // "not happy" is as bad as "unhappy"; "not bad" is only mildly good, "not critical" barely.
    const s = !negated ? base : base > 0 ? -base : -base * NEGATED_NEGATIVE;
    if (!negated && base <= ANGRY_WORD) angry = true;
    score += s;
    matched.push({ word: t.word, score: s, negated });
  });
  score = Math.round(score * 10) / 10;
  const label: SentimentLabel = score <= NEGATIVE_AT ? "negative" : score >= POSITIVE_AT ? "positive" : "neutral";
  return { label, score, angry, matched };
}

/**
 * Sentiment from the lexicon with negation handling: a negator up to three
 * words before a word flips it — fully for praise ("not happy" is negative),
 * by half for complaints ("not bad" is mildly positive, "not urgent" is no
 * complaint, and neither makes the text positive on its own).
 */
export function analyzeSentiment(text: string): SentimentResult {
  return scoreTokens(tokenize(text));
}
