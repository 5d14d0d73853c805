import { eq } from "drizzle-orm";
import { notificationTemplates } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import type { Ctx } from "../../kernel/index.js";
import { BUILT_IN_TEMPLATES, TEMPLATE_CHANNELS } from "../templates.js";
import { NOTIFICATION_KINDS } from "../types.js";
import type { TemplateView } from "./schemas.js";

/** Every editable template: the workspace's own where it has one, else the built-in (managers). */
export async function listTemplates(ctx: Ctx): Promise<TemplateView[]> {
  authorize(ctx.actor, "notifications:manage");
  const rows = await ctx.db
    .select()
    .from(notificationTemplates)
    .where(eq(notificationTemplates.workspaceId, ctx.workspaceId));
  const own = new Map(rows.map((r) => [`${r.kind}/${r.channel}`, r]));
  return TEMPLATE_CHANNELS.flatMap((channel) =>
    NOTIFICATION_KINDS.map((kind) => {
      const builtIn = BUILT_IN_TEMPLATES[kind];
      const row = own.get(`${kind}/${channel}`);
      return {
        kind,
        channel,
        subject: row?.subject ?? builtIn.subject,
        body: row?.body ?? builtIn.body,
        builtIn: !row,
        default: { ...builtIn },
        updatedAt: row?.updatedAt.toISOString() ?? null,
      };
    }),
  );
}
