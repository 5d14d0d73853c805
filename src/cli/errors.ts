import { ConfigError } from "../config/index.js";
import { DataDirLockedError, isDomainError, MigrationsPendingError } from "../lib/index.js";
import { EXIT } from "./exit-codes.js";

/** Turns any failure into a message a person can act on and a meaningful exit code. */
export function reportError(err: unknown, json: boolean): number {
  let code: number = EXIT.unexpected;
  let body: { code: string; message: string; field?: string };
  if (isDomainError(err)) {
    code =
      err.kind === "validation"
        ? EXIT.invalid
        : err.kind === "not_found"
          ? EXIT.notFound
          : err.kind === "conflict"
            ? EXIT.conflict
            : EXIT.forbidden;
    body = { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  } else if (err instanceof DataDirLockedError) {
    code = EXIT.databaseBusy;
    body = { code: err.code, message: err.message };
  } else if (err instanceof MigrationsPendingError) {
    code = EXIT.databaseUnavailable;
    body = { code: err.code, message: err.message };
  } else if (err instanceof ConfigError) {
    code = EXIT.config;
    body = { code: "config.invalid", message: err.message };
  } else if (isConnectionError(err)) {
    code = EXIT.databaseUnavailable;
    body = {
      code: "database.unavailable",
      message: `Cannot reach the database: ${(err as Error).message}. Check DATABASE_URL and that PostgreSQL is running.`,
    };
  } else {
    body = { code: "unexpected", message: err instanceof Error ? err.message : String(err) };
  }
  if (json) process.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
  else process.stderr.write(`error: ${body.message}${body.field ? ` (field: ${body.field})` : ""}\n`);
  return code;
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    typeof code === "string" &&
    ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "28P01", "3D000", "57P03"].includes(code)
  );
}
