import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/connection.js";
import { notifications, tickets, workspaces } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { type Ctx, forbidden } from "../../kernel/index.js";

/** One entry of an agent's notification centre. */
export interface InAppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** Path in the app, e.g. /tickets/TKT-1001. */
  link: string | null;
  ticket: { id: string; number: string } | null;
  /** The event it tells about (one notification per agent and event). */
  eventId: string;
  createdAt: Date;
  readAt: Date | null;
}

/** The agent whose notification centre this is: agents only (customers and the system have none). */
export function notificationOwner(ctx: Ctx): string {
  authorize(ctx.actor, "notifications:use");
  if (ctx.actor.type !== "agent") {
    throw forbidden("Only agents have a notification centre: act as an agent (e.g. --as <email>).");
  }
  return ctx.actor.id;
}

/** The columns an InAppNotification is read from (joined with its ticket and workspace for the number). */
export const notificationColumns = {
  id: notifications.id,
  agentId: notifications.agentId,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  eventId: notifications.eventId,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
  ticketId: notifications.ticketId,
  ticketNumber: sql<
    string | null
  >`case when ${tickets.id} is null then null else ${workspaces.ticketPrefix} || '-' || ${tickets.number} end`,
};

export type NotificationRow = {
  id: string;
  agentId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  eventId: string;
  createdAt: Date;
  readAt: Date | null;
  ticketId: string | null;
  ticketNumber: string | null;
};

/** `select … from notifications` with the joins notificationColumns needs. */
export function selectNotifications(db: Db | Tx) {
  return db
    .select(notificationColumns)
    .from(notifications)
    .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
    .leftJoin(tickets, eq(tickets.id, notifications.ticketId));
}

export function toInAppNotification(r: NotificationRow): InAppNotification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    ticket: r.ticketId && r.ticketNumber ? { id: r.ticketId, number: r.ticketNumber } : null,
    eventId: r.eventId,
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}

/** How many unread notifications an agent has (the badge). */
export async function countUnread(db: Db | Tx, workspaceId: string, agentId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(eq(notifications.workspaceId, workspaceId), eq(notifications.agentId, agentId), isNull(notifications.readAt)),
    );
  return Number(row?.n ?? 0);
}
