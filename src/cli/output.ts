/** Human tables on a terminal, JSON for scripts. Everything for people goes to stderr. */

export interface Output {
  json: boolean;
  /** The command's result: a table or lines for people, JSON with --json. */
  result(value: unknown, human: () => string): void;
  info(line: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    info(line) {
      if (!json) process.stderr.write(`${line}\n`);
    },
  };
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const width = (s: string) => [...s.replace(ANSI, "")].length;

/** A plain-text table with a header row; cells are truncated to `max` characters. */
export function table(headers: string[], rows: (string | number | null | undefined)[][], max = 48): string {
  const cells = rows.map((r) =>
    r.map((c) => {
      const s = c === null || c === undefined ? "" : String(c);
      return width(s) > max ? `${[...s].slice(0, max - 1).join("")}…` : s;
    }),
  );
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + " ".repeat(Math.max(0, (widths[i] ?? 0) - width(c))))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "─".repeat(w))), ...cells.map(line)].join("\n");
}
