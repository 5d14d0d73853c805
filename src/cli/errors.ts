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
  if (json) {
    const details = isDomainError(err) && err.details ? { details: err.details } : {};
    process.stdout.write(`${JSON.stringify({ error: { ...body, ...details } }, null, 2)}\n`);
  } else if (isDomainError(err) && err.code === "query.invalid") {
    process.stderr.write(queryProblems(err.details));
  } else process.stderr.write(`error: ${body.message}${body.field ? ` (field: ${body.field})` : ""}\n`);
  return code;
}

/** Each problem of a query under the line it is on, underlined: what a person needs to fix it. */
export function queryProblems(details: Record<string, unknown> | undefined): string {
  const source = typeof details?.source === "string" ? details.source : "";
  const issues = Array.isArray(details?.issues)
    ? (details.issues as { message: string; span: { start: number; end: number } }[])
    : [];
  const lines = source.split("\n");
  return issues
    .map((i) => {
      let offset = 0;
      const lineIndex = lines.findIndex((l) => {
        if (i.span.start <= offset + l.length) return true;
        offset += l.length + 1;
        return false;
      });
      const line = lines[Math.max(0, lineIndex)] ?? "";
      const col = Math.max(0, i.span.start - offset);
      const width = Math.max(1, Math.min(i.span.end, offset + line.length) - i.span.start);
      return `error: ${i.message}\n  ${line}\n  ${" ".repeat(col)}${"^".repeat(width)}\n`;
    })
    .join("");
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    typeof code === "string" &&
    ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "28P01", "3D000", "57P03"].includes(code)
  );
}
