import type { ClassificationView } from "../../../common/api/classify.js";
import type { TicketClassification } from "../../lib/index.js";

/** A classification as the API answers it: every field named, nothing internal. */
export function presentClassification(c: TicketClassification): ClassificationView {
  const dimension = (d: TicketClassification["urgency"]) => ({
    level: d.level,
    scores: { critical: d.scores.critical, high: d.scores.high, low: d.scores.low },
    keywords: d.keywords.map((k) => ({ phrase: k.phrase, level: k.level, weight: k.weight })),
    negated: [...d.negated],
  });
  return {
    urgency: dimension(c.urgency),
    importance: dimension(c.importance),
    priority: c.priority,
    priorityNumber: c.priorityNumber,
    category: {
      name: c.category.name,
      family: c.category.family,
      confidence: c.category.confidence,
      keywords: [...c.category.keywords],
      scores: { ...c.category.scores },
    },
    sentiment: {
      label: c.sentiment.label,
      score: c.sentiment.score,
      comparative: c.sentiment.comparative,
      words: c.sentiment.words.map((w) => ({ word: w.word, score: w.score, negated: w.negated })),
    },
    angry: c.angry,
    angryReasons: [...c.angryReasons],
    estimatedResolution: { hours: c.estimatedResolution.hours, basis: c.estimatedResolution.basis },
    explanation: [...c.explanation],
  };
}
