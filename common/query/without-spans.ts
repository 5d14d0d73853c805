/** A query tree (or any value) with every `span`/`fieldSpan` removed: compares shapes in tests and tools. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "span" && k !== "fieldSpan")
      .map(([k, v]) => [k, withoutSpans(v)]),
  );
}
