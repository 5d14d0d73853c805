/**
 * Architecture guard (DESIGN.md §3, house rule 10): import boundaries, import cycles and
 * file-size budgets over src/, common/, web/, test/ and scripts/.
 *
 *   npx tsx scripts/check-architecture.ts [repoRoot]
 *
 * Exits 1 and lists every violation grouped by rule, or exits 0 with a one-line summary.
 * The rules live in scripts/architecture/ as pure functions over in-memory sources, re-exported
 * here for test/architecture.test.ts; only `main` touches the file system.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkBoundaries, checkUnresolved } from "./architecture/boundaries.js";
import { checkCoreClock } from "./architecture/clock.js";
import { findCycles, isCycleScope } from "./architecture/cycles.js";
import { checkFileSizes, countLines } from "./architecture/file-size.js";
import { buildGraph } from "./architecture/imports.js";
import { RULE_TITLES, type RuleId, SOURCE_EXTENSION, type SourceText, type Violation } from "./architecture/model.js";

export { checkBoundaries, checkUnresolved } from "./architecture/boundaries.js";
export { checkCoreClock } from "./architecture/clock.js";
export { findCycles, isCycleScope, shortestCycle, stronglyConnected } from "./architecture/cycles.js";
export { checkFileSizes, countLines, MAX_LINES, MAX_TEST_LINES } from "./architecture/file-size.js";
export { buildGraph, packageName, parseImports, resolveImport } from "./architecture/imports.js";
export * from "./architecture/model.js";

export interface CheckResult {
  violations: Violation[];
  files: number;
  imports: number;
}

/** Every check over in-memory sources (repository-relative posix paths). */
export function runChecks(sources: readonly SourceText[], exists?: (path: string) => boolean): CheckResult {
  const edges = buildGraph(sources, exists);
  const violations = [
    ...checkBoundaries(edges),
    ...checkUnresolved(edges),
    ...findCycles(edges, isCycleScope),
    ...checkFileSizes(sources.map((s) => ({ path: s.path, lines: countLines(s.text) }))),
    ...checkCoreClock(sources),
  ];
  return { violations, files: sources.length, imports: edges.length };
}

/** Human-readable report, violations grouped by rule in catalogue order. */
export function formatReport(result: CheckResult): string {
  const { violations, files, imports } = result;
  if (violations.length === 0) {
    return `Architecture check passed: ${files} files, ${imports} imports; no boundary, cycle or file-size violations.`;
  }
  const lines = [`Architecture check failed: ${violations.length} violation(s) in ${files} files.`];
  for (const rule of Object.keys(RULE_TITLES) as RuleId[]) {
    const group = violations
      .filter((v) => v.rule === rule)
      .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    if (group.length === 0) continue;
    lines.push("", `[${rule}] ${RULE_TITLES[rule]} (${group.length})`);
    for (const v of group) {
      const where = rule === "import-cycle" ? "" : `${v.file}${v.line === undefined ? "" : `:${v.line}`}  `;
      lines.push(`  ${where}${v.message}`);
    }
  }
  return lines.join("\n");
}

const SCANNED_ROOTS = ["src", "common", "web", "test", "scripts"];
const SKIPPED_DIRS = new Set(["node_modules", "dist", "data", "coverage", "scratch", ".git"]);

function listSources(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : listSources(root, rel);
    return entry.isFile() && SOURCE_EXTENSION.test(entry.name) && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

export function main(argv: readonly string[] = process.argv.slice(2)): number {
  const root = resolve(argv[0] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  const sources = SCANNED_ROOTS.flatMap((dir) => listSources(root, dir)).map((path) => ({
    path,
    text: readFileSync(join(root, path), "utf8"),
  }));
  const known = new Set(sources.map((s) => s.path));
  const exists = (path: string): boolean => known.has(path) || existsSync(join(root, ...path.split("/")));
  const result = runChecks(sources, exists);
  const report = formatReport(result);
  if (result.violations.length > 0) {
    console.error(report);
    return 1;
  }
  console.log(report);
  return 0;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  process.exitCode = main();
}
