/**
 * The fields one parse may name: the built-in catalogue plus the workspace's
 * custom fields. Built-in names win over a custom field's key or label, so a
 * custom field called "status" is still reachable as `cf.status`.
 */
import {
  type CustomFieldSpec,
  customFieldSpec,
  FIELDS,
  type FieldSpec,
  lookupField,
  SORT_FIELDS,
  type SortField,
} from "./fields.js";

export interface Catalogue {
  /** The field a written name means (case-insensitive; aliases, `cf.<key>`, custom key or label). */
  lookup(written: string): FieldSpec | undefined;
  /** Every field: built-ins first, then custom fields as `cf.<key>`. */
  readonly fields: readonly FieldSpec[];
  /** Every name a field can be written as, for suggestions. */
  readonly names: readonly string[];
}

export function makeCatalogue(customFields: readonly CustomFieldSpec[] = []): Catalogue {
  const custom = new Map<string, FieldSpec>();
  const customSpecs: FieldSpec[] = [];
  for (const cf of customFields) {
    const spec = customFieldSpec(cf);
    const names = [spec.name.toLowerCase(), ...spec.aliases];
    // The first custom field to claim a name keeps it.
    if (custom.has(names[0] ?? "")) continue;
    customSpecs.push(spec);
    for (const name of names) if (!custom.has(name)) custom.set(name, spec);
  }
  const builtInNames = FIELDS.flatMap((f) => [f.name, ...f.aliases]);
  return {
    lookup: (written) => lookupField(written) ?? custom.get(written.toLowerCase()),
    fields: [...FIELDS, ...customSpecs],
    names: [...builtInNames, ...[...custom.keys()].filter((n) => lookupField(n) === undefined)],
  };
}

/** Whether comparisons and ranges make sense: ordered enums, dates, numbers, durations. */
export function hasOrder(spec: FieldSpec): boolean {
  return spec.type === "date" || spec.type === "number" || spec.type === "duration" || spec.ordered === true;
}

const SORTABLE = new Set<string>(SORT_FIELDS);

/** The sort field a written name means (`opened` → `created`), or undefined. */
export function lookupSortField(written: string): SortField | undefined {
  const lower = written.toLowerCase();
  if (lower === "relevance") return "relevance";
  const name = lookupField(lower)?.name;
  return name !== undefined && SORTABLE.has(name) ? (name as SortField) : undefined;
}

/** Every way to write a sort field, for suggestions. */
export function sortFieldNames(): string[] {
  return SORT_FIELDS.flatMap((name) => [name, ...(FIELDS.find((f) => f.name === name)?.aliases ?? [])]);
}

/** The built-in fields accepting `me` / `none`, named in issues. */
export function fieldsAllowing(flag: "allowMe" | "allowNone"): string[] {
  return FIELDS.filter((f) => f[flag] === true).map((f) => f.name);
}
