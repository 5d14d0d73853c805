import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { agents, notificationDeliveries, tickets, workspaces } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import {
  badCursor,
  type Ctx,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  isUuid,
  MAX_PAGE_SIZE,
  notFound,
  type Page,
  parseInput,
} from "../kernel/index.js";
import { loadTicket } from "../tickets/index.js";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel } from "./types.js";

/** Where a delivery is: waiting (pending, held for quiet hours, batched), being sent, or done. */
export const DELIVERY_STATUSES = ["pending", "held", "batched", "sending", "sent", "skipped", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const listDeliveriesInput = z
  .object({
    status: z.enum(DELIVERY_STATUSES).optional(),
    channel: z.enum(NOTIFICATION_CHANNELS).optional(),
    kind: z.enum(NOTIFICATION_KINDS).optional(),
    /** The recipient agent, by id or email. */
    agent: z.string().trim().min(1).max(320).optional(),
    /** An event type (`ticket.assigned`) or one event's id. */
    event: z.string().trim().min(1).max(100).optional(),
    /** One ticket's deliveries: TKT-1001, 1001 or its id. */
    ticket: z.union([z.string().trim().min(1).max(100), z.number().int().positive()]).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListDeliveriesInput = z.input<typeof listDeliveriesInput>;

/** One row of the admin delivery log: who was to hear what, on which channel, and what happened. */
export interface DeliveryLogEntry {
  id: string;
  eventId: string;
  eventType: string;
  kind: string;
  channel: NotificationChannel;
  recipient: {
    /** `agent:<id>`, `customer:<id>` or `email:<address>`. */
    key: string;
    agent: { id: string; name: string | null; email: string } | null;
    /** Where it went or goes: an email address, a Slack user id once looked up. */
    address: string | null;
  };
  status: DeliveryStatus;
  /** Why it was skipped, held or failed, in words. */
  reason: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  ticket: { id: string; number: string } | null;
  /** The notification's one line. */
  title: string;
}

async function agentIdOf(ctx: Ctx, ref: string): Promise<string> {
  const byId = isUuid(ref);
  const [row] = await ctx.db
    .select({ id: agents.id })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, ctx.workspaceId),
        byId ? eq(agents.id, ref) : sql`lower(${agents.email}) = ${ref.toLowerCase()}`,
      ),
    );
  if (!row) throw notFound("agent.not_found", `No agent ${ref} in this workspace.`, "agent");
  return row.id;
}

function afterCursor(cursor: string): SQL | undefined {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string" || !isUuid(id)) {
    throw badCursor();
  }
  const when = new Date(at);
  const d = notificationDeliveries;
  return or(lt(d.createdAt, when), and(eq(d.createdAt, when), lt(d.id, id)));
}

/**
 * The workspace's notification delivery log, newest first, with each failure's
 * reason (managers and superadmins). Filters: status, channel, kind, recipient
 * agent, event type or id, ticket.
 */
export async function listDeliveries(ctx: Ctx, raw: ListDeliveriesInput = {}): Promise<Page<DeliveryLogEntry>> {
  authorize(ctx.actor, "notifications:manage");
  const input = parseInput(listDeliveriesInput, raw);
  const d = notificationDeliveries;
  const where: (SQL | undefined)[] = [eq(d.workspaceId, ctx.workspaceId)];
  if (input.status) where.push(eq(d.status, input.status));
  if (input.channel) where.push(eq(d.channel, input.channel));
  if (input.kind) where.push(eq(d.kind, input.kind));
  if (input.agent) where.push(eq(d.agentId, await agentIdOf(ctx, input.agent)));
  if (input.event) where.push(isUuid(input.event) ? eq(d.eventId, input.event) : eq(d.eventType, input.event));
  if (input.ticket !== undefined) {
    const { row } = await loadTicket(ctx.db, ctx, input.ticket, "ticket:read");
    where.push(eq(d.ticketId, row.id));
  }
  if (input.cursor) where.push(afterCursor(input.cursor));
  const rows = await ctx.db
    .select({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      kind: d.kind,
      channel: d.channel,
      recipientKey: d.recipientKey,
      agentId: d.agentId,
      agentName: agents.name,
      agentEmail: agents.email,
      address: d.address,
      status: d.status,
      reason: d.reason,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      createdAt: d.createdAt,
      sentAt: d.sentAt,
      ticketId: d.ticketId,
      ticketNumber: sql<
        string | null
      >`case when ${tickets.id} is null then null else ${workspaces.ticketPrefix} || '-' || ${tickets.number} end`,
      title: sql<string | null>`${d.content} ->> 'title'`,
    })
    .from(d)
    .innerJoin(workspaces, eq(workspaces.id, d.workspaceId))
    .leftJoin(agents, eq(agents.id, d.agentId))
    .leftJoin(tickets, eq(tickets.id, d.ticketId))
    .where(and(...where))
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      eventType: r.eventType,
      kind: r.kind,
      channel: r.channel as NotificationChannel,
      recipient: {
        key: r.recipientKey,
        agent: r.agentId && r.agentEmail ? { id: r.agentId, name: r.agentName, email: r.agentEmail } : null,
        address: r.address,
      },
      status: r.status as DeliveryStatus,
      reason: r.reason,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      ticket: r.ticketId && r.ticketNumber ? { id: r.ticketId, number: r.ticketNumber } : null,
      title: r.title ?? "",
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
