import { describe, expect, it } from "vitest";
import { effectivePriority } from "../../../common/priority.js";
import { autoPriority, scorePriority, scoreUrgencyImportance } from "./auto-priority.js";

const SEED_004 =
  "URGENT: Database connection failed\n" +
  "Our production database is down and customers cannot access their accounts. This is critical!";

describe("autoPriority on the seeds' examples", () => {
  it("rates seed 002's 'production outage — login is completely broken' critical with a 4 h window", () => {
    expect(autoPriority("production outage — login is completely broken")).toEqual([1, 4]);
    expect(scorePriority("production outage — login is completely broken").level).toBe("critical");
  });

  it("rates seed 002's 'system is down — production outage' as (1, 4)", () => {
    expect(autoPriority("system is down — production outage")).toEqual([1, 4]);
  });

  it("rates seed 004's urgent production database outage at least high", () => {
    const [priority, slaHours] = autoPriority(SEED_004);
    expect(priority).toBeLessThanOrEqual(2);
    expect(slaHours).toBeLessThanOrEqual(24);
    expect(["critical", "high"]).toContain(scorePriority(SEED_004).level);
  });

  it("rates a plain how-to question low with a 168 h window", () => {
    expect(autoPriority("How do I change my avatar?")).toEqual([4, 168]);
    expect(scorePriority("How do I change my avatar?").level).toBe("low");
  });

  it("rates neutral text medium with a 72 h window", () => {
    expect(autoPriority("Please update the billing address on our account to 12 Main Street.")).toEqual([3, 72]);
    expect(scorePriority("Please update the billing address on our account.").level).toBe("medium");
  });

  it("rates empty text medium", () => {
    expect(autoPriority("")).toEqual([3, 72]);
    expect(scorePriority("").matched).toEqual([]);
  });
});

describe("scorePriority levels", () => {
  it("rates a single urgent signal high with a 24 h window", () => {
    expect(autoPriority("This is urgent, the export is not working")).toEqual([2, 24]);
  });

  it("rates a weak critical signal (score 2) high rather than critical", () => {
    const guess = scorePriority("The staging site is down");
    expect(guess.scores.critical).toBe(2);
    expect(guess.level).toBe("high");
  });

  it("lets a critical signal beat a low one in the same text", () => {
    expect(scorePriority("Question: is the data loss we saw expected?").level).toBe("critical");
  });

  it("returns priority and slaHours consistent with the level", () => {
    const expected = { critical: [1, 4], high: [2, 24], medium: [3, 72], low: [4, 168] } as const;
    for (const text of ["data loss", "urgent", "the sky is blue", "feature request: dark mode"]) {
      const guess = scorePriority(text);
      expect([guess.priority, guess.slaHours], text).toEqual(expected[guess.level]);
    }
  });
});

describe("phrase matching", () => {
  it("matches whole words only: 'download' does not count as 'down'", () => {
    const guess = scorePriority("The download button is grey");
    expect(guess.matched).not.toContain("down");
    expect(guess.scores.critical).toBe(0);
    expect(guess.level).toBe("medium");
  });

  it("matches whole words only: 'errorless', 'breakdown' and 'majorly' do not count", () => {
    const guess = scorePriority("An errorless import, a cost breakdown, majorly helpful");
    expect(guess.matched).toEqual([]);
    expect(guess.level).toBe("medium");
  });

  it("still matches a word next to punctuation", () => {
    expect(scorePriority("Everything is down.").matched).toContain("down");
    expect(scorePriority("(outage)").matched).toContain("outage");
    expect(scorePriority("urgent!").matched).toContain("urgent");
  });

  it("is case-insensitive", () => {
    expect(autoPriority("PRODUCTION OUTAGE")).toEqual([1, 4]);
    expect(autoPriority("Production Outage")).toEqual([1, 4]);
    expect(scorePriority("HOW DO I reset my password?").level).toBe("low");
    expect(scorePriority("DOWNLOAD fails sometimes").matched).not.toContain("down");
  });

  it("treats a typographic apostrophe like a straight one", () => {
    expect(scorePriority("I can\u2019t log in").matched).toContain("can't log in");
    expect(scorePriority("I can't log in").matched).toContain("can't log in");
  });

  it("lists the phrases found in matched, and only those", () => {
    const guess = scorePriority("production outage — login is completely broken");
    expect(guess.matched).toEqual(expect.arrayContaining(["outage", "production", "completely broken", "broken"]));
    expect(guess.matched).toHaveLength(4);
    expect(guess.matched).not.toContain("down");
  });

  it("sums phrase weights into per-level scores", () => {
    // outage 3 + production 1 + completely broken 3 = 7; broken (high) = 2
    const guess = scorePriority("production outage — login is completely broken");
    expect(guess.scores).toEqual({ critical: 7, high: 2, low: 0 });
  });

  it("counts a phrase once however often it appears", () => {
    expect(scorePriority("error error error").scores.high).toBe(1);
    expect(scorePriority("error error error").level).toBe("medium");
  });
});

