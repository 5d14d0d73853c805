import type { z } from "zod";
import { invalid } from "./errors.js";

/** Parses command input; the first problem becomes a validation error naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  const message = issue ? `${field ?? "input"}: ${issue.message}` : "invalid input";
  throw invalid("input.invalid", message, field, { issues: result.error.issues.length });
}
