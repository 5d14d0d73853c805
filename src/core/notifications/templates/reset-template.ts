import { and, eq } from "drizzle-orm";
import { notificationTemplates } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { type Ctx, parseInput } from "../../kernel/index.js";
import { BUILT_IN_TEMPLATES } from "../templates.js";
import { type TemplateKeyInput, type TemplateView, templateKey } from "./schemas.js";

/** Back to the built-in wording (managers); resetting one that is built-in already changes nothing. */
export async function resetTemplate(ctx: Ctx, raw: TemplateKeyInput): Promise<TemplateView> {
  authorize(ctx.actor, "notifications:manage");
  const input = parseInput(templateKey, raw);
  await ctx.db
    .delete(notificationTemplates)
    .where(
      and(
        eq(notificationTemplates.workspaceId, ctx.workspaceId),
        eq(notificationTemplates.kind, input.kind),
        eq(notificationTemplates.channel, input.channel),
      ),
    );
  const builtIn = BUILT_IN_TEMPLATES[input.kind];
  return {
    kind: input.kind,
    channel: input.channel,
    ...builtIn,
    builtIn: true,
    default: { ...builtIn },
    updatedAt: null,
  };
}
