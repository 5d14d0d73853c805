import type { Level, PriorityNumber } from "../../../common/enums.js";
import { levelNumber } from "../../../common/priority.js";
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
const KEYWORDS: Record<Exclude<Level, "medium">, Record<string, number>> = {
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

const THRESHOLD: Record<Exclude<Level, "medium">, number> = { critical: 3, high: 2, low: 2 };

const COMPILED = Object.fromEntries(
  Object.entries(KEYWORDS).map(([level, words]) => [
    level,
    Object.entries(words).map(([phrase, weight]) => ({ words: phraseWords(phrase), weight, phrase })),
  ]),
) as Record<Exclude<Level, "medium">, { words: string[]; weight: number; phrase: string }[]>;

export interface PriorityGuess {
  level: Level;
  priority: PriorityNumber;
  slaHours: number;
  scores: Record<Exclude<Level, "medium">, number>;
  /** Phrases that counted. */
  matched: string[];
  /** Phrases found only after a negator ("not urgent", "no outage"): they do not count. */
  negated: string[];
}

export function scorePriority(text: string): PriorityGuess {
  const tokens = tokenize(text);
  const scores = { critical: 0, high: 0, low: 0 };
  const matched: string[] = [];
  const negated: string[] = [];
  for (const level of ["critical", "high", "low"] as const) {
    for (const { words, weight, phrase } of COMPILED[level]) {
      const hits = findPhrase(tokens, words);
      if (hits.length === 0) continue;
      // A phrase counts once, if at least one occurrence is not negated.
      if (hits.every((at) => isNegated(tokens, at))) {
        negated.push(phrase);
        continue;
      }
      scores[level] += weight;
      matched.push(phrase);
    }
  }
  let level: Level = "medium";
  if (scores.critical >= THRESHOLD.critical) level = "critical";
  else if (scores.high >= THRESHOLD.high || scores.critical >= 2) level = "high";
  else if (scores.low >= THRESHOLD.low) level = "low";
  const priority = levelNumber(level);
  return { level, priority, slaHours: SLA_HOURS[priority], scores, matched, negated };
}

/** Seed 002's `auto_priority(description) -> (priority, sla_hours)`. */
export function autoPriority(text: string): [PriorityNumber, number] {
  const guess = scorePriority(text);
  return [guess.priority, guess.slaHours];
}
