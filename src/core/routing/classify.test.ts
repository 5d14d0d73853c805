import { describe, expect, it } from "vitest";
import type { Actor, Ctx } from "../kernel/index.js";
import { classifyTicket, previewClassification } from "./classify.js";

/** Classification reads no database: a context with just an actor is enough. */
const ctxOf = (actor: Actor) => ({ actor }) as Ctx;
const AGENT: Actor = { type: "agent", id: "agent-1", role: "agent" };
const CUSTOMER: Actor = { type: "customer", id: "cust-1", role: "customer", companyId: null };

/** Seed 004's curl example ("Create a high-priority technical ticket"), verbatim. */
const SEED_004 = {
  subject: "URGENT: Database connection failed",
  description: "Our production database is down and customers cannot access their accounts. This is critical!",
};

describe("classifyTicket on seed 004's example", () => {
  const c = classifyTicket(SEED_004);

  it("rates it critical — seed 004's 'high', which covers critical — from urgency × importance", () => {
    expect(c.urgency.level).toBe("critical");
    expect(c.importance.level).toBe("critical");
    expect(c.priority).toBe("critical");
    expect(c.priorityNumber).toBe(1);
  });

  it("names the words behind urgency and importance with their weights", () => {
    expect(c.urgency.keywords).toEqual(
      expect.arrayContaining([
        { phrase: "down", level: "critical", weight: 2 },
        { phrase: "critical", level: "critical", weight: 2 },
        { phrase: "urgent", level: "high", weight: 2 },
        { phrase: "failed", level: "high", weight: 1 },
      ]),
    );
    expect(c.importance.keywords.map((k) => k.phrase)).toEqual(expect.arrayContaining(["production", "customers"]));
    expect(c.urgency.negated).toEqual([]);
  });

  it("files it under technical with its keywords and a confidence", () => {
    expect(c.category).toMatchObject({ name: "technical", family: "technical", confidence: 0.7 });
    expect(c.category.keywords).toEqual(expect.arrayContaining(["database", "connection", "down"]));
  });

  it("reads it as negative, listing the words that scored, and not angry", () => {
    expect(c.sentiment.label).toBe("negative");
    expect(c.sentiment.score).toBe(-6);
    expect(c.sentiment.comparative).toBeLessThan(0);
    expect(c.sentiment.words).toEqual([
      { word: "urgent", score: -1, negated: false },
      { word: "failed", score: -2, negated: false },
      { word: "down", score: -1, negated: false },
      { word: "critical", score: -2, negated: false },
    ]);
    expect(c.angry).toBe(false);
    expect(c.angryReasons).toEqual([]);
  });

  it("estimates resolution from the default SLA policy's target for the priority", () => {
    expect(c.estimatedResolution).toEqual({ hours: 4, basis: "default SLA policy: critical → 4 h" });
  });

  it("explains every decision in words", () => {
    expect(c.explanation).toEqual([
      expect.stringMatching(/^urgency critical: .*"down" \(critical \+2\).*"urgent" \(high \+2\)/),
      expect.stringMatching(/^importance critical: .*"production" \(critical \+1\)/),
      "priority critical: urgency critical × importance critical",
      expect.stringMatching(/^category technical \(confidence 0\.7\): .*database.*connection/),
      'sentiment negative (score -6, comparative -0.333): "urgent" -1, "failed" -2, "down" -1, "critical" -2',
      "not angry: no strongly negative word or score, no shouting with negative words",
      "estimated resolution 4 h (default SLA policy: critical → 4 h)",
    ]);
  });
});

describe("classifyTicket", () => {
  it("gives a high-priority ticket seed 002's 24 h window with the basis spelled out", () => {
    const c = classifyTicket({ subject: "Export broken", description: "The export is not working since today" });
    expect(c.priority).toBe("high");
    expect(c.estimatedResolution).toEqual({ hours: 24, basis: "default SLA policy: high → 24 h" });
  });

  it("does not count 'not urgent', and says so", () => {
    const c = classifyTicket({ subject: "Not urgent", description: "Whenever you can: how do I export to CSV?" });
    expect(c.urgency.negated).toEqual(["urgent"]);
    expect(c.urgency.keywords.map((k) => k.phrase)).not.toContain("urgent");
    expect(c.priority).toBe("low");
    expect(c.explanation[0]).toMatch(/not counted after a negator: "urgent"/);
    expect(c.estimatedResolution.hours).toBe(168);
  });

  it("flags an angry customer and explains why", () => {
    const c = classifyTicket({
      subject: "THIS IS RIDICULOUS",
      description: "Your billing is a scam, I was charged twice!!! Refund me NOW.",
    });
    expect(c.angry).toBe(true);
    expect(c.angryReasons).toEqual([
      'strongly negative words "ridiculous" (-3), "scam" (-4)',
      'shouting (ALL-CAPS words THIS, RIDICULOUS, NOW; "!!!") with negative words',
    ]);
    expect(c.explanation).toContain(`angry: ${c.angryReasons.join("; ")}`);
    expect(c.category.name).toBe("billing");
    expect(c.sentiment.label).toBe("negative");
  });

  it("works with a subject alone and reports a general, neutral ticket plainly", () => {
    const c = classifyTicket({ subject: "Opening hours" });
    expect(c).toMatchObject({ priority: "medium", angry: false, sentiment: { label: "neutral", words: [] } });
    expect(c.category).toMatchObject({ name: "general", confidence: 0.5, keywords: [] });
    expect(c.explanation).toContain("category general (confidence 0.5): no category keywords");
    expect(c.explanation[0]).toBe("urgency medium: no keywords");
  });

  it("takes other per-priority resolution hours from the caller", () => {
    const hours = { critical: 2, high: 8, medium: 40, low: 100 } as const;
    const c = classifyTicket(SEED_004, { resolutionHours: (p) => hours[p], resolutionBasis: "SLA policy Gold" });
    expect(c.estimatedResolution).toEqual({ hours: 2, basis: "SLA policy Gold: critical → 2 h" });
    const plain = classifyTicket({ subject: "How do I export?" }, { resolutionHours: (p) => hours[p] });
    expect(plain.estimatedResolution).toEqual({ hours: 100, basis: "custom resolution hours: low → 100 h" });
  });

  it("refuses resolution hours that are not a number of hours", () => {
    expect(() => classifyTicket(SEED_004, { resolutionHours: () => Number.NaN })).toThrow(RangeError);
    expect(() => classifyTicket(SEED_004, { resolutionHours: () => -1 })).toThrow(/critical/);
  });
});

describe("previewClassification", () => {
  it("classifies for an agent", () => {
    expect(previewClassification(ctxOf(AGENT), SEED_004).category.name).toBe("technical");
  });

  it("refuses customers", () => {
    expect(() => previewClassification(ctxOf(CUSTOMER), SEED_004)).toThrow(/not allowed/);
  });

  it("names the bad field: a missing subject, an unknown key", () => {
    const ctx = ctxOf(AGENT);
    expect(() => previewClassification(ctx, { description: "x" })).toThrow(/^subject: /);
    expect(() => previewClassification(ctx, { subject: " " })).toThrow(/subject: must not be empty/);
    expect(() => previewClassification(ctx, { subject: "x", message: "y" })).toThrow(/^message: /);
  });
});
