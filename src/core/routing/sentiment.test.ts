import { describe, expect, it } from "vitest";
import { analyzeSentiment } from "./sentiment.js";

describe("analyzeSentiment", () => {
  it("rates seed 004's outage report negative, naming the words", () => {
    const s = analyzeSentiment(
      "URGENT: Database connection failed\n" +
        "Our production database is down and customers cannot access their accounts. This is critical!",
    );
    expect(s.label).toBe("negative");
    expect(s.score).toBeLessThanOrEqual(-2);
    expect(s.matched.map((m) => m.word)).toEqual(expect.arrayContaining(["failed", "critical"]));
    expect(s.angry).toBe(false);
  });

  it("keeps a calm question or bug report neutral", () => {
    expect(analyzeSentiment("What are your opening hours?")).toMatchObject({ label: "neutral", score: 0 });
    expect(analyzeSentiment("I get an error when I export a report").label).toBe("neutral");
  });

  it("rates thanks and praise positive", () => {
    expect(analyzeSentiment("Thanks, the new dashboard is great!").label).toBe("positive");
  });

  it("reads 'not happy' as negative and 'happy' as positive", () => {
    expect(analyzeSentiment("I am happy with the service").label).toBe("positive");
    const s = analyzeSentiment("I am not happy with the service");
    expect(s.label).toBe("negative");
    expect(s.matched).toEqual([{ word: "happy", score: -3, negated: true }]);
  });

  it("does not make negated complaints positive on their own: 'not urgent', 'not critical'", () => {
    expect(analyzeSentiment("This is not urgent").label).toBe("neutral");
    expect(analyzeSentiment("It's not critical").label).toBe("neutral");
    expect(analyzeSentiment("It's not critical").score).toBe(1);
  });

  it("flags an angry customer on strongly negative words, but not when they are negated", () => {
    const angry = analyzeSentiment("This is unacceptable, the worst support I have ever had");
    expect(angry).toMatchObject({ label: "negative", angry: true });
    expect(analyzeSentiment("Not terrible, just slow").angry).toBe(false);
  });

  it("stops negation at the end of a clause", () => {
    expect(analyzeSentiment("No. I am happy now").label).toBe("positive");
  });

  it("matches whole words: 'badge' and 'thankfully' are not 'bad' and 'thank'", () => {
    expect(analyzeSentiment("my badge").matched).toEqual([]);
    expect(analyzeSentiment("thankfully").matched).toEqual([]);
  });
});
