/**
 * API contracts for automation rules, their dry run and the firing log: the
 * records the server answers with (OpenAPI and the web app). Request bodies
 * are the engine's own `createRuleInput` / `updateRuleInput`.
 */
import { z } from "zod";

const iso = z.string().describe("ISO-8601 timestamp");

const actionResultView = z.object({
  summary: z.string().describe('what the action did or would do, e.g. "set status to closed"'),
  changed: z.boolean().describe("false when there was nothing to do (already tagged, refused by the status machine)"),
});

export const ruleView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  position: z.number().int().describe("rules run in this order (lower first) when several fire on one event"),
  trigger: z
    .union([
      z.object({ type: z.literal("event"), events: z.array(z.string()) }),
      z.object({ type: z.literal("time"), since: z.string(), afterMinutes: z.number().int() }),
    ])
    .describe("an event rule fires on events; a time rule `afterMinutes` after its anchor (`since`)"),
  condition: z.string().describe("query language; empty matches every ticket"),
  actions: z.array(z.object({ type: z.string() }).passthrough()),
  oncePerTicket: z.boolean(),
  fireCount: z.number().int(),
  lastFiredAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
  can: z.object({ update: z.boolean(), delete: z.boolean() }).describe("what the caller may do with this record"),
});
export type RuleView = z.infer<typeof ruleView>;

export const firingView = z.object({
  id: z.number().int(),
  rule: z
    .object({ id: z.string().nullable(), name: z.string() })
    .describe("id null: an SLA escalation level, or a rule deleted since"),
  ticketId: z.string(),
  eventId: z.string().nullable().describe("the triggering event (null for time rules and escalations)"),
  depth: z.number().int().describe("1 for a person's change or a schedule; one more per rule-caused event in a chain"),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  actions: z.array(actionResultView),
  firedAt: iso,
});
export type FiringView = z.infer<typeof firingView>;

export const ruleTestView = z.object({
  rule: z.object({ id: z.string().nullable(), name: z.string() }),
  ticket: z.object({ id: z.string(), number: z.string() }),
  wouldFire: z.boolean(),
  reasons: z.array(z.string()).describe('e.g. "status: resolved ✓ — ticket is resolved"'),
  actions: z.array(actionResultView).describe("what each action would do if the rule fired now"),
  dueAt: iso.nullable().describe("time rules: when it is (or was) due for this ticket"),
});
export type RuleTestView = z.infer<typeof ruleTestView>;
