import { describe, expect, it } from "vitest";
import { PLACEHOLDERS, placeholdersIn, unknownPlaceholders } from "./template.js";

describe("rule templates", () => {
  it("finds placeholders with or without inner spaces, each once", () => {
    expect(placeholdersIn("{{ticket.number}}: {{ ticket.subject }} / {{ticket.number}}")).toEqual([
      "ticket.number",
      "ticket.subject",
    ]);
    expect(placeholdersIn("no placeholders, {single} braces")).toEqual([]);
  });

  it("names the unknown ones (typos, wrong case, empty)", () => {
    expect(unknownPlaceholders("Hi {{requester.name}}, {{ticket.nmber}} {{Ticket.Number}} {{}}")).toEqual([
      "ticket.nmber",
      "Ticket.Number",
      "",
    ]);
    expect(unknownPlaceholders(PLACEHOLDERS.map((p) => `{{${p}}}`).join(" "))).toEqual([]);
  });
});
