import { eq, sql } from "drizzle-orm";
import type { TicketStatus } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { tickets, ticketTransitions } from "../../db/schema/index.js";
import { type Ctx, type EventType, recordEvent } from "../kernel/index.js";
import { appendEntries, type FieldChange, type NewEntry } from "../timeline/index.js";
import { isActiveStatus } from "./status-machine.js";
import { type Ticket, type TicketRow, toTicket } from "./ticket.js";

const TRACKED: readonly (keyof TicketRow)[] = [
  "subject",
  "description",
  "status",
  "urgency",
  "importance",
  "priority",
  "category",
  "type",
  "tags",
  "assigneeId",
  "teamId",
  "companyId",
  "customFields",
  "slaHours",
  "slaDueAt",
  "dueAt",
  "escalationLevel",
];

function comparable(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

export function diffTicket(before: TicketRow, after: Partial<TicketRow>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TRACKED) {
    if (!(field in after)) continue;
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}

/**
 * Applies a patch to a locked ticket and records it: the row update, an `event`
 * timeline entry with every field's before/after, any extra entries (notes,
 * messages) and one outbox event, all in the caller's transaction.
 */
export async function applyTicketChange(
  tx: Tx,
  ctx: Ctx,
  before: TicketRow,
  prefix: string,
  change: {
    action: string;
    eventType: EventType;
    patch: Partial<TicketRow>;
    entries?: NewEntry[];
    payload?: Record<string, unknown>;
  },
  now: Date,
): Promise<{ ticket: Ticket; changes: FieldChange[]; entryIds: string[] }> {
  const changes = diffTicket(before, change.patch);
  const to = change.patch.status;
  if (to !== undefined && to !== before.status) {
    // Every status change, whatever caused it, feeds the report's SLA breach rate.
    await tx.insert(ticketTransitions).values({
      workspaceId: ctx.workspaceId,
      ticketId: before.id,
      fromStatus: before.status,
      toStatus: to,
      slaBreached: isActiveStatus(before.status as TicketStatus) && now.getTime() > before.slaDueAt.getTime(),
      occurredAt: now,
    });
  }
  const [row] = await tx
    .update(tickets)
    .set({ ...change.patch, updatedAt: now, version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, before.id))
    .returning();
  if (!row) throw new Error(`ticket ${before.id} vanished during update`);
  const entries: NewEntry[] = [];
  if (changes.length > 0) {
    entries.push({ ticketId: before.id, kind: "event", event: { action: change.action, changes } });
  }
  entries.push(...(change.entries ?? []));
  const ids = await appendEntries(tx, ctx, entries, now);
  // The ids of the caller's own entries (messages, notes), not of the change record.
  const entryIds = ids.slice(ids.length - (change.entries?.length ?? 0));
  const ticket = toTicket(row, prefix);
  await recordEvent(
    tx,
    ctx,
    {
      type: change.eventType,
      subjectType: "ticket",
      subjectId: before.id,
      payload: { ticket: eventTicket(ticket), changes, ...(entryIds.length ? { entryIds } : {}), ...change.payload },
    },
    now,
  );
  return { ticket, changes, entryIds };
}

/** The ticket snapshot carried by events (no description: events stay small). */
export function eventTicket(t: Ticket): Record<string, unknown> {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    urgency: t.urgency,
    importance: t.importance,
    category: t.category,
    requesterId: t.requesterId,
    creator: t.creator,
    assigneeId: t.assigneeId,
    teamId: t.teamId,
    companyId: t.companyId,
    channel: t.channel,
    slaDueAt: t.slaDueAt.toISOString(),
  };
}
