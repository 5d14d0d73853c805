/**
 * Type checking one value against its field: the step that turns `open`
 * after `status:` into an enum operand, or into "unknown value … did you mean".
 */
import type { Operand, Span } from "./ast.js";
import { fieldsAllowing } from "./catalogue.js";
import type { FieldSpec } from "./fields.js";
import { didYouMean, suggest } from "./issues.js";
import { parseBoolean, parseCount, parseDate, parseDecimal, parseDuration, parseTicketNumber } from "./values.js";

/** A value as written: a word, a quoted string, or an unquoted date phrase. */
export interface RawValue {
  text: string;
  quoted: boolean;
  span: Span;
}

export type Typed =
  | { ok: true; operand: Operand }
  | { ok: false; message: (at: string) => string; suggestion?: string };

const fail = (message: (at: string) => string, suggestion?: string): Typed =>
  suggestion === undefined ? { ok: false, message } : { ok: false, message, suggestion };

const listed = (names: readonly string[]): string =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/** `expected one of open, in_progress, …` for an enum's issues. */
export function allowedValues(spec: FieldSpec): string {
  const values = spec.values ?? [];
  if (values.length === 0) return "it has no values";
  const numbers = spec.ordered ? ` (or 1-${values.length}, 1 = ${values[0]})` : "";
  return `expected one of ${values.join(", ")}${numbers}`;
}

/**
 * `me`, `none`, `empty`, `unassigned` written bare, where the field takes
 * them. Quoted, they are the literal word (a tag called "none"); on a field
 * that does not take them they may still be one of its values (`is: unassigned`).
 * Undefined when the word is none of them.
 */
function special(spec: FieldSpec, raw: RawValue): Typed | undefined {
  const word = raw.text.toLowerCase();
  if (raw.quoted || !["me", "none", "empty", "unassigned"].includes(word)) return undefined;
  const span = raw.span;
  const me = word === "me";
  const allowed = me
    ? spec.allowMe === true
    : word === "unassigned"
      ? spec.name === "assignee"
      : spec.allowNone === true;
  if (allowed) return { ok: true, operand: me ? { type: "me", span } : { type: "none", span } };
  if (spec.type === "enum" && (spec.values ?? []).includes(word)) return undefined;
  const fields = me
    ? fieldsAllowing("allowMe")
    : word === "unassigned"
      ? ["assignee"]
      : [...fieldsAllowing("allowNone"), "custom fields"];
  return fail((at) => `"${raw.text}" at ${at} works only for ${listed(fields)}, not ${spec.name}`);
}

function typeEnum(spec: FieldSpec, raw: RawValue): Typed {
  const values = spec.values ?? [];
  const lower = raw.text.toLowerCase();
  if (values.includes(lower)) return { ok: true, operand: { type: "enum", value: lower, span: raw.span } };
  // priority: 1 means critical (seed 002's numbering).
  const rank = spec.ordered && /^\d+$/.test(lower) ? values[Number(lower) - 1] : undefined;
  if (rank !== undefined) return { ok: true, operand: { type: "enum", value: rank, span: raw.span } };
  const guess = suggest(lower, values);
  return fail(
    (at) => `unknown value "${raw.text}" for ${spec.name} at ${at}${didYouMean(guess, ` — ${allowedValues(spec)}`)}`,
    guess,
  );
}

function typeNumber(spec: FieldSpec, raw: RawValue): Typed {
  const [value, expected] =
    spec.name === "number"
      ? [parseTicketNumber(raw.text), "a ticket number such as 1001 or TKT-1001"]
      : spec.name.startsWith("cf.")
        ? [parseDecimal(raw.text), "a number such as 42 or -1.5"]
        : [parseCount(raw.text), "a whole number such as 2"];
  if (value === undefined) {
    return fail((at) => `malformed number "${raw.text}" for ${spec.name} at ${at} — expected ${expected}`);
  }
  return { ok: true, operand: { type: "number", value, span: raw.span } };
}

/** Check one value against its field; `me`/`none` first, then the field's type. */
export function typeValue(spec: FieldSpec, raw: RawValue): Typed {
  const span = raw.span;
  const sp = special(spec, raw);
  if (sp) return sp;
  if (raw.text === "") return fail((at) => `empty value for ${spec.name} at ${at}`);
  switch (spec.type) {
    case "enum":
      return typeEnum(spec, raw);
    case "text":
      return { ok: true, operand: { type: "text", value: raw.text, span } };
    case "ref":
      return { ok: true, operand: { type: "ref", value: raw.text, span } };
    case "number":
      return typeNumber(spec, raw);
    case "duration": {
      const ms = parseDuration(raw.text);
      if (ms !== undefined) return { ok: true, operand: { type: "duration", ms, span } };
      return fail(
        (at) => `malformed duration "${raw.text}" for ${spec.name} at ${at} — expected e.g. 2h, 30m, 1h30m, 1d or -1h`,
      );
    }
    case "boolean": {
      const value = parseBoolean(raw.text);
      if (value !== undefined) return { ok: true, operand: { type: "boolean", value, span } };
      return fail((at) => `malformed value "${raw.text}" for ${spec.name} at ${at} — expected true or false`);
    }
    case "date": {
      const date = parseDate(raw.text);
      if (date.ok) return { ok: true, operand: { type: "date", value: date.value, span } };
      const what = /^\d{4}-\d{2}-\d{2}/.test(raw.text.trim()) ? "invalid" : "malformed";
      return fail((at) => `${what} date "${raw.text}" for ${spec.name} at ${at} — ${date.reason}`);
    }
  }
}

/** A short example value, for "missing value" hints. */
export function exampleValue(spec: FieldSpec): string {
  if (spec.type === "enum") return spec.values?.[0] ?? "…";
  const examples: Record<Exclude<FieldSpec["type"], "enum">, string> = {
    text: "billing",
    ref: spec.allowMe ? "me" : '"Acme Corp"',
    date: "today",
    number: spec.name === "number" ? "TKT-1001" : "2",
    duration: "< 2h",
    boolean: "true",
  };
  return examples[spec.type];
}
