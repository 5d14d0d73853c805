import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "../../../db/schema/index.js";
import { type Ctx, isUuid, notFound, parseInput } from "../../kernel/index.js";
import {
  countUnread,
  type InAppNotification,
  notificationOwner,
  selectNotifications,
  toInAppNotification,
} from "./in-app-notification.js";

const notificationId = z.string().trim().min(1).max(100);

/**
 * Marks one of the caller's notifications read (again is harmless: the first
 * read time stays). Someone else's notification is not found. Agents.
 */
export async function markNotificationRead(
  ctx: Ctx,
  id: string,
): Promise<{ notification: InAppNotification; unreadCount: number }> {
  const agentId = notificationOwner(ctx);
  const ref = parseInput(notificationId, id);
  const missing = () => notFound("notification.not_found", `You have no notification ${ref}.`, "id");
  if (!isUuid(ref)) throw missing();
  const mine = and(
    eq(notifications.id, ref),
    eq(notifications.workspaceId, ctx.workspaceId),
    eq(notifications.agentId, agentId),
  );
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${ctx.clock.now()})` })
    .where(mine)
    .returning({ id: notifications.id });
  if (updated.length === 0) throw missing();
  const [row] = await selectNotifications(ctx.db).where(mine);
  if (!row) throw missing();
  return { notification: toInAppNotification(row), unreadCount: await countUnread(ctx.db, ctx.workspaceId, agentId) };
}
