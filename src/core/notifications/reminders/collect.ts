/**
 * What each agent is reminded of (seed 000's daily reminder), gathered with one
 * query for the whole workspace: the tickets assigned to active agents that fall
 * in one of four sections. A ticket is listed once, in the first section that
 * takes it, in this order:
 *   1. open          — status open
 *   2. inProgress    — status in_progress
 *   3. personal      — created by the agent and assigned to them, any other active status
 *   4. pendingProduction — the workspace's `pendingProductionStatus` (any status), or
 *      `pendingProductionType` while active
 * Each section is sorted by priority (critical first), then age (oldest first).
 * Agents with nothing in any section are left out.
 */
import { and, asc, eq, or, sql } from "drizzle-orm";
import { ACTIVE_STATUSES, LEVELS, type Level } from "../../../../common/enums.js";
import type { Db, Tx } from "../../../db/connection.js";
import { ACTIVE_STATUS_SQL, agents, tickets } from "../../../db/schema/index.js";

export const REMINDER_SECTIONS = ["open", "inProgress", "personal", "pendingProduction"] as const;
export type ReminderSection = (typeof REMINDER_SECTIONS)[number];

/** How each section is titled in messages. */
export const SECTION_TITLES: Record<ReminderSection, string> = {
  open: "Open",
  inProgress: "In progress",
  personal: "Personal (created by you, assigned to you)",
  pendingProduction: "Pending production",
};

export interface ReminderLine {
  ticketId: string;
  /** TKT-1001 */
  number: string;
  subject: string;
  priority: Level;
  status: string;
  /** "3d", "5h", "12m": how long ago it was created. */
  age: string;
  createdAt: Date;
  /** publicUrl + /tickets/ + number */
  url: string;
}

export interface AgentReminder {
  agentId: string;
  email: string;
  name: string;
  sections: Record<ReminderSection, ReminderLine[]>;
  total: number;
}

export interface ReminderScope {
  workspaceId: string;
  ticketPrefix: string;
  pendingProductionStatus: string | null;
  pendingProductionType: string | null;
  /** Base of links, without a trailing slash. */
  publicUrl: string;
  now: Date;
  /** Only this agent. */
  agentId?: string;
}

/** "12m", "5h", "3d". */
export function ageText(createdAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

const ACTIVE = new Set<string>(ACTIVE_STATUSES);

interface Row {
  agentId: string;
  status: string;
  type: string;
  creatorType: string;
  creatorId: string | null;
}

/** The section a ticket goes in, or null when it is in none. */
export function sectionOf(row: Row, scope: Pick<ReminderScope, "pendingProductionStatus" | "pendingProductionType">) {
  if (row.status === "open") return "open" as const;
  if (row.status === "in_progress") return "inProgress" as const;
  const active = ACTIVE.has(row.status);
  if (active && row.creatorType === "agent" && row.creatorId === row.agentId) return "personal" as const;
  if (scope.pendingProductionStatus !== null && row.status === scope.pendingProductionStatus) {
    return "pendingProduction" as const;
  }
  const type = scope.pendingProductionType?.toLowerCase();
  if (active && type !== undefined && row.type.toLowerCase() === type) return "pendingProduction" as const;
  return null;
}

const emptySections = (): Record<ReminderSection, ReminderLine[]> => ({
  open: [],
  inProgress: [],
  personal: [],
  pendingProduction: [],
});

/** Every active agent's reminder (agents with nothing left out), ordered by email. */
export async function collectReminders(db: Db | Tx, scope: ReminderScope): Promise<AgentReminder[]> {
  const ws = scope.workspaceId;
  const wanted = or(
    sql`${tickets.status} in ('open','in_progress')`,
    and(
      sql`${tickets.status} in ${ACTIVE_STATUS_SQL}`,
      or(
        and(eq(tickets.creatorType, "agent"), eq(tickets.creatorId, tickets.assigneeId)),
        scope.pendingProductionType === null
          ? undefined
          : sql`lower(${tickets.type}) = ${scope.pendingProductionType.toLowerCase()}`,
      ),
    ),
    scope.pendingProductionStatus === null ? undefined : eq(tickets.status, scope.pendingProductionStatus),
  );
  const rows = await db
    .select({
      agentId: agents.id,
      email: agents.email,
      name: agents.name,
      ticketId: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      priority: tickets.priority,
      status: tickets.status,
      type: tickets.type,
      creatorType: tickets.creatorType,
      creatorId: tickets.creatorId,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .innerJoin(agents, eq(agents.id, tickets.assigneeId))
    .where(
      and(
        eq(tickets.workspaceId, ws),
        eq(agents.workspaceId, ws),
        eq(agents.active, true),
        scope.agentId ? eq(agents.id, scope.agentId) : undefined,
        wanted,
      ),
    )
    .orderBy(asc(agents.email), asc(tickets.priority), asc(tickets.createdAt), asc(tickets.number));

  const byAgent = new Map<string, AgentReminder>();
  for (const row of rows) {
    const section = sectionOf(row, scope);
    if (!section) continue;
    let reminder = byAgent.get(row.agentId);
    if (!reminder) {
      reminder = { agentId: row.agentId, email: row.email, name: row.name, sections: emptySections(), total: 0 };
      byAgent.set(row.agentId, reminder);
    }
    const number = `${scope.ticketPrefix}-${row.number}`;
    reminder.sections[section].push({
      ticketId: row.ticketId,
      number,
      subject: row.subject,
      priority: LEVELS[row.priority - 1] ?? "low",
      status: row.status,
      age: ageText(row.createdAt, scope.now),
      createdAt: row.createdAt,
      url: `${scope.publicUrl}/tickets/${number}`,
    });
    reminder.total++;
  }
  return [...byAgent.values()];
}
