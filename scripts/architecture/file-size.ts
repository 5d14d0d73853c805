/** File-size budget (house rule 10): 400 lines per file, 600 for test files. */
import { isTestFileName, type Violation } from "./model.js";

export const MAX_LINES = 400;
export const MAX_TEST_LINES = 600;

/** Lines as an editor shows them; a trailing newline does not start another line. */
export function countLines(text: string): number {
  if (text === "") return 0;
  const lines = text.split(/\r?\n/).length;
  return text.endsWith("\n") ? lines - 1 : lines;
}

export function checkFileSizes(files: ReadonlyArray<{ path: string; lines: number }>): Violation[] {
  return files.flatMap(({ path, lines }) => {
    const limit = isTestFileName(path) ? MAX_TEST_LINES : MAX_LINES;
    if (lines <= limit) return [];
    return [
      { rule: "file-size" as const, file: path, message: `${lines} lines (limit ${limit}); split it by concern` },
    ];
  });
}
