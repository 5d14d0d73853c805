/**
 * Every failure the domain reports is a DomainError with a stable `code`
 * (`ticket.not_found`), a message a person can act on and, for bad input,
 * the `field` at fault. Adapters map `kind` to HTTP statuses or exit codes.
 */
export type ErrorKind = "validation" | "not_found" | "conflict" | "forbidden" | "unauthenticated";

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (code: string, message: string, field?: string) =>
  new DomainError("not_found", code, message, field);
export const invalid = (code: string, message: string, field?: string, details?: Record<string, unknown>) =>
  new DomainError("validation", code, message, field, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError("conflict", code, message, undefined, details);
export const forbidden = (message: string, code = "access.forbidden") => new DomainError("forbidden", code, message);

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
