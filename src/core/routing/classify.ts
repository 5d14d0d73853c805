import { classifyInput } from "../../../common/api/classify.js";
import type { Level, PriorityNumber } from "../../../common/enums.js";
import { levelNumber } from "../../../common/priority.js";
import { SLA_HOURS } from "../../../common/sla-defaults.js";
import { authorize } from "../access/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { type KeywordHit, type LevelScore, scoreUrgencyImportance } from "./auto-priority.js";
import { type Category, detectCategory, type Seed004Category } from "./detect-category.js";
import { analyzeSentiment, type SentimentLabel, type SentimentWord } from "./sentiment.js";

/** Classification reads this much of a ticket's text (subject first), like routing at creation. */
export const CLASSIFY_MAX_CHARS = 20_000;

export interface ClassifyOptions {
  /**
   * Resolution target in hours per priority. Default: the default SLA policy
   * (common/sla-defaults.ts: critical 4, high 24, medium 72, low 168).
   */
  resolutionHours?: (priority: Level) => number;
  /** What `resolutionHours` stands for, for the explanation (e.g. "SLA policy Gold"). */
  resolutionBasis?: string;
}

export interface DimensionResult {
  level: Level;
  scores: LevelScore["scores"];
  /** The phrases that counted, the level each votes for, and its weight. */
  keywords: KeywordHit[];
  /** Phrases found only after a negator ("not urgent"): they do not count. */
  negated: string[];
}

export interface TicketClassification {
  urgency: DimensionResult;
  importance: DimensionResult;
  /** Effective priority: urgency × importance. */
  priority: Level;
  priorityNumber: PriorityNumber;
  category: {
    name: Category;
    family: Seed004Category;
    confidence: number;
    keywords: string[];
    scores: Record<string, number>;
  };
  sentiment: { label: SentimentLabel; score: number; comparative: number; words: SentimentWord[] };
  angry: boolean;
  angryReasons: string[];
  estimatedResolution: { hours: number; basis: string };
  /** One line per decision, naming the words that made it. */
  explanation: string[];
}

const dimension = (s: LevelScore): DimensionResult => ({
  level: s.level,
  scores: s.scores,
  keywords: s.hits,
  negated: s.negated,
});

function explainDimension(name: string, d: DimensionResult): string {
  const words = d.keywords.map((k) => `"${k.phrase}" (${k.level} +${k.weight})`).join(", ");
  const negated = d.negated.length > 0 ? `; not counted after a negator: "${d.negated.join('", "')}"` : "";
  return `${name} ${d.level}: ${words || "no keywords"}${negated}`;
}

function explainCategory(c: TicketClassification["category"]): string {
  if (c.name !== "general") return `category ${c.name} (confidence ${c.confidence}): ${c.keywords.join(", ")}`;
  const weak = Object.entries(c.scores).filter(([, s]) => s > 0);
  const why =
    weak.length > 0
      ? `no category reached a score of 2 (${weak.map(([k, s]) => `${k} ${s}`).join(", ")})`
      : "no category keywords";
  return `category general (confidence ${c.confidence}): ${why}`;
}

function explainSentiment(s: TicketClassification["sentiment"]): string {
  const words = s.words.map((w) => `${w.negated ? "negated " : ""}"${w.word}" ${w.score > 0 ? "+" : ""}${w.score}`);
  return `sentiment ${s.label} (score ${s.score}, comparative ${s.comparative}): ${words.join(", ") || "no scored words"}`;
}

/**
 * Classifies a ticket's subject and description: urgency and importance by
 * keywords (negation aware) and the effective priority from their matrix;
 * category with a confidence; AFINN sentiment and the angry flag; and the
 * resolution estimate from the SLA target of that priority. Every part says
 * which words decided it. Pure: nothing is stored.
 */
export function classifyTicket(
  input: { subject: string; description?: string },
  opts: ClassifyOptions = {},
): TicketClassification {
  const text = `${input.subject}\n${input.description ?? ""}`.slice(0, CLASSIFY_MAX_CHARS);
  const dual = scoreUrgencyImportance(text);
  const found = detectCategory(text);
  const mood = analyzeSentiment(text);
  const priority = dual.level;
  const priorityNumber = levelNumber(priority);
  const hours = opts.resolutionHours ? opts.resolutionHours(priority) : SLA_HOURS[priorityNumber];
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`resolution hours for ${priority}: got ${hours}`);
  const source = opts.resolutionBasis ?? (opts.resolutionHours ? "custom resolution hours" : "default SLA policy");
  const result: TicketClassification = {
    urgency: dimension(dual.urgency),
    importance: dimension(dual.importance),
    priority,
    priorityNumber,
    category: {
      name: found.category,
      family: found.family,
      confidence: found.confidence,
      keywords: found.keywords,
      scores: found.scores,
    },
    sentiment: { label: mood.label, score: mood.score, comparative: mood.comparative, words: mood.matched },
    angry: mood.angry,
    angryReasons: mood.angryReasons,
    estimatedResolution: { hours, basis: `${source}: ${priority} → ${hours} h` },
    explanation: [],
  };
  result.explanation = [
    explainDimension("urgency", result.urgency),
    explainDimension("importance", result.importance),
    `priority ${priority}: urgency ${dual.urgency.level} × importance ${dual.importance.level}`,
    explainCategory(result.category),
    explainSentiment(result.sentiment),
    mood.angry
      ? `angry: ${mood.angryReasons.join("; ")}`
      : "not angry: no strongly negative word or score, no shouting with negative words",
    `estimated resolution ${hours} h (${result.estimatedResolution.basis})`,
  ];
  return result;
}

/**
 * Classification for agents (`desk.routing.classify`, `POST /api/v1/classify`,
 * `helpline classify`): what the desk would make of a ticket, without creating
 * it. Agents only, like the SLA policies it quotes.
 */
export function previewClassification(ctx: Ctx, rawInput: unknown, opts: ClassifyOptions = {}): TicketClassification {
  authorize(ctx.actor, "automation:read");
  return classifyTicket(parseInput(classifyInput, rawInput), opts);
}
