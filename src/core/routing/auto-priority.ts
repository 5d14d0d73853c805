import type { Level, PriorityNumber } from "../../../common/enums.js";
import { effectivePriority, levelNumber } from "../../../common/priority.js";
import { SLA_HOURS } from "../../../common/sla-defaults.js";
import { findPhrase, isNegated, phraseWords, tokenize } from "./text.js";

/**
 * Keyword scoring (seed 002's auto_priority, seed 004's urgency detection).
 * Each level has weighted phrases; the text's score per level is the sum of
 * weights of phrases found (whole words, case-insensitive). A phrase with a
 * negator up to three words before it, in the same clause, does not count:
 * "not urgent" is not urgent, "no data loss" is no data loss. The highest
 * level whose score reaches its threshold wins; otherwise medium.
 */
const KEYWORDS: KeywordTable = {
  critical: {
    outage: 3,
    down: 2,
    "production down": 3,
    "system is down": 3,
    "data loss": 3,
    "security breach": 3,
    breach: 2,
    hacked: 3,
    "cannot log in": 2,
    "can't log in": 2,
    "completely broken": 3,
    emergency: 3,
    critical: 2,
    production: 1,
    "all users": 2,
  },
  high: {
    urgent: 2,
    asap: 2,
    broken: 2,
    error: 1,
    failed: 1,
    failing: 1,
    crash: 2,
    crashes: 2,
    "not working": 2,
    blocked: 2,
    major: 1,
    refund: 1,
    charged: 1,
  },
  low: {
    question: 2,
    "feature request": 3,
    suggestion: 2,
    "nice to have": 3,
    enhancement: 2,
    "how do i": 2,
    wondering: 2,
    typo: 2,
    cosmetic: 2,
    "when you get a chance": 3,
  },
};

const THRESHOLD: Record<Signal, number> = { critical: 3, high: 2, low: 2 };

/** The levels a keyword can vote for; medium is what is left when none wins. */
type Signal = Exclude<Level, "medium">;
type KeywordTable = Record<Signal, Record<string, number>>;
interface Compiled {
  words: string[];
  weight: number;
  phrase: string;
  level: Signal;
}

function compile(table: KeywordTable): Compiled[] {
  return (["critical", "high", "low"] as const).flatMap((level) =>
    Object.entries(table[level]).map(([phrase, weight]) => ({ words: phraseWords(phrase), weight, phrase, level })),
  );
}

const COMPILED = compile(KEYWORDS);

/** A keyword that counted: the level it voted for and its weight. */
export interface KeywordHit {
  phrase: string;
  level: Signal;
  weight: number;
}

export interface LevelScore {
  level: Level;
  scores: Record<Signal, number>;
  /** Phrases that counted, in table order (critical first). */
  hits: KeywordHit[];
  /** Phrases found only after a negator ("not urgent", "no outage"): they do not count. */
  negated: string[];
}

/**
 * Scores tokens against a keyword table. A phrase counts once, if at least one
 * occurrence is not negated. The highest level whose score reaches its
 * threshold wins (a critical score of 2 still makes high); otherwise medium.
 */
function scoreLevels(tokens: ReturnType<typeof tokenize>, table: readonly Compiled[]): LevelScore {
  const scores = { critical: 0, high: 0, low: 0 };
  const hits: KeywordHit[] = [];
  const negated: string[] = [];
  for (const { words, weight, phrase, level } of table) {
    const at = findPhrase(tokens, words);
    if (at.length === 0) continue;
    if (at.every((i) => isNegated(tokens, i))) {
      negated.push(phrase);
      continue;
    }
    scores[level] += weight;
    hits.push({ phrase, level, weight });
  }
  let level: Level = "medium";
  if (scores.critical >= THRESHOLD.critical) level = "critical";
  else if (scores.high >= THRESHOLD.high || scores.critical >= 2) level = "high";
  else if (scores.low >= THRESHOLD.low) level = "low";
  return { level, scores, hits, negated };
}

