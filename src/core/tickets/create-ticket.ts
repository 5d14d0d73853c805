import type { Level } from "../../../common/enums.js";
import { effectivePriority, levelNumber } from "../../../common/priority.js";
import { SLA_HOURS, slaDeadline } from "../../../common/sla-defaults.js";
import type { Tx } from "../../db/connection.js";
import { authorize } from "../access/index.js";
import { type Ctx, forbidden, newId, parseInput } from "../kernel/index.js";
import {
  findCustomerRow,
  findOrCreateCustomer,
  resolveAgent,
  resolveCompany,
  resolveTeam,
  workspaceInfo,
} from "../people/index.js";
import { planRouting, SENTIMENT_FIELD, scoreUrgencyImportance } from "../routing/index.js";
import type { NewEntry } from "../timeline/index.js";
import { insertTicketWithHistory, type NewTicketRow } from "./insert-ticket.js";
import { eventTicket } from "./record-change.js";
import { createTicketInput } from "./schemas.js";
import { type Ticket, toTicket } from "./ticket.js";

/** Columns a new ticket starts with. */
const FRESH = {
  escalationLevel: 0,
  attachmentCount: 0,
  version: 1,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  dueAt: null,
};

/**
 * Urgency and importance from the input: explicit values, else a given priority (both axes),
 * else keyword scoring of each axis on its own (seeds 001, 004).
 */
function dualPriority(
  input: { priority?: Level; urgency?: Level; importance?: Level },
  text: string,
): { urgency: Level; importance: Level } {
  if (input.priority)
    return { urgency: input.urgency ?? input.priority, importance: input.importance ?? input.priority };
  if (input.urgency || input.importance) {
    const given = (input.urgency ?? input.importance) as Level;
    return { urgency: input.urgency ?? given, importance: input.importance ?? given };
  }
  const scored = scoreUrgencyImportance(text);
  return { urgency: scored.urgency.level, importance: scored.importance.level };
}

export interface CreateTicketOptions {
  /**
   * Routing step (seeds 003, 004): detect category and sentiment, choose team
   * and agent, and record why in a `routed` timeline event.
   */
  route?: boolean;
}

/**
 * Creates a ticket: number, dual priority, SLA deadline, requester (created on
 * first contact), the opening message and a `ticket.created` outbox event.
 */
