import type { Ctx } from "../../kernel/index.js";
import { countUnread, notificationOwner } from "./in-app-notification.js";

/** The caller's unread notifications (the badge). Agents. */
export async function unreadNotificationCount(ctx: Ctx): Promise<number> {
  const agentId = notificationOwner(ctx);
  return countUnread(ctx.db, ctx.workspaceId, agentId);
}
