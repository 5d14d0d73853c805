/** Import-boundary rules of DESIGN.md §3, applied to every edge whose importer is production code. */
import {
  areaOf,
  CORE_FORBIDDEN_PACKAGES,
  type ImportEdge,
  isTestFile,
  type RuleId,
  SOURCE_EXTENSION,
  type Violation,
} from "./model.js";

function matchesPackage(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith("*") ? name.startsWith(p.slice(0, -1)) : name === p));
}

function describeEdge(edge: ImportEdge): string {
  const verb = edge.typeOnly ? "type import of" : edge.dynamic ? "dynamic import of" : "imports";
  return edge.target.kind === "file" ? `${verb} ${edge.target.path}` : `${verb} package "${edge.target.name}"`;
}

function coreViolation(edge: ImportEdge, module: string): string | undefined {
  const t = edge.target;
  if (t.kind === "builtin") return undefined;
  if (t.kind === "package") {
    if (!matchesPackage(t.name, CORE_FORBIDDEN_PACKAGES)) return undefined;
    return `${describeEdge(edge)} — frameworks and transports stay out of the core (declare a port instead)`;
  }
  const to = areaOf(t.path);
  if (to.area === "core") {
    if (to.module === module || to.module === "kernel" || t.path === to.entry) return undefined;
    return `${describeEdge(edge)} — another core module is imported only through ${to.entry}`;
  }
  if (to.area === "db" || to.area === "common") return undefined;
  const layer = to.area === "main" ? "src/main.ts" : to.area === "other" ? t.path : `${to.area}/`;
  return `${describeEdge(edge)} — the core may not depend on ${layer}`;
}

function allowedOnly(edge: ImportEdge, allowed: readonly string[], reason: string): string | undefined {
  const t = edge.target;
  if (t.kind !== "file") return undefined;
  if (allowed.some((prefix) => t.path === prefix || t.path.startsWith(`${prefix}/`))) return undefined;
  return `${describeEdge(edge)} — ${reason}`;
}

const BELOW_DB = new Set(["core", "lib", "http", "cli", "jobs", "integrations"]);

function dbViolation(edge: ImportEdge): string | undefined {
  if (edge.target.kind !== "file") return undefined;
  const to = areaOf(edge.target.path).area;
  return BELOW_DB.has(to) ? `${describeEdge(edge)} — the database layer may not depend on ${to}/` : undefined;
}

/** Boundary violations; test files are exempt (they may reach into any layer to set up state). */
export function checkBoundaries(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  const report = (rule: RuleId, edge: ImportEdge, message: string | undefined): void => {
    if (message) out.push({ rule, file: edge.from, line: edge.line, message });
  };
  for (const edge of edges) {
    if (isTestFile(edge.from)) continue;
    const from = areaOf(edge.from);
    if (from.area === "scripts" || from.area === "other") continue;
    if (edge.target.kind === "file" && isTestFile(edge.target.path)) {
      report("test-code-import", edge, `${describeEdge(edge)} — test code is not part of the product`);
      continue;
    }
    switch (from.area) {
      case "core":
        report("core-boundary", edge, coreViolation(edge, from.module));
        break;
      case "http":
      case "cli": {
        const allowed = [`src/${from.area}`, "src/lib", "src/config", "common"];
        report("adapter-boundary", edge, allowedOnly(edge, allowed, "adapters reach the engine through src/lib"));
        break;
      }
      case "web":
        report("web-boundary", edge, allowedOnly(edge, ["web", "common"], "the web app shares only common/"));
        break;
      case "common":
        report("common-boundary", edge, allowedOnly(edge, ["common"], "common/ must stay isomorphic"));
        break;
      case "db":
        report("db-boundary", edge, dbViolation(edge));
        break;
      default:
        break;
    }
  }
  return out;
}

/** Relative imports of source files that do not exist (or that climb out of the repository). */
export function checkUnresolved(edges: readonly ImportEdge[]): Violation[] {
  return edges.flatMap((edge) =>
    edge.target.kind === "file" && !edge.target.exists && SOURCE_EXTENSION.test(edge.target.path)
      ? [
          {
            rule: "unresolved-import" as const,
            file: edge.from,
            line: edge.line,
            message: `"${edge.specifier}" does not resolve to a source file`,
          },
        ]
      : [],
  );
}
