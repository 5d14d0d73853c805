/** Shared types, rule catalogue and the layer map of DESIGN.md §3 for the architecture check. */

export interface SourceText {
  /** Repository-relative path with forward slashes, e.g. `src/core/tickets/load.ts`. */
  path: string;
  text: string;
}

export interface ImportRef {
  specifier: string;
  line: number;
  typeOnly: boolean;
  dynamic: boolean;
}

export type ImportTarget =
  | { kind: "file"; path: string; exists: boolean }
  | { kind: "package"; name: string }
  | { kind: "builtin"; name: string };

export interface ImportEdge extends ImportRef {
  from: string;
  target: ImportTarget;
}

export type RuleId =
  | "core-boundary"
  | "adapter-boundary"
  | "web-boundary"
  | "common-boundary"
  | "db-boundary"
  | "test-code-import"
  | "unresolved-import"
  | "import-cycle"
  | "core-clock"
  | "file-size";

export interface Violation {
  rule: RuleId;
  file: string;
  line?: number;
  message: string;
}

export const RULE_TITLES: Record<RuleId, string> = {
  "core-boundary":
    "src/core/<module> imports only its own module, src/core/kernel, other modules' index.ts, src/db, common and non-framework packages",
  "adapter-boundary": "src/http and src/cli import only src/lib, src/config, common, their own subtree and packages",
  "web-boundary": "web imports only common, its own subtree and packages",
  "common-boundary": "common imports nothing from src/ or web/",
  "db-boundary": "src/db imports nothing from core, lib, http, cli, jobs or integrations",
  "test-code-import": "production code never imports tests or the test harness",
  "unresolved-import": "relative imports resolve to a source file",
  "core-clock": "core code reads time from ctx.clock, never Date.now() or new Date()",
  "import-cycle": "no import cycles among src/ and common/ (type-only imports included)",
  "file-size": "files stay within 400 lines (tests within 600)",
};

/** npm packages the domain core must not depend on (frameworks, adapters, transports). */
export const CORE_FORBIDDEN_PACKAGES: readonly string[] = [
  "fastify",
  "fastify-*",
  "@fastify/*",
  "react",
  "react-dom",
  "pg-boss",
  "commander",
  "nodemailer",
  "@slack/*",
  "stripe",
  "@notionhq/*",
];

export const SOURCE_EXTENSION = /\.(ts|tsx|mts|cts)$/;
const TEST_FILE = /\.(test|e2e)\.(ts|tsx)$/;

/** `*.test.ts` (incl. `.int.test.ts`, `.prop.test.ts`), `*.e2e.ts` and their `.tsx` forms. */
export function isTestFileName(path: string): boolean {
  return TEST_FILE.test(path);
}

/** Test code: a test file anywhere, or anything under test/ (harness, factories, fixtures). */
export function isTestFile(path: string): boolean {
  return isTestFileName(path) || path.startsWith("test/");
}

export type SrcLayer = "db" | "http" | "cli" | "lib" | "jobs" | "integrations" | "config" | "main" | "src";

export type Area =
  | { area: "core"; module: string; entry: string }
  | { area: SrcLayer }
  | { area: "common" | "web" | "test" | "scripts" | "other" };

const SRC_LAYERS = ["db", "http", "cli", "lib", "jobs", "integrations", "config"] as const;

/** Which layer of DESIGN.md §3 a repository path belongs to. */
export function areaOf(path: string): Area {
  const parts = path.split("/");
  const [top, second, third] = parts;
  if (top === "src") {
    if (second === "core" && third !== undefined) {
      // A file directly under src/core (not in a module folder) counts as a module of its own.
      const entry = parts.length > 3 ? `src/core/${third}/index.ts` : path;
      return { area: "core", module: third, entry };
    }
    if (second === "main.ts") return { area: "main" };
    const layer = SRC_LAYERS.find((l) => l === second);
    return layer ? { area: layer } : { area: "src" };
  }
  if (top === "common" || top === "web" || top === "test" || top === "scripts") return { area: top };
  return { area: "other" };
}
