import { describe, expect, it } from "vitest";
import { analyzeSentiment, shouting } from "./sentiment.js";

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

  it("scores with AFINN-165 through the sentiment package: words beyond our own list count", () => {
    // "sloppy", "sluggish", "dissatisfied": AFINN -2 each, in no hand-made list of ours.
    const s = analyzeSentiment("Sloppy onboarding, a sluggish app, and I am dissatisfied");
    expect(s.matched).toEqual([
      { word: "sloppy", score: -2, negated: false },
      { word: "sluggish", score: -2, negated: false },
      { word: "dissatisfied", score: -2, negated: false },
    ]);
    expect(s.label).toBe("negative");
  });

  it("applies the support overrides: courtesy is neutral, technical words are mild", () => {
    expect(analyzeSentiment("Dear support, I would like some help please. Best regards")).toMatchObject({
      label: "neutral",
      score: 0,
      matched: [],
    });
    // AFINN rates "error" -2 and "bad" -3; in a bug report they are -1 and -2.
    expect(analyzeSentiment("an error").score).toBe(-1);
    expect(analyzeSentiment("502 bad gateway").matched).toEqual([{ word: "bad", score: -2, negated: false }]);
    expect(analyzeSentiment("502 bad gateway").angry).toBe(false);
  });

  it("gives the comparative score: score per word", () => {
    const s = analyzeSentiment("I am not happy with the service");
    expect(s.comparative).toBeCloseTo(-3 / 7, 3);
    expect(analyzeSentiment("").comparative).toBe(0);
  });

  it("uses our negation, not the package's: 'can't' negates nothing, a negator reaches three words", () => {
    expect(analyzeSentiment("I can't believe how good this is").label).toBe("positive");
    expect(analyzeSentiment("This was not a very good experience").matched).toEqual([
      { word: "good", score: -3, negated: true },
    ]);
  });

  it("says why a customer is angry: the strongly negative words and their values", () => {
    const s = analyzeSentiment("This is unacceptable, the worst support I have ever had");
    expect(s.angryReasons).toEqual(['strongly negative words "unacceptable" (-4), "worst" (-3)']);
  });

  it("flags a strongly negative total even without a single strong word", () => {
    const s = analyzeSentiment("Frustrated and upset: failed again, broken again, stuck, wrong data, slow, confusing");
    expect(s.score).toBeLessThanOrEqual(-10);
    expect(s.matched.every((m) => m.score > -3)).toBe(true);
    expect(s.angry).toBe(true);
    expect(s.angryReasons).toEqual([`strongly negative overall score ${s.score}`]);
  });

  it("flags shouting with negative words: several ALL-CAPS words, or '!!!'", () => {
    const caps = analyzeSentiment("WHY IS THIS STILL BROKEN");
    expect(caps.angry).toBe(true);
    expect(caps.angryReasons).toEqual(["shouting (ALL-CAPS words WHY, THIS, STILL, BROKEN) with negative words"]);
    const bangs = analyzeSentiment("The export failed again!!!");
    expect(bangs.angry).toBe(true);
    expect(bangs.angryReasons).toEqual(['shouting ("!!!") with negative words']);
  });

  it("does not flag shouting without negative words, nor acronyms or one capital word", () => {
    expect(analyzeSentiment("THANK YOU SO MUCH!!!").angry).toBe(false);
    expect(analyzeSentiment("The API returns HTTP 500 over SSL, error in JSON").angry).toBe(false);
    expect(analyzeSentiment("URGENT: the import failed").angry).toBe(false);
  });
});

describe("shouting", () => {
  it("counts ALL-CAPS words of three letters or more, leaving acronyms and 'I' out", () => {
    expect(shouting("I HATE THIS, FIX IT NOW via the API").capsWords).toEqual(["HATE", "THIS", "FIX", "NOW"]);
    expect(shouting("ERR_CONNECTION_REFUSED in TKT-1001").capsWords).toEqual([]);
  });

  it("counts runs of exclamation marks: one run of three, or two runs of two", () => {
    expect(shouting("Help!").shouting).toBe(false);
    expect(shouting("Help!!").shouting).toBe(false);
    expect(shouting("Help!! Now!!").shouting).toBe(true);
    expect(shouting("Why?!?!").shouting).toBe(true);
    expect(shouting("Really???").shouting).toBe(false);
  });
});
