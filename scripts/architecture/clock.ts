import type { SourceText, Violation } from "./model.js";

const SYSTEM_TIME = /\bDate\.now\(\)|\bnew Date\(\s*\)/;

/** House rule 9: time is injected. Core code (tests aside) never asks the system clock. */
export function checkCoreClock(sources: readonly SourceText[]): Violation[] {
  const violations: Violation[] = [];
  for (const { path, text } of sources) {
    if (!path.startsWith("src/core/") || /\.test\.ts$/.test(path)) continue;
    text.split("\n").forEach((line, i) => {
      if (SYSTEM_TIME.test(line) && !line.trim().startsWith("//") && !line.trim().startsWith("*")) {
        violations.push({
          rule: "core-clock",
          file: path,
          line: i + 1,
          message: "reads the system clock; use ctx.clock.now()",
        });
      }
    });
  }
  return violations;
}
