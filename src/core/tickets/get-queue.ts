import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { ACTIVE_STATUSES, TICKET_STATUSES } from "../../../common/enums.js";
import { levelNumber } from "../../../common/priority.js";
import { tickets } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import {
  badCursor,
  type Ctx,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  isUuid,
  MAX_PAGE_SIZE,
  type Page,
  parseInput,
} from "../kernel/index.js";
import { resolveAgent, resolveTeam, workspaceInfo } from "../people/index.js";
import { priorityInput } from "./schemas.js";
import { type Ticket, toTicket } from "./ticket.js";
import { visibleTickets } from "./visibility.js";

export const queueInput = z
  .object({
    /** Agent id or email, `"me"` for the acting agent, or `null` for unassigned. */
    assignee: z.string().trim().min(1).nullable().optional(),
    /** One status, several, or `"active"` (default): every status that still needs work. */
    status: z
      .union([z.enum(TICKET_STATUSES), z.literal("active"), z.literal("all"), z.array(z.enum(TICKET_STATUSES)).min(1)])
      .default("active"),
    /** One priority, or several (seed 004's "high" means critical or high). */
    priority: z.union([priorityInput, z.array(priorityInput).min(1).max(4)]).optional(),
    team: z.string().trim().min(1).optional(),
    /** One category, or several (seed 004's "technical" includes bug reports). */
    category: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1).max(20)]).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().optional(),
  })
  .strict();
export type QueueInput = z.input<typeof queueInput>;

/**
 * Seed 002's get_queue: tickets filtered by assignee, status, priority and
 * team, most urgent first (priority, then oldest), one page at a time.
 */
export async function getQueue(ctx: Ctx, rawInput: unknown = {}): Promise<Page<Ticket>> {
  const input = parseInput(queueInput, rawInput);
  authorize(ctx.actor, "ticket:list");
  const info = await workspaceInfo(ctx.db, ctx.db, ctx.workspaceId);
  const where: (SQL | undefined)[] = [await visibleTickets(ctx.db, ctx)];
  const statuses =
    input.status === "active" ? [...ACTIVE_STATUSES] : input.status === "all" ? null : [input.status].flat();
  if (statuses) {
    where.push(
      input.status === "active"
        ? sql`${tickets.status} in ('open','in_progress','on_hold','review','pending_customer')`
        : inArray(tickets.status, statuses),
    );
  }
  if (input.assignee === null) where.push(isNull(tickets.assigneeId));
  else if (input.assignee === "me" && ctx.actor.type === "agent") where.push(eq(tickets.assigneeId, ctx.actor.id));
  else if (input.assignee) where.push(eq(tickets.assigneeId, (await resolveAgent(ctx.db, ctx, input.assignee)).id));
  if (input.team) where.push(eq(tickets.teamId, (await resolveTeam(ctx.db, ctx, input.team)).id));
  if (input.priority) where.push(inArray(tickets.priority, [input.priority].flat().map(levelNumber)));
  if (input.category) where.push(inArray(tickets.category, [input.category].flat()));
  if (input.cursor) {
    const [p, c, id] = decodeCursor(input.cursor, 3);
    const validCursor =
      typeof p === "number" &&
      Number.isInteger(p) &&
      p >= 1 &&
      p <= 4 &&
      typeof c === "string" &&
      !Number.isNaN(Date.parse(c)) &&
      typeof id === "string" &&
      isUuid(id);
    if (!validCursor) throw badCursor();
    where.push(
      sql`(${tickets.priority}, ${tickets.createdAt}, ${tickets.id}) > (${p}, ${c}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(...where))
    .orderBy(asc(tickets.priority), asc(tickets.createdAt), asc(tickets.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toTicket(r, info.ticketPrefix)),
    nextCursor:
      rows.length > input.limit && last ? encodeCursor([last.priority, last.createdAt.toISOString(), last.id]) : null,
  };
}