export interface PriorityGuess {
  level: Level;
  priority: PriorityNumber;
  slaHours: number;
  scores: Record<Signal, number>;
  /** Phrases that counted. */
  matched: string[];
  /** Phrases found only after a negator ("not urgent", "no outage"): they do not count. */
  negated: string[];
}

/** One level from one keyword table (what ticket creation uses when no priority is given). */
export function scorePriority(text: string): PriorityGuess {
  const { level, scores, hits, negated } = scoreLevels(tokenize(text), COMPILED);
  const priority = levelNumber(level);
  return { level, priority, slaHours: SLA_HOURS[priority], scores, matched: hits.map((h) => h.phrase), negated };
}

/** Seed 002's `auto_priority(description) -> (priority, sla_hours)`. */
export function autoPriority(text: string): [PriorityNumber, number] {
  const guess = scorePriority(text);
  return [guess.priority, guess.slaHours];
}

/**
 * Urgency (how soon) and importance (how much it matters) scored separately,
 * seed 001's dual priority. Incidents count for both: an outage is urgent and
 * important. Time words count for urgency only ("urgent", "asap", "no rush"),
 * scope and impact words for importance only ("production", "all users",
 * "typo", "cosmetic"): "URGENT: a typo on the invoice" is high urgency, low
 * importance, and medium priority by the matrix.
 */
const INCIDENT: KeywordTable = {
  critical: {
    outage: 3,
    "production down": 3,
    "system is down": 3,
    down: 2,
    "data loss": 3,
    "security breach": 3,
    breach: 2,
    hacked: 3,
    "completely broken": 3,
    "cannot log in": 2,
    "can't log in": 2,
    critical: 2,
    emergency: 3,
  },
  high: {
    broken: 2,
    crash: 2,
    crashes: 2,
    crashed: 2,
    "not working": 2,
    blocked: 2,
    "charged twice": 2,
    "double charged": 2,
    overcharged: 2,
    error: 1,
    failed: 1,
    failing: 1,
  },
  low: {
    question: 2,
    "how do i": 2,
    wondering: 2,
    "feature request": 3,
    suggestion: 2,
    enhancement: 2,
    "nice to have": 3,
  },
};

const URGENCY: KeywordTable = {
  critical: { ...INCIDENT.critical, immediately: 2, "right away": 2 },
  high: {
    ...INCIDENT.high,
    urgent: 2,
    urgently: 2,
    asap: 2,
    "as soon as possible": 2,
    deadline: 2,
    "time sensitive": 2,
    today: 1,
    tonight: 1,
    quickly: 1,
  },
  low: {
    ...INCIDENT.low,
    "when you get a chance": 3,
    "no rush": 3,
    "no hurry": 3,
    "low priority": 3,
    whenever: 2,
    eventually: 2,
  },
};

const IMPORTANCE: KeywordTable = {
  critical: {
    ...INCIDENT.critical,
    production: 1,
    customers: 1,
    "all users": 2,
    "all customers": 2,
    "every user": 2,
    "every customer": 2,
    revenue: 2,
  },
  high: { ...INCIDENT.high, major: 1, important: 2, "many users": 2, refund: 1, charged: 1 },
  low: { ...INCIDENT.low, typo: 2, cosmetic: 2, minor: 2, "small thing": 2 },
};

const COMPILED_URGENCY = compile(URGENCY);
const COMPILED_IMPORTANCE = compile(IMPORTANCE);

export interface DualPriorityGuess {
  urgency: LevelScore;
  importance: LevelScore;
  /** Effective priority: urgency × importance (common/priority.ts). */
  level: Level;
  priority: PriorityNumber;
  /** The default SLA resolution window of that priority. */
  slaHours: number;
}

/** Urgency and importance by keywords, each with the phrases that decided it, and the effective priority. */
export function scoreUrgencyImportance(text: string): DualPriorityGuess {
  const tokens = tokenize(text);
  const urgency = scoreLevels(tokens, COMPILED_URGENCY);
  const importance = scoreLevels(tokens, COMPILED_IMPORTANCE);
  const level = effectivePriority(urgency.level, importance.level);
  const priority = levelNumber(level);
  return { urgency, importance, level, priority, slaHours: SLA_HOURS[priority] };
}
