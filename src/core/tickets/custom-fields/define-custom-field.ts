import { defineCustomFieldInput } from "../../../../common/api/views.js";
import { customFieldDefinitions } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { recordAudit } from "../../audit/index.js";
import { type Ctx, conflict, newId, parseInput } from "../../kernel/index.js";
import {
  assertFieldNameFree,
  assertFieldNameNotReserved,
  type CustomField,
  checkFieldOptions,
  toCustomField,
} from "./custom-field.js";

/** Adds a custom ticket field (managers and superadmins; audited); queries can name it at once. */
export async function defineCustomField(ctx: Ctx, rawInput: unknown): Promise<CustomField> {
  authorize(ctx.actor, "fields:manage");
  const input = parseInput(defineCustomFieldInput, rawInput);
  assertFieldNameNotReserved(input.key, "key");
  assertFieldNameNotReserved(input.label, "label");
  const options = checkFieldOptions(input.type, input.options);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await assertFieldNameFree(tx, ctx, input.key, "key");
    await assertFieldNameFree(tx, ctx, input.label, "label");
    const [row] = await tx
      .insert(customFieldDefinitions)
      .values({
        id: newId(now),
        workspaceId: ctx.workspaceId,
        key: input.key,
        label: input.label,
        type: input.type,
        options,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict("custom_field.key_taken", `key: a custom field "${input.key}" already exists.`, { field: "key" });
    await recordAudit(tx, ctx, {
      action: "custom_field.defined",
      target: { type: "custom_field", id: row.id },
      details: { key: row.key, label: row.label, type: row.type, options: row.options },
    });
    return toCustomField(row);
  });
}
