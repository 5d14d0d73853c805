import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../../common/automation-defaults.js";
import { parseQuery } from "../../../common/query/parser.js";
import { unknownPlaceholders } from "./actions/template.js";
import { actionsSchema, triggerSchema } from "./types.js";

describe("default rules (seed 001)", () => {
  it("are four rules quoting seed 001's automation lines", () => {
    expect(DEFAULT_RULES.map((r) => r.description)).toEqual([
      "Seed 001: If ticket unassigned for 2 hours → Notify supervisor",
      "Seed 001: If urgency: Critical AND importance: Critical → Alert all agents",
      "Seed 001: If status: Resolved for 3 days → Auto-close ticket",
      "Seed 001: If no response in 48 hours → Send reminder notification",
    ]);
  });

  it.each(DEFAULT_RULES.map((r) => [r.name, r] as const))("%s is a valid rule", (_name, rule) => {
    expect(triggerSchema.safeParse(rule.trigger).success).toBe(true);
    expect(actionsSchema.safeParse(rule.actions).success).toBe(true);
    expect(parseQuery(rule.condition).ok).toBe(true);
    for (const a of rule.actions) if (a.type === "notify") expect(unknownPlaceholders(a.message)).toEqual([]);
  });
});
