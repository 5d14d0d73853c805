import { and, eq, isNull } from "drizzle-orm";
import { notifications } from "../../../db/schema/index.js";
import type { Ctx } from "../../kernel/index.js";
import { notificationOwner } from "./in-app-notification.js";

/** Marks every unread notification of the caller read; returns how many were. Agents. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<number> {
  const agentId = notificationOwner(ctx);
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(
      and(
        eq(notifications.workspaceId, ctx.workspaceId),
        eq(notifications.agentId, agentId),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return updated.length;
}