export async function createTicket(ctx: Ctx, rawInput: unknown, opts: CreateTicketOptions = {}): Promise<Ticket> {
  authorize(ctx.actor, "ticket:create");
  const input = parseInput(createTicketInput, rawInput);
  const actor = ctx.actor;
  if (actor.type === "customer" && (input.assignee || input.team || input.company)) {
    throw forbidden("Customers cannot choose the assignee, team or company of a ticket.");
  }
  const now = ctx.clock.now();
  const { urgency, importance } = dualPriority(input, `${input.subject}\n${input.description}`);
  const priority = levelNumber(effectivePriority(urgency, importance));
  const slaHours = SLA_HOURS[priority];

  // Reads first, outside any transaction: the common case (known or no requester,
  // no routing) is then a single atomic statement, with no BEGIN/COMMIT round trips.
  const info = await workspaceInfo(ctx.db, ctx.db, ctx.workspaceId);
  let requesterId: string | null = actor.type === "customer" ? actor.id : null;
  let companyId: string | null = null;
  if (actor.type === "customer") {
    // The customer's own company, whether or not it shares tickets today (the actor
    // only carries it when it does): tickets stay attributed if sharing is turned on.
    companyId = (await findCustomerRow(ctx.db, ctx, actor.id))?.companyId ?? null;
  }
  const requester =
    actor.type !== "customer" && input.requester !== undefined
      ? typeof input.requester === "string"
        ? { email: input.requester, name: null }
        : { email: input.requester.email, name: input.requester.name ?? null }
      : undefined;
  if (input.company) companyId = (await resolveCompany(ctx.db, ctx, input.company)).id;
  const assignee = input.assignee ? await resolveAgent(ctx.db, ctx, input.assignee) : undefined;
  const team = input.team ? await resolveTeam(ctx.db, ctx, input.team) : undefined;
  /**
   * Writes the ticket. With `lookupEmail` the requester is found inside the
   * insert statement itself (null when they do not exist yet); otherwise a
   * missing requester is created first, in the same transaction.
   */
  const write = async (tx: Tx, lookupEmail?: string): Promise<Ticket | null> => {
    if (requester && !requesterId && !lookupEmail) {
      const customer = await findOrCreateCustomer(tx, ctx, requester.email, requester.name, now);
      requesterId = customer.id;
      companyId = input.company ? companyId : customer.companyId;
    }
    const routing = opts.route
      ? await planRouting(tx, ctx, {
          subject: input.subject,
          description: input.description,
          category: input.category,
          level: effectivePriority(urgency, importance),
          tags: input.tags,
          chosenByCreator: Boolean(assignee || team),
        })
      : undefined;

    const id = newId(now);
    const values: NewTicketRow = {
      id,
      workspaceId: ctx.workspaceId,
      subject: input.subject,
      description: input.description,
      status: "open",
      urgency,
      importance,
      priority,
      category: routing?.category ?? input.category ?? null,
      type: input.type,
      tags: [...new Set(input.tags)],
      requesterId,
      creatorType: actor.type,
      creatorId: actor.type === "system" ? null : actor.id,
      assigneeId: assignee?.id ?? routing?.assigneeId ?? null,
      teamId: team?.id ?? routing?.teamId ?? null,
      companyId,
      channel: input.channel,
      customFields: routing ? { ...input.customFields, [SENTIMENT_FIELD]: routing.sentiment } : input.customFields,
      slaHours,
      slaDueAt: slaDeadline(now, slaHours),
      createdAt: now,
      updatedAt: now,
    };
    // The number is drawn inside the insert; the event payload gets it there too.
    const provisional = toTicket({ ...values, number: 0, ...FRESH }, info.ticketPrefix);

    const entries: NewEntry[] = [
      {
        ticketId: id,
        kind: "event",
        author: actor.type === "system" ? { type: "system", id: null } : { type: actor.type, id: actor.id },
        event: {
          action: "created",
          changes: [
            { field: "status", from: null, to: "open" },
            { field: "priority", from: null, to: provisional.priority },
            ...(assignee ? [{ field: "assigneeId", from: null, to: assignee.id }] : []),
            ...(routing ? [{ field: "category", from: null, to: routing.category }] : []),
          ],
        },
      },
      ...(routing ? [routing.entry(id)] : []),
    ];
    if (input.description.trim()) {
      entries.push({
        ticketId: id,
        kind: "message",
        body: input.description,
        channel: input.channel,
        author: requesterId || lookupEmail ? { type: "customer", id: requesterId } : undefined,
      });
    }
    const payload = { ticket: eventTicket(provisional), ...(routing ? { routing: routing.summary } : {}) };
    const written = await insertTicketWithHistory(
      tx,
      ctx,
      values,
      entries,
      { payload, prefix: info.ticketPrefix },
      now,
      lookupEmail,
    );
    if (!written) return null;
    return toTicket(
      { ...values, number: written.number, requesterId: written.requesterId, companyId: written.companyId, ...FRESH },
      info.ticketPrefix,
    );
  };
  const inTransaction = async (): Promise<Ticket> => {
    const ticket = await ctx.db.transaction((tx) => write(tx));
    if (!ticket) throw new Error("ticket insert wrote nothing");
    return ticket;
  };
  if (opts.route) return inTransaction();
  // The common case is one statement: no BEGIN/COMMIT, requester found inside the insert.
  // Only a first contact (the customer does not exist yet) takes the transactional path.
  return (await write(ctx.db, requester?.email)) ?? inTransaction();
}
