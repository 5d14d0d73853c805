import type { Channel, Level, PriorityNumber, TicketStatus } from "../../../common/enums.js";
import { levelOf } from "../../../common/priority.js";
import type { tickets } from "../../db/schema/index.js";

export type TicketRow = typeof tickets.$inferSelect;

/** A ticket as the engine hands it out. */
export interface Ticket {
  id: string;
  /** Human number, e.g. `TKT-1001`. */
  number: string;
  subject: string;
  description: string;
  status: TicketStatus;
  urgency: Level;
  importance: Level;
  /** Effective priority from the urgency × importance matrix. */
  priority: Level;
  /** Seed 002's numeric priority: 1 critical … 4 low. */
  priorityNumber: PriorityNumber;
  category: string | null;
  type: string;
  tags: string[];
  channel: Channel;
  requesterId: string | null;
  creator: { type: "agent" | "customer" | "system"; id: string | null };
  assigneeId: string | null;
  teamId: string | null;
  companyId: string | null;
  customFields: Record<string, unknown>;
  slaHours: number;
  slaDueAt: Date;
  /** A due date set by an agent (the calendar's reschedulable date), or null. */
  dueAt: Date | null;
  escalationLevel: number;
  /** Files attached anywhere on the timeline. */
  attachmentCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export function formatNumber(prefix: string, n: number): string {
  return `${prefix}-${n}`;
}

export function toTicket(row: TicketRow, prefix: string): Ticket {
  return {
    id: row.id,
    number: formatNumber(prefix, row.number),
    subject: row.subject,
    description: row.description,
    status: row.status as TicketStatus,
    urgency: row.urgency as Level,
    importance: row.importance as Level,
    priority: levelOf(row.priority),
    priorityNumber: row.priority as PriorityNumber,
    category: row.category,
    type: row.type,
    tags: row.tags,
    channel: row.channel as Channel,
    requesterId: row.requesterId,
    creator: { type: row.creatorType as Ticket["creator"]["type"], id: row.creatorId },
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    companyId: row.companyId,
    customFields: (row.customFields ?? {}) as Record<string, unknown>,
    slaHours: row.slaHours,
    slaDueAt: row.slaDueAt,
    dueAt: row.dueAt,
    escalationLevel: row.escalationLevel,
    attachmentCount: row.attachmentCount,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
  };
}
