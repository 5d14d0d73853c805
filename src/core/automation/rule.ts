import { z } from "zod";
import type { automationRules } from "../../db/schema/index.js";
import { invalid, parseInput } from "../kernel/index.js";
import { ACTION_TYPES, type Action, actionsSchema, type Trigger, triggerSchema } from "./types.js";

/** An automation rule as the engine hands it out. */
export interface AutomationRule {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  /** Rules run in this order (lower first) when several fire on one event. */
  position: number;
  trigger: Trigger;
  /** Query language; empty matches every ticket. */
  condition: string;
  actions: Action[];
  oncePerTicket: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A rule with how often it fired (the rules list). */
export interface RuleListItem extends AutomationRule {
  fireCount: number;
  lastFiredAt: Date | null;
}

export type RuleRow = typeof automationRules.$inferSelect;

export function toRule(row: RuleRow): AutomationRule {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    position: row.position,
    trigger: row.trigger as Trigger,
    condition: row.condition,
    actions: row.actions as Action[],
    oncePerTicket: row.oncePerTicket,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const name = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");
const description = z.string().trim().max(2000, "must be at most 2000 characters");
const condition = z
  .string()
  .max(10_000, "must be at most 10000 characters")
  .describe("query language (`status: resolved`); empty matches every ticket");
const position = z.number().int().min(0).max(1_000_000);

export const createRuleInput = z
  .object({
    name,
    description: description.default(""),
    enabled: z.boolean().default(true),
    position: position.optional(),
    trigger: triggerSchema,
    condition: condition.default(""),
    actions: actionsSchema,
    oncePerTicket: z.boolean().default(false),
  })
  .strict();
export type CreateRuleInput = z.input<typeof createRuleInput>;

export const updateRuleInput = z
  .object({
    name: name.optional(),
    description: description.optional(),
    enabled: z.boolean().optional(),
    position: position.optional(),
    trigger: triggerSchema.optional(),
    condition: condition.optional(),
    actions: actionsSchema.optional(),
    oncePerTicket: z.boolean().optional(),
  })
  .strict();
export type UpdateRuleInput = z.input<typeof updateRuleInput>;

/**
 * Parses rule input; an unknown action type is named plainly
 * (`actions.1.type: unknown action type "frobnicate"; known: …`).
 */
export function parseRuleInput<S extends typeof createRuleInput | typeof updateRuleInput>(
  schema: S,
  raw: unknown,
): z.output<S> {
  const actions = (raw as { actions?: unknown } | null)?.actions;
  if (Array.isArray(actions)) {
    actions.forEach((a, i) => {
      const type = (a as { type?: unknown } | null)?.type;
      if (typeof type === "string" && !(ACTION_TYPES as readonly string[]).includes(type)) {
        throw invalid(
          "automation.unknown_action",
          `actions.${i}.type: unknown action type "${type}"; known: ${ACTION_TYPES.join(", ")}.`,
          `actions.${i}.type`,
        );
      }
    });
  }
  return parseInput(schema, raw) as z.output<S>;
}
