/**
 * Custom ticket fields: typed values in `ticket.customFields` that queries
 * name as `cf.<key>`, by key or by label. Definitions are workspace settings,
 * so only managers and superadmins change them (`fields:manage`) and every
 * change is audited; every agent may read them (`fields:read`).
 *
 * A key or label that a query could confuse with something else is refused:
 * a built-in field or alias (`status`, `assignee`, `from`, …), a query
 * keyword, a key the engine itself writes into `customFields` (`sentiment`),
 * or another custom field's key or label (the query language would silently
 * pick whichever was defined first).
 */
import { and, eq } from "drizzle-orm";
import type { CustomFieldType } from "../../../../common/api/views.js";
import { KEYWORDS, lookupField } from "../../../../common/query/fields.js";
import type { Tx } from "../../../db/connection.js";
import { customFieldDefinitions } from "../../../db/schema/index.js";
import { type Ctx, conflict, invalid, notFound } from "../../kernel/index.js";
import { SENTIMENT_FIELD } from "../../routing/index.js";

export interface CustomField {
  id: string;
  /** Lowercase letters, digits and underscores; the key in `ticket.customFields`. */
  key: string;
  label: string;
  type: CustomFieldType;
  /** The allowed values of a `select` field (empty for other types). */
  options: string[];
  createdAt: Date;
}

export type CustomFieldRow = typeof customFieldDefinitions.$inferSelect;

export function toCustomField(row: CustomFieldRow): CustomField {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type as CustomFieldType,
    options: row.options,
    createdAt: row.createdAt,
  };
}

/** Keys the engine writes into `ticket.customFields` itself (routing stores the sentiment there). */
export const ENGINE_FIELD_KEYS: readonly string[] = [SENTIMENT_FIELD];

/** Why a custom field may not be called `name` (key or label), or undefined when it may. */
export function reservedFieldName(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  const builtIn = lookupField(lower);
  if (builtIn) {
    return builtIn.name === lower
      ? `"${lower}" is a built-in field`
      : `"${lower}" is how queries write "${builtIn.name}"`;
  }
  if ((KEYWORDS as readonly string[]).includes(lower)) return `"${lower}" is a query keyword`;
  if (ENGINE_FIELD_KEYS.includes(lower)) return `"${lower}" is stored by Helpline itself`;
  return undefined;
}

/** The options a field of `type` may have: required, non-empty and distinct for `select`, none otherwise. */
export function checkFieldOptions(type: CustomFieldType, options: string[] | undefined): string[] {
  if (type !== "select") {
    if (options && options.length > 0) {
      throw invalid(
        "custom_field.options_not_allowed",
        `options: only a select field has options (not ${type}).`,
        "options",
      );
    }
    return [];
  }
  if (!options || options.length === 0) {
    throw invalid("custom_field.options_required", "options: a select field needs at least one option.", "options");
  }
  const seen = new Set<string>();
  for (const [i, option] of options.entries()) {
    // Queries match option values case-insensitively, so "Gold" and "gold" would be one value.
    const lower = option.toLowerCase();
    if (seen.has(lower)) {
      throw invalid("custom_field.duplicate_option", `options.${i}: "${option}" is listed twice.`, `options.${i}`);
    }
    seen.add(lower);
  }
  return options;
}

/** The workspace's field with this key; `custom_field.not_found` otherwise. */
export async function findCustomField(
  tx: Tx,
  ctx: Ctx,
  key: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CustomField> {
  const query = tx
    .select()
    .from(customFieldDefinitions)
    .where(
      and(
        eq(customFieldDefinitions.workspaceId, ctx.workspaceId),
        eq(customFieldDefinitions.key, key.trim().toLowerCase()),
      ),
    );
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("custom_field.not_found", `No custom field "${key}" in this workspace.`, "key");
  return toCustomField(row);
}

/**
 * Refuses a key or label another field already answers to (its key or its
 * label, case-insensitively); `except` is the field being changed.
 */
export async function assertFieldNameFree(
  tx: Tx,
  ctx: Ctx,
  name: string,
  field: "key" | "label",
  except?: string,
): Promise<void> {
  const lower = name.trim().toLowerCase();
  const rows = await tx
    .select({ id: customFieldDefinitions.id, key: customFieldDefinitions.key, label: customFieldDefinitions.label })
    .from(customFieldDefinitions)
    .where(eq(customFieldDefinitions.workspaceId, ctx.workspaceId));
  const other = rows.find((r) => r.id !== except && (r.key === lower || r.label.toLowerCase() === lower));
  if (other) {
    throw conflict(
      `custom_field.${field}_taken`,
      `${field}: the custom field "${other.label}" (${other.key}) already answers to "${name}".`,
      { field },
    );
  }
}

/** Refuses a reserved key or label (see `reservedFieldName`). */
export function assertFieldNameNotReserved(name: string, field: "key" | "label"): void {
  const why = reservedFieldName(name);
  if (why) {
    throw invalid(
      `custom_field.reserved_${field}`,
      `${field}: ${why}; choose another ${field === "key" ? "key" : "label"}.`,
      field,
    );
  }
}
