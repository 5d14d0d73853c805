import type { Level, PriorityNumber } from "../../../common/enums.js";
import { levelNumber } from "../../../common/priority.js";
import { SLA_HOURS } from "../../../common/sla-defaults.js";

/**
 * Keyword scoring (seed 002's auto_priority, seed 004's urgency detection).
 * Each level has weighted phrases; the text's score per level is the sum of
 * weights of phrases found (whole words, case-insensitive). The highest level
 * whose score reaches its threshold wins; otherwise medium.
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

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const COMPILED = Object.fromEntries(
  Object.entries(KEYWORDS).map(([level, words]) => [
    level,
    Object.entries(words).map(([phrase, weight]) => ({
      re: new RegExp(`(^|[^a-z0-9])${escapeRe(phrase)}($|[^a-z0-9])`, "i"),
      weight,
      phrase,
    })),
  ]),
) as Record<Exclude<Level, "medium">, { re: RegExp; weight: number; phrase: string }[]>;

export interface PriorityGuess {
  level: Level;
  priority: PriorityNumber;
  slaHours: number;
  scores: Record<Exclude<Level, "medium">, number>;
  matched: string[];
}

export function scorePriority(text: string): PriorityGuess {
  const normalized = text.replace(/[\u2018\u2019]/g, "'");
  const scores = { critical: 0, high: 0, low: 0 };
  const matched: string[] = [];
  for (const level of ["critical", "high", "low"] as const) {
    for (const { re, weight, phrase } of COMPILED[level]) {
      if (re.test(normalized)) {
        scores[level] += weight;
        matched.push(phrase);
      }
    }
  }
  let level: Level = "medium";
  if (scores.critical >= THRESHOLD.critical) level = "critical";
  else if (scores.high >= THRESHOLD.high || scores.critical >= 2) level = "high";
  else if (scores.low >= THRESHOLD.low) level = "low";
  const priority = levelNumber(level);
  return { level, priority, slaHours: SLA_HOURS[priority], scores, matched };
}

/** Seed 002's `auto_priority(description) -> (priority, sla_hours)`. */
export function autoPriority(text: string): [PriorityNumber, number] {
  const guess = scorePriority(text);
  return [guess.priority, guess.slaHours];
}
