/**
 * The shapes automation is made of: triggers, actions, and what running an
 * action needs and returns. SLA escalation levels use the same actions.
 */
import { z } from "zod";
import { LEVELS } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import type { Ctx, DomainEvent, RuleCause } from "../kernel/index.js";
import type { TicketRow } from "../tickets/index.js";

/** How deep a chain of rule-caused events may go before automation stops following it. */
export const MAX_RULE_DEPTH = 3;

/** Events an event rule can listen to. */
export const RULE_EVENTS = [
  "ticket.created",
  "ticket.updated",
  "ticket.assigned",
  "ticket.status_changed",
  "ticket.resolved",
  "ticket.closed",
  "ticket.reopened",
  "ticket.escalated",
  "ticket.message_added",
  "ticket.note_added",
  "sla.warning",
  "sla.breached",
] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

/**
 * What a time rule counts from, per ticket:
 * - `created`: the ticket was created;
 * - `updated`: anything last happened to it;
 * - `status_changed`: its status last changed (e.g. "resolved for 3 days");
 * - `assignment_changed`: its assignee last changed (or creation);
 * - `customer_waiting`: the oldest customer message not yet answered by an agent's public reply
 *   ("no agent reply for 48 h"); cleared by the reply;
 * - `agent_waiting`: an agent's public reply the customer has not answered; cleared by their answer.
 */
export const TIME_ANCHORS = [
  "created",
  "updated",
  "status_changed",
  "assignment_changed",
  "customer_waiting",
  "agent_waiting",
] as const;
export type TimeAnchor = (typeof TIME_ANCHORS)[number];

export const triggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), events: z.array(z.enum(RULE_EVENTS)).min(1).max(RULE_EVENTS.length) }).strict(),
  z
    .object({
      type: z.literal("time"),
      since: z.enum(TIME_ANCHORS),
      /** Minutes after the anchor (calendar time). */
      afterMinutes: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 366),
    })
    .strict(),
]);
export type Trigger = z.infer<typeof triggerSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const ref = text(320);

/** Fields `set_field` may change. */
export const SETTABLE_FIELDS = ["status", "urgency", "importance", "category", "type", "team", "company"] as const;

/** Who `notify` tells; every present part adds recipients. */
export const recipientsSchema = z
  .object({
    /** Agents by email, name or id. */
    users: z.array(ref).max(50).optional(),
    roles: z
      .array(z.enum(["superadmin", "manager", "agent"]))
      .max(3)
      .optional(),
    /** Every member of these teams. */
    teams: z.array(ref).max(50).optional(),
    allAgents: z.boolean().optional(),
    assignee: z.boolean().optional(),
    /** The lead of the ticket's team. */
    teamLead: z.boolean().optional(),
    /** Every manager of the workspace (the "supervisor" of seed 001). */
    managers: z.boolean().optional(),
  })
  .strict()
  .refine((r) => Object.values(r).some((v) => (Array.isArray(v) ? v.length > 0 : v === true)), {
    message: "name at least one recipient (users, roles, teams, allAgents, assignee, teamLead or managers)",
  });
export type Recipients = z.infer<typeof recipientsSchema>;

export const actionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("set_field"), field: z.enum(SETTABLE_FIELDS), value: text(200) }).strict(),
  z
    .object({
      type: z.literal("assign"),
      /** An agent (email, name or id); without it, routing chooses by the team's strategy. */
      to: ref.optional(),
      /** Route within this team (default: the ticket's team, else by category). */
      team: ref.optional(),
    })
    .strict(),
  z.object({ type: z.literal("add_tag"), tags: z.array(text(50)).min(1).max(20) }).strict(),
  z.object({ type: z.literal("remove_tag"), tags: z.array(text(50)).min(1).max(20) }).strict(),
  z.object({ type: z.literal("add_note"), body: text(10_000) }).strict(),
  z.object({ type: z.literal("notify"), to: recipientsSchema, message: text(2000) }).strict(),
  z.object({ type: z.literal("email_requester"), subject: text(300), body: text(20_000) }).strict(),
  z.object({ type: z.literal("webhook"), url: z.url({ protocol: /^https?$/ }).max(2000) }).strict(),
  z
    .object({
      type: z.literal("escalate"),
      /** Escalation level to set (1–3); default one above the current. */
      level: z.number().int().min(1).max(3).optional(),
    })
    .strict(),
  /** One step up in urgency (critical stays critical). */
  z.object({ type: z.literal("raise_priority") }).strict(),
  z.object({ type: z.literal("close") }).strict(),
]);
export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action["type"];

export const actionsSchema = z.array(actionSchema).min(1).max(20);

/** Every action type, in the order of `actionSchema`. */
export const ACTION_TYPES: readonly ActionType[] = actionSchema.options.map((o) => o.shape.type.value);

/** Everything an action needs. `ctx.db` is the transaction; `ctx.actor` the rule's actor. */
export interface ActionContext {
  tx: Tx;
  ctx: Ctx;
  /** The ticket as it is now (after earlier actions of the same firing). */
  ticket: TicketRow;
  rule: RuleCause;
  /** The triggering event, for event rules. */
  event?: DomainEvent;
  now: Date;
}

export interface ActionResult {
  /** What happened, for the timeline and the firing log: "set status to closed". */
  summary: string;
  /** False when the action found nothing to do (tag already there, status already closed). */
  changed: boolean;
}

export interface ActionHandler<A extends Action = Action> {
  type: A["type"];
  run(action: A, ac: ActionContext): Promise<ActionResult>;
}

/** Urgency/importance levels, most urgent first (re-exported for actions). */
export const LEVEL_ORDER = LEVELS;
