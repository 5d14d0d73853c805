import type { Level } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import type { Ctx } from "../kernel/index.js";
import type { FieldChange, NewEntry } from "../timeline/index.js";
import { decideRoute, type RouteDecision } from "./decide-route.js";
import { type CategoryGuess, detectCategory } from "./detect-category.js";
import { analyzeSentiment, SENTIMENTS, type SentimentLabel, type SentimentResult } from "./sentiment.js";

/** Classification reads this much of a ticket's text (subject first): enough, and bounded. */
const MAX_CLASSIFIED_CHARS = 20_000;

/** The custom field where routing stores the intake sentiment. */
export const SENTIMENT_FIELD = "sentiment";

export interface StoredSentiment {
  label: SentimentLabel;
  score: number;
  angry: boolean;
}

/** The sentiment routing stored on a ticket, if any. */
export function readSentiment(customFields: Record<string, unknown>): StoredSentiment | null {
  const v = customFields[SENTIMENT_FIELD] as Partial<StoredSentiment> | undefined;
  if (!v || typeof v !== "object" || !(SENTIMENTS as readonly unknown[]).includes(v.label)) return null;
  return { label: v.label as SentimentLabel, score: Number(v.score ?? 0), angry: v.angry === true };
}

export interface Classification {
  category: CategoryGuess;
  sentiment: SentimentResult;
}

/** Category and sentiment of a ticket's subject and message. */
export function classifyText(subject: string, body: string): Classification {
  const text = `${subject}\n${body}`.slice(0, MAX_CLASSIFIED_CHARS);
  return { category: detectCategory(text), sentiment: analyzeSentiment(text) };
}

export interface RoutingPlan {
  /** The ticket's category: the one given, else the detected one. */
  category: string;
  sentiment: StoredSentiment;
  teamId: string | null;
  assigneeId: string | null;
  decision: RouteDecision | null;
  reason: string;
  /** The `routed` timeline event for the new ticket. */
  entry(ticketId: string): NewEntry;
  /** What the `ticket.created` event carries about routing. */
  summary: Record<string, unknown>;
}

/**
 * The routing step of ticket creation, inside its transaction: classify the
 * text, and — unless the creator already chose a team or assignee — pick team
 * and agent. The caller writes the plan with the ticket, so state, timeline
 * entry and outbox event commit together.
 */
export async function planRouting(
  tx: Tx,
  ctx: Ctx,
  input: {
    subject: string;
    description: string;
    category?: string | undefined;
    level: Level;
    /** The ticket's tags: skill-match teams look for them among agents' skills. */
    tags?: readonly string[] | undefined;
    chosenByCreator: boolean;
  },
): Promise<RoutingPlan> {
  const classification = classifyText(input.subject, input.description);
  const category = input.category?.trim().toLowerCase() || classification.category.category;
  const s = classification.sentiment;
  const sentiment: StoredSentiment = { label: s.label, score: s.score, angry: s.angry };
  const decision = input.chosenByCreator
    ? null
    : await decideRoute(tx, ctx, { category, level: input.level, tags: input.tags });
  const reason = decision?.reason ?? `category ${category}; team and assignee chosen by the creator, not routed`;
  const teamId = decision?.team?.id ?? null;
  const assigneeId = decision?.agent?.id ?? null;
  const changes: FieldChange[] = [];
  if (teamId) changes.push({ field: "teamId", from: null, to: teamId });
  if (assigneeId) changes.push({ field: "assigneeId", from: null, to: assigneeId });
  changes.push({ field: SENTIMENT_FIELD, from: null, to: sentiment.label });
  return {
    category,
    sentiment,
    teamId,
    assigneeId,
    decision,
    reason,
    entry: (ticketId) => ({
      ticketId,
      kind: "event",
      author: { type: "system", id: null },
      body: reason,
      event: { action: "routed", changes },
    }),
    summary: {
      category,
      detectedCategory: classification.category.category,
      categoryKeywords: classification.category.matched,
      sentiment,
      teamId,
      assigneeId,
      teamRule: decision?.teamRule ?? null,
      agentRule: decision?.agentRule ?? null,
      strategy: decision?.strategy ?? null,
      overflowFrom: decision?.overflowFrom?.id ?? null,
      reason,
    },
  };
}
