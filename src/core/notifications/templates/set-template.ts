import { notificationTemplates } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { type Ctx, parseInput } from "../../kernel/index.js";
import { BUILT_IN_TEMPLATES, checkTemplate } from "../templates.js";
import { type SetTemplateInput, setTemplateInput, type TemplateView } from "./schemas.js";

/**
 * The workspace's own wording of a notification email (managers): subject and
 * plain-text body with `{{placeholders}}`; an unknown placeholder is refused by name.
 */
export async function setTemplate(ctx: Ctx, raw: SetTemplateInput): Promise<TemplateView> {
  authorize(ctx.actor, "notifications:manage");
  const input = parseInput(setTemplateInput, raw);
  checkTemplate(input.subject, "subject");
  checkTemplate(input.body, "body");
  const now = ctx.clock.now();
  const values = {
    workspaceId: ctx.workspaceId,
    kind: input.kind,
    channel: input.channel,
    subject: input.subject,
    body: input.body,
    updatedAt: now,
  };
  await ctx.db
    .insert(notificationTemplates)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationTemplates.workspaceId, notificationTemplates.kind, notificationTemplates.channel],
      set: { subject: values.subject, body: values.body, updatedAt: now },
    });
  return {
    kind: input.kind,
    channel: input.channel,
    subject: input.subject,
    body: input.body,
    builtIn: false,
    default: { ...BUILT_IN_TEMPLATES[input.kind] },
    updatedAt: now.toISOString(),
  };
}
