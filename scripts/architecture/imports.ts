/**
 * Reads module specifiers with the TypeScript parser and resolves them NodeNext-style
 * (`./x.js` → `./x.ts`). Covers static `import`/`export … from` (including `import type`),
 * `import x = require()`, dynamic `import()` and `import("…")` types.
 */
import { isBuiltin } from "node:module";
import { posix } from "node:path";
import ts from "typescript";
import { type ImportEdge, type ImportRef, type ImportTarget, SOURCE_EXTENSION, type SourceText } from "./model.js";

/** Every module specifier the file mentions, with its 1-based line. */
export function parseImports(path: string, text: string): ImportRef[] {
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, spec: ts.Node | undefined, typeOnly: boolean, dynamic: boolean): void => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    refs.push({ specifier: spec.text, line, typeOnly, dynamic });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false, false);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly, false);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** The package name of a bare specifier: `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

const EXTENSION_SWAPS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/\.js$/, [".ts", ".tsx", ".js"]],
  [/\.jsx$/, [".tsx", ".jsx"]],
  [/\.mjs$/, [".mts", ".mjs"]],
  [/\.cjs$/, [".cts", ".cjs"]],
];

/** Candidate files for a resolved path, in NodeNext order; the first is the canonical source. */
function candidatesFor(path: string): string[] {
  for (const [pattern, replacements] of EXTENSION_SWAPS) {
    if (pattern.test(path)) return replacements.map((ext) => path.replace(pattern, ext));
  }
  if (SOURCE_EXTENSION.test(path)) return [path];
  // Assets such as `./data.json`; a bare `./x` (not NodeNext, but tolerated) tries .ts and index.ts.
  if (/\.(json|css|svg|png|sql|txt|html|eml)$/i.test(path)) return [path];
  return [`${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`];
}

/** Resolve a specifier written in `fromPath` to a repository file, a package or a builtin. */
export function resolveImport(fromPath: string, specifier: string, exists: (path: string) => boolean): ImportTarget {
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const joined = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
    if (specifier.startsWith("/") || joined.startsWith("../")) {
      return { kind: "file", path: specifier, exists: false };
    }
    const candidates = candidatesFor(joined);
    const found = candidates.find(exists);
    return { kind: "file", path: found ?? candidates[0] ?? joined, exists: found !== undefined };
  }
  if (specifier.startsWith("node:") || isBuiltin(specifier)) return { kind: "builtin", name: specifier };
  return { kind: "package", name: packageName(specifier) };
}

/** Parse and resolve every source; `exists` defaults to membership in `sources`. */
export function buildGraph(sources: readonly SourceText[], exists?: (path: string) => boolean): ImportEdge[] {
  const known = new Set(sources.map((s) => s.path));
  const has = exists ?? ((p: string) => known.has(p));
  return sources.flatMap((source) =>
    parseImports(source.path, source.text).map((ref) => ({
      ...ref,
      from: source.path,
      target: resolveImport(source.path, ref.specifier, has),
    })),
  );
}