describe("negation", () => {
  it("does not count 'not urgent' or 'not critical' as urgent", () => {
    expect(scorePriority("This is not urgent").level).toBe("medium");
    expect(scorePriority("This is not urgent").negated).toEqual(["urgent"]);
    expect(scorePriority("Not critical, the staging site is down").level).toBe("high");
    expect(scorePriority("Not critical, the staging site is down").negated).toEqual(["critical"]);
    expect(autoPriority("It's not critical at all")).toEqual([3, 72]);
  });

  it("reaches three words back: 'not really that urgent' is negated, a fourth word back is not", () => {
    expect(scorePriority("not really that urgent").scores.high).toBe(0);
    expect(scorePriority("not at all really urgent").scores.high).toBe(2);
  });

  it("reads 'non-urgent' and 'non-critical' as negated", () => {
    expect(scorePriority("A non-urgent question about exports").negated).toEqual(["urgent"]);
    // The prefix reaches the next word only: the question still counts.
    expect(scorePriority("A non-urgent question about exports").level).toBe("low");
    expect(scorePriority("non-critical: the staging site is slow").level).toBe("medium");
  });

  it("understands contractions and other negators", () => {
    expect(scorePriority("It isn't urgent").level).toBe("medium");
    expect(scorePriority("It isn\u2019t urgent").level).toBe("medium");
    expect(scorePriority("We had no outage and no data loss").scores.critical).toBe(0);
    expect(scorePriority("There was never an emergency").level).toBe("medium");
  });

  it("stops at the end of a clause: 'No. This is urgent' is urgent", () => {
    expect(scorePriority("No. This is urgent").level).toBe("high");
    expect(scorePriority("not sure, but urgent").level).toBe("high");
    expect(scorePriority("Nothing else; production outage").level).toBe("critical");
  });

  it("counts a phrase when any of its occurrences is not negated", () => {
    const guess = scorePriority("Yesterday it was not urgent. Today it is urgent");
    expect(guess.matched).toContain("urgent");
    expect(guess.negated).not.toContain("urgent");
    expect(guess.level).toBe("high");
  });

  it("keeps phrases that contain a negator themselves: 'not working' still counts", () => {
    expect(scorePriority("The export is not working").matched).toContain("not working");
    expect(scorePriority("The export is not working").level).toBe("high");
  });

  it("still rates seed 004's example critical: nothing in it is negated", () => {
    expect(scorePriority(SEED_004).negated).toEqual([]);
    expect(scorePriority(SEED_004).level).toBe("critical");
  });
});

describe("scoreUrgencyImportance", () => {
  const phrases = (d: { hits: { phrase: string }[] }) => d.hits.map((h) => h.phrase);

  it("rates seed 004's production database outage critical on both axes, naming the words", () => {
    const g = scoreUrgencyImportance(SEED_004);
    expect(g.urgency.level).toBe("critical");
    expect(g.importance.level).toBe("critical");
    expect([g.level, g.priority, g.slaHours]).toEqual(["critical", 1, 4]);
    expect(phrases(g.urgency)).toEqual(expect.arrayContaining(["down", "critical", "urgent", "failed"]));
    expect(phrases(g.importance)).toEqual(expect.arrayContaining(["down", "critical", "production", "customers"]));
    // "urgent" is about time, "production" and "customers" about impact.
    expect(phrases(g.importance)).not.toContain("urgent");
    expect(phrases(g.urgency)).not.toContain("production");
  });

  it("gives each deciding phrase with its level and weight", () => {
    const g = scoreUrgencyImportance("Urgent: all users see it");
    expect(g.urgency.hits).toEqual([{ phrase: "urgent", level: "high", weight: 2 }]);
    expect(g.importance.hits).toEqual([{ phrase: "all users", level: "critical", weight: 2 }]);
    expect(g.urgency.scores).toEqual({ critical: 0, high: 2, low: 0 });
  });

  it("separates time from impact: 'URGENT: a typo on the invoice' is urgent but unimportant → medium", () => {
    const g = scoreUrgencyImportance("URGENT: a typo on the invoice");
    expect([g.urgency.level, g.importance.level, g.level]).toEqual(["high", "low", "medium"]);
    expect(g.slaHours).toBe(72);
  });

  it("rates an important but unhurried request by the matrix: 'no rush' with 'many users' → medium", () => {
    const g = scoreUrgencyImportance("No rush, but many users will want this eventually");
    expect(g.urgency.level).toBe("low");
    expect(g.importance.level).toBe("high");
    expect(g.level).toBe(effectivePriority("low", "high"));
    expect(g.level).toBe("medium");
  });

  it("does not count 'not urgent': urgency falls back to medium and the phrase is listed as negated", () => {
    const g = scoreUrgencyImportance("Not urgent, just a typo on the pricing page");
    expect(g.urgency).toMatchObject({ level: "medium", hits: [], negated: ["urgent"] });
    expect(g.importance.level).toBe("low");
    expect(g.level).toBe("low");
  });

  it("rates an unhurried question low on both axes", () => {
    const g = scoreUrgencyImportance("How do I change my avatar?");
    expect([g.urgency.level, g.importance.level, g.level]).toEqual(["low", "low", "low"]);
  });

  it("agrees with scorePriority on the seeds' examples and the legacy routing tickets", () => {
    for (const text of [
      "production outage — login is completely broken",
      "system is down — production outage",
      SEED_004,
      "Invoice question\nI was charged twice on my last invoice, please refund.",
      "Export broken\nThe API returns a timeout error on every export.",
      "Locked out\nI forgot my password and cannot log in to my account.",
      "Cannot access my account\nI keep getting an error when trying to log in",
      "This is urgent, the export is not working",
      "Please update the billing address on our account.",
    ]) {
      expect(scoreUrgencyImportance(text).level, text).toBe(scorePriority(text).level);
    }
  });
});
