import { LEVELS, type Level, type PriorityNumber } from "./enums.js";

/**
 * Effective priority from urgency (rows) × importance (columns), seed 001's
 * dual priority. Symmetric, equal to the level on the diagonal, and monotone:
 * raising either dimension never lowers the priority.
 *
 *              importance: critical  high      medium    low
 *   urgency critical       critical  critical  high      medium
 *   urgency high           critical  high      high      medium
 *   urgency medium         high      high      medium    low
 *   urgency low            medium    medium    low       low
 */
const MATRIX: readonly (readonly Level[])[] = [
  ["critical", "critical", "high", "medium"],
  ["critical", "high", "high", "medium"],
  ["high", "high", "medium", "low"],
  ["medium", "medium", "low", "low"],
];

export function levelNumber(level: Level): PriorityNumber {
  return (LEVELS.indexOf(level) + 1) as PriorityNumber;
}

export function levelOf(priority: number): Level {
  const level = LEVELS[priority - 1];
  if (!level) throw new RangeError(`priority must be 1..4, got ${priority}`);
  return level;
}

export function effectivePriority(urgency: Level, importance: Level): Level {
  return MATRIX[LEVELS.indexOf(urgency)]?.[LEVELS.indexOf(importance)] ?? "medium";
}

const up = (level: Level): Level => LEVELS[Math.max(0, LEVELS.indexOf(level) - 1)] ?? level;

/**
 * Escalation raises the effective priority exactly one level by raising the
 * lower of urgency and importance a step at a time. At critical it changes nothing.
 */
export function escalateLevels(urgency: Level, importance: Level): { urgency: Level; importance: Level } {
  const start = levelNumber(effectivePriority(urgency, importance));
  if (start === 1) return { urgency, importance };
  let u = urgency;
  let i = importance;
  while (levelNumber(effectivePriority(u, i)) === start) {
    if (levelNumber(i) > levelNumber(u)) i = up(i);
    else u = up(u);
  }
  return { urgency: u, importance: i };
}
