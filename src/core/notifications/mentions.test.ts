import { describe, expect, it } from "vitest";
import { mentionTokens } from "./mentions.js";

describe("mentionTokens", () => {
  it("finds @name and @email mentions, lower-cased and once each", () => {
    expect(mentionTokens("@Alice please look, cc @bob@example.com and @alice again.")).toEqual([
      "alice",
      "bob@example.com",
    ]);
  });

  it("ignores email addresses and trailing punctuation", () => {
    expect(mentionTokens("write to carol@example.com or ask @dave.")).toEqual(["dave"]);
    expect(mentionTokens("no mentions here")).toEqual([]);
  });
});
