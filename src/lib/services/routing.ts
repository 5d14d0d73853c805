import type { ClassifyInput } from "../../../common/api/classify.js";
import * as channels from "../../core/channels/index.js";
import type { Ctx } from "../../core/kernel/index.js";
import * as routing from "../../core/routing/index.js";
import * as tickets from "../../core/tickets/index.js";
import type { Mutation } from "./people.js";

/** Classification, routing and seed 004's public intake, bound to one workspace and actor. */
export function routingServices(ctx: Ctx, mutation: Mutation) {
  return {
    /** Seed 002's auto_priority(description) → [priority, slaHours]. */
    autoPriority: routing.autoPriority,
    /** Urgency keywords with negation ("not urgent" is not urgent). */
    scorePriority: routing.scorePriority,
    /** billing, technical, account, general, feature_request, bug_report or payment, with the deciding words. */
    detectCategory: routing.detectCategory,
    /** positive / neutral / negative with a score, an angry flag and the deciding words. */
    analyzeSentiment: routing.analyzeSentiment,
    /** Urgency and importance, seed 001's dual priority, each with its deciding phrases; the effective priority. */
    scoreUrgencyImportance: routing.scoreUrgencyImportance,
    /**
     * What the desk makes of a ticket's text (agents only): urgency, importance,
     * priority, category with confidence, sentiment, angry flag, estimated
     * resolution, and an explanation naming the deciding words. Nothing is stored.
     */
    classify: (input: ClassifyInput, opts?: routing.ClassifyOptions) => routing.previewClassification(ctx, input, opts),
    /**
     * Create a ticket and route it: detect category and sentiment, choose team
     * and agent (seed 003), record the reason in the timeline.
     */
    createRouted: mutation((c, input: tickets.CreateTicketInput) => tickets.createTicket(c, input, { route: true })),
    /** Seed 004 `POST /api/tickets`: refused when the workspace turned public intake off. */
    submitPublic: mutation((c, input: channels.PublicIntakeInput) => channels.submitPublicTicket(c, input)),
    /** Requester emails, team and agent names for a page of tickets. */
    labels: (items: Parameters<typeof routing.routingLabels>[1]) => routing.routingLabels(ctx, items),
    /** Seed 004 analytics: totals by status, priority, category, team and sentiment; mean resolution time. */
    analytics: () => routing.routingAnalytics(ctx),
  };
}
