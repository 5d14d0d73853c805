import { and, asc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { PriorityNumber } from "../../../common/enums.js";
import { levelOf } from "../../../common/priority.js";
import { agents, tickets } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { workspaceInfo } from "../people/index.js";
import { formatNumber, loadTicket, type TicketRef } from "../tickets/index.js";
import { type SlaSnapshot, slaSnapshot } from "./sla-hours.js";

/** Seed 002's check_sla_breach for one ticket. */
export async function checkSla(ctx: Ctx, ref: TicketRef): Promise<SlaSnapshot> {
  const { ticket } = await loadTicket(ctx.db, ctx, ref, "ticket:read");
  return slaSnapshot(
    {
      number: ticket.number,
      priority: ticket.priorityNumber,
      slaHours: ticket.slaHours,
      createdAt: ticket.createdAt,
      slaDueAt: ticket.slaDueAt,
      stoppedAt: ticket.resolvedAt,
    },
    ctx.clock.now(),
  );
}

/** One row of seed 002's get_breached_tickets. */
export interface BreachedTicket {
  ticket_id: string;
  id: string;
  title: string;
  status: string;
  priority: number;
  priority_label: string;
  assignee: string | null;
  sla_deadline: string;
  overdue_hours: number;
}

const breachedInput = z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict();

/** Active tickets past their SLA deadline, most overdue first. */
export async function listBreached(ctx: Ctx, rawInput: unknown = {}): Promise<BreachedTicket[]> {
  const input = parseInput(breachedInput, rawInput);
  authorize(ctx.actor, "report:read");
  const now = ctx.clock.now();
  const info = await workspaceInfo(ctx.db, ctx.db, ctx.workspaceId);
  const rows = await ctx.db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      priority: tickets.priority,
      slaDueAt: tickets.slaDueAt,
      assignee: agents.email,
    })
    .from(tickets)
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .where(
      and(
        eq(tickets.workspaceId, ctx.workspaceId),
        sql`${tickets.status} in ('open','in_progress','on_hold','review','pending_customer')`,
        lt(tickets.slaDueAt, now),
      ),
    )
    .orderBy(asc(tickets.slaDueAt))
    .limit(input.limit);
  return rows.map((r) => ({
    ticket_id: formatNumber(info.ticketPrefix, r.number),
    id: r.id,
    title: r.subject,
    status: r.status,
    priority: r.priority,
    priority_label: levelOf(r.priority as PriorityNumber),
    assignee: r.assignee,
    sla_deadline: r.slaDueAt.toISOString(),
    overdue_hours: Math.round(((now.getTime() - r.slaDueAt.getTime()) / 3_600_000) * 100) / 100,
  }));
}
