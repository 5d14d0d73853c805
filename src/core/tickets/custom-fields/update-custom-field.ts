import { and, eq } from "drizzle-orm";
import { updateCustomFieldInput } from "../../../../common/api/views.js";
import { customFieldDefinitions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { recordAudit } from "../../audit/index.js";
import { type Ctx, parseInput } from "../../kernel/index.js";
import {
  assertFieldNameFree,
  assertFieldNameNotReserved,
  type CustomField,
  checkFieldOptions,
  findCustomField,
  toCustomField,
} from "./custom-field.js";

/**
 * Relabels a field or replaces a select field's options (its key and type
 * never change: stored values and saved views depend on them). Views that
 * name a removed option stop working and say so in their list.
 */
export async function updateCustomField(ctx: Ctx, key: string, rawInput: unknown): Promise<CustomField> {
  authorize(ctx.actor, "fields:manage");
  const input = parseInput(updateCustomFieldInput, rawInput);
  if (input.label !== undefined) assertFieldNameNotReserved(input.label, "label");
  return ctx.db.transaction(async (tx) => {
    const field = await findCustomField(tx, ctx, key, { forUpdate: true });
    const options = input.options === undefined ? undefined : checkFieldOptions(field.type, input.options);
    if (input.label !== undefined) await assertFieldNameFree(tx, ctx, input.label, "label", field.id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.label !== undefined && input.label !== field.label)
      changes.label = { from: field.label, to: input.label };
    if (options !== undefined && options.join("\n") !== field.options.join("\n")) {
      changes.options = { from: field.options, to: options };
    }
    if (Object.keys(changes).length === 0) return field;
    const [row] = await tx
      .update(customFieldDefinitions)
      .set({
        ...(changes.label ? { label: input.label } : {}),
        ...(changes.options ? { options } : {}),
      })
      .where(and(eq(customFieldDefinitions.workspaceId, ctx.workspaceId), eq(customFieldDefinitions.id, field.id)))
      .returning();
    if (!row) throw new Error("custom field update returned nothing");
    await recordAudit(tx, ctx, {
      action: "custom_field.changed",
      target: { type: "custom_field", id: field.id },
      details: { key: field.key, changes },
    });
    return toCustomField(row);
  });
}
