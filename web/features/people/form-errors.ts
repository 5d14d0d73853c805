import { ApiError } from "../../lib/api.js";

/** The error is about this input, or a part of it (`tags.2` belongs to `tags`). */
function isAbout(err: ApiError, field: string): boolean {
  return err.field === field || Boolean(err.field?.startsWith(`${field}.`));
}

/**
 * The server's complaint about one field, for that input's `error` (without the
 * "field: " prefix the server adds); errors about other fields go in an alert.
 */
export function fieldError(err: unknown, field: string): string | undefined {
  return err instanceof ApiError && isAbout(err, field) ? err.message.replace(/^[\w.]+: /, "") : undefined;
}

/** True when the error belongs to one of these inputs (so the form's alert need not repeat it). */
export function isFieldError(err: unknown, fields: string[]): boolean {
  return err instanceof ApiError && fields.some((f) => isAbout(err, f));
}
