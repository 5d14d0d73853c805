import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CATEGORY_FAMILY,
  categoriesInFamily,
  categoryFamily,
  detectCategory,
  SEED_004_CATEGORIES,
} from "./detect-category.js";

const SEED_004 =
  "URGENT: Database connection failed\n" +
  "Our production database is down and customers cannot access their accounts. This is critical!";

describe("detectCategory on the seeds' examples", () => {
  it("files seed 004's database outage under technical, naming the words that decided", () => {
    const guess = detectCategory(SEED_004);
    expect(guess.category).toBe("technical");
    expect(guess.family).toBe("technical");
    expect(guess.matched.technical).toEqual(expect.arrayContaining(["database", "connection", "down"]));
    expect(guess.scores.technical).toBeGreaterThan(guess.scores.account);
  });

  it("files seed 004's 'Cannot access my account … log in' under account", () => {
    expect(detectCategory("Cannot access my account\nI keep getting an error when trying to log in").category).toBe(
      "account",
    );
  });
});

describe("detectCategory per category", () => {
  it.each([
    ["I was charged twice, please refund the second invoice", "billing"],
    ["How do I cancel my subscription before the renewal?", "billing"],
    ["Payment failed: my card was declined at checkout", "payment"],
    ["I forgot my password and I am locked out", "account"],
    ["The API returns a timeout when the server is under load", "technical"],
    ["Bug: steps to reproduce the glitch on the settings page", "bug_report"],
    ["Feature request: it would be great to have dark mode", "feature_request"],
    ["What are your opening hours?", "general"],
    ["", "general"],
  ] as const)("%j → %s", (text, category) => {
    expect(detectCategory(text).category).toBe(category);
  });

  it("maps seed 003's finer categories onto seed 004's four", () => {
    expect(detectCategory("Payment failed, card declined").family).toBe("billing");
    expect(detectCategory("Found a bug, steps to reproduce below").family).toBe("technical");
    expect(detectCategory("Feature request: export to PDF").family).toBe("general");
  });

  it("matches whole words only: 'accountant', 'billboard' and 'debugger' decide nothing", () => {
    const guess = detectCategory("Our accountant saw a billboard about a debugger");
    expect(guess.category).toBe("general");
    expect(guess.matched).toEqual({});
  });

  it("matches a keyword's plural: 'invoices' is billing", () => {
    expect(detectCategory("Where are my invoices?").matched.billing).toEqual(["invoice"]);
  });

  it("ignores negation: 'I did not receive my invoice' is still billing", () => {
    expect(detectCategory("I did not receive my invoice").category).toBe("billing");
  });

  it("needs a score of 2: one weak word stays general", () => {
    const guess = detectCategory("The app");
    expect(guess.scores.technical).toBe(1);
    expect(guess.category).toBe("general");
  });

  it("gives a tie to the more specific category", () => {
    // payment (3) against billing (3): payment is the finer one.
    const guess = detectCategory("payment invoice");
    expect(guess.scores.payment).toBe(guess.scores.billing);
    expect(guess.category).toBe("payment");
  });
});

describe("detectCategory confidence", () => {
  it("gives seed 004's outage technical with its keywords and a confidence below 1 (account words too)", () => {
    const guess = detectCategory(SEED_004);
    expect(guess.keywords).toEqual(guess.matched.technical);
    expect(guess.keywords).toEqual(expect.arrayContaining(["database", "connection", "failed", "production"]));
    // technical 7 of 10 keyword weight (account: "access", "accounts"), and 7 ≥ 6 is full evidence.
    expect(guess.scores).toMatchObject({ technical: 7, account: 3 });
    expect(guess.confidence).toBe(0.7);
  });

  it("is 1 when one category has all the weight and at least two strong keywords", () => {
    expect(detectCategory("I was charged twice, please refund the second invoice").confidence).toBe(1);
  });

  it("is lower for thin or contested evidence", () => {
    // payment 3 vs billing 3: half the weight, and 3 of 6 evidence.
    expect(detectCategory("payment invoice").confidence).toBe(0.25);
    expect(detectCategory("The login page").confidence).toBeLessThan(detectCategory("login password reset").confidence);
  });

  it("gives general 0.5 when no keyword matched and less when a weak one did, with no keywords", () => {
    expect(detectCategory("What are your opening hours?")).toMatchObject({
      category: "general",
      confidence: 0.5,
      keywords: [],
    });
    expect(detectCategory("The app")).toMatchObject({ category: "general", confidence: 0.25, keywords: [] });
  });

  it("stays within 0 … 1", () => {
    for (const text of ["", "bug bug", "invoice payment login api feature request", "password"]) {
      const { confidence } = detectCategory(text);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("category families", () => {
  it("puts every category in one of seed 004's four", () => {
    for (const c of CATEGORIES) expect(SEED_004_CATEGORIES).toContain(CATEGORY_FAMILY[c]);
    expect(categoriesInFamily("technical")).toEqual(["technical", "bug_report"]);
    expect(categoriesInFamily("billing")).toEqual(["billing", "payment"]);
    expect(categoriesInFamily("general")).toEqual(["general", "feature_request"]);
  });

  it("reads unknown or missing categories as general", () => {
    expect(categoryFamily("Payment")).toBe("billing");
    expect(categoryFamily("hardware")).toBe("general");
    expect(categoryFamily(null)).toBe("general");
  });
});
