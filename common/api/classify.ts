/**
 * API contract for ticket classification (`POST /api/v1/classify`): what the
 * engine reads from a ticket's text, and why, before or without creating it.
 */
import { z } from "zod";
import { LEVELS } from "../enums.js";

export const classifyInput = z
  .object({
    subject: z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters"),
    description: z.string().max(1_000_000, "must be at most 1,000,000 characters").default(""),
  })
  .strict();
export type ClassifyInput = z.input<typeof classifyInput>;

const level = z.enum(LEVELS);
const signal = z.enum(["critical", "high", "low"]);

const dimension = z.object({
  level,
  scores: z.object({ critical: z.number(), high: z.number(), low: z.number() }),
  keywords: z
    .array(z.object({ phrase: z.string(), level: signal, weight: z.number() }))
    .describe("the phrases that counted, the level each votes for, and its weight"),
  negated: z.array(z.string()).describe('phrases found only after a negator ("not urgent"): they do not count'),
});

export const classificationView = z.object({
  urgency: dimension.describe("how soon it must be handled"),
  importance: dimension.describe("how much it matters"),
  priority: level.describe("urgency × importance"),
  priorityNumber: z.number().int().min(1).max(4),
  category: z.object({
    name: z.string(),
    family: z.string().describe("seed 004's category: billing, technical, account or general"),
    confidence: z.number().min(0).max(1),
    keywords: z.array(z.string()).describe("the keywords that decided it"),
    scores: z.record(z.string(), z.number()),
  }),
  sentiment: z.object({
    label: z.enum(["positive", "neutral", "negative"]),
    score: z.number().describe("AFINN-165 sum, negated words flipped"),
    comparative: z.number().describe("score per word"),
    words: z.array(z.object({ word: z.string(), score: z.number(), negated: z.boolean() })),
  }),
  angry: z.boolean(),
  angryReasons: z.array(z.string()),
  estimatedResolution: z.object({
    hours: z.number(),
    basis: z.string().describe('where the hours come from, e.g. "default SLA policy: high → 24 h"'),
  }),
  explanation: z.array(z.string()).describe("one line per decision, naming the words that made it"),
});
export type ClassificationView = z.infer<typeof classificationView>;
