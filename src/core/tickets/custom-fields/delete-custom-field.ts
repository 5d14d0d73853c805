import { and, eq } from "drizzle-orm";
import { customFieldDefinitions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { recordAudit } from "../../audit/index.js";
import type { Ctx } from "../../kernel/index.js";
import { type CustomField, findCustomField } from "./custom-field.js";

/**
 * Removes a field definition (managers and superadmins; audited). Values
 * already stored on tickets stay in `customFields` (defining the key again
 * makes them queryable again); views naming the field stop working and say so.
 */
export async function deleteCustomField(ctx: Ctx, key: string): Promise<CustomField> {
  authorize(ctx.actor, "fields:manage");
  return ctx.db.transaction(async (tx) => {
    const field = await findCustomField(tx, ctx, key, { forUpdate: true });
    await tx
      .delete(customFieldDefinitions)
      .where(and(eq(customFieldDefinitions.workspaceId, ctx.workspaceId), eq(customFieldDefinitions.id, field.id)));
    await recordAudit(tx, ctx, {
      action: "custom_field.deleted",
      target: { type: "custom_field", id: field.id },
      details: { key: field.key, label: field.label, type: field.type },
    });
    return field;
  });
}
