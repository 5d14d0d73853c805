import { and, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "../../../db/schema/index.js";
import {
  badCursor,
  type Ctx,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  isUuid,
  MAX_PAGE_SIZE,
  parseInput,
} from "../../kernel/index.js";
import {
  countUnread,
  type InAppNotification,
  notificationOwner,
  selectNotifications,
  toInAppNotification,
} from "./in-app-notification.js";

export const listNotificationsInput = z
  .object({
    /** Only what the agent has not read yet. */
    unreadOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListNotificationsInput = z.input<typeof listNotificationsInput>;

/** A page of the notification centre, and the badge. */
export interface NotificationPage {
  items: InAppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

function afterCursor(cursor: string): SQL | undefined {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string" || !isUuid(id)) {
    throw badCursor();
  }
  const when = new Date(at);
  return or(lt(notifications.createdAt, when), and(eq(notifications.createdAt, when), lt(notifications.id, id)));
}

/** The caller's own notifications, newest first (agents; customers have none). */
export async function listNotifications(ctx: Ctx, raw: ListNotificationsInput = {}): Promise<NotificationPage> {
  const agentId = notificationOwner(ctx);
  const input = parseInput(listNotificationsInput, raw);
  const where: (SQL | undefined)[] = [
    eq(notifications.workspaceId, ctx.workspaceId),
    eq(notifications.agentId, agentId),
  ];
  if (input.unreadOnly) where.push(isNull(notifications.readAt));
  if (input.cursor) where.push(afterCursor(input.cursor));
  const rows = await selectNotifications(ctx.db)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toInAppNotification),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    unreadCount: await countUnread(ctx.db, ctx.workspaceId, agentId),
  };
}
