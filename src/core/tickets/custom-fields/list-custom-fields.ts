import { asc, eq } from "drizzle-orm";
import { customFieldDefinitions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import type { Ctx, Page } from "../../kernel/index.js";
import { type CustomField, findCustomField, toCustomField } from "./custom-field.js";

/** Every custom field of the workspace by key (any agent); a workspace has few, so one page. */
export async function listCustomFields(ctx: Ctx): Promise<Page<CustomField>> {
  authorize(ctx.actor, "fields:read");
  const rows = await ctx.db
    .select()
    .from(customFieldDefinitions)
    .where(eq(customFieldDefinitions.workspaceId, ctx.workspaceId))
    .orderBy(asc(customFieldDefinitions.key));
  return { items: rows.map(toCustomField), nextCursor: null };
}

/** One custom field by key (any agent). */
export async function getCustomField(ctx: Ctx, key: string): Promise<CustomField> {
  authorize(ctx.actor, "fields:read");
  return findCustomField(ctx.db, ctx, key);
}
