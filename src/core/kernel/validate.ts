import type { z } from "zod";
import { invalid } from "./errors.js";

/** Parses command input; the first problem becomes a validation error naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let path = issue?.path.map(String) ?? [];
  // An unknown key is reported on its parent object; name the key itself.
  if (issue?.code === "unrecognized_keys" && issue.keys[0]) path = [...path, issue.keys[0]];
  const field = path.join(".") || undefined;
  const message = issue ? `${field ?? "input"}: ${issue.message}` : "invalid input";
  throw invalid("input.invalid", message, field, { issues: result.error.issues.length });
}
