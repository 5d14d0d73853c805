import { describe, expect, it } from "vitest";
import {
  buildGraph,
  checkBoundaries,
  checkFileSizes,
  countLines,
  findCycles,
  formatReport,
  parseImports,
  resolveImport,
  runChecks,
  type SourceText,
  type Violation,
} from "../scripts/check-architecture.js";

/** Sources whose only content is the given import lines. */
function files(spec: Record<string, string[]>): SourceText[] {
  return Object.entries(spec).map(([path, lines]) => ({ path, text: `${lines.join("\n")}\n` }));
}

function boundaryViolations(spec: Record<string, string[]>): Violation[] {
  return checkBoundaries(buildGraph(files(spec)));
}

const kernel = { "src/core/kernel/index.ts": [], "src/core/kernel/ids.ts": [] };

describe("parseImports", () => {
  it("finds static, type-only, re-export, dynamic and import-type specifiers with their lines", () => {
    const text = [
      'import { a } from "./a.js";',
      'import type { B } from "./b.js";',
      'export * from "./c.js";',
      'export type { D } from "./d.js";',
      "import {",
      "  e,",
      '} from "./e.js";',
      'const f = await import("./f.js");',
      'type G = typeof import("./g.js");',
      'const notAnImport = `import("./h.js")`;',
    ].join("\n");
    const refs = parseImports("src/x.ts", text);
    expect(refs.map((r) => [r.specifier, r.line, r.typeOnly, r.dynamic])).toEqual([
      ["./a.js", 1, false, false],
      ["./b.js", 2, true, false],
      ["./c.js", 3, false, false],
      ["./d.js", 4, true, false],
      ["./e.js", 5, false, false],
      ["./f.js", 8, false, true],
      ["./g.js", 9, true, false],
    ]);
  });
});

describe("resolveImport", () => {
  const exists = (p: string) => ["src/core/people/index.ts", "web/ui/button.tsx"].includes(p);

  it("maps a relative .js specifier to its .ts (or .tsx) source", () => {
    expect(resolveImport("src/core/tickets/load.ts", "../people/index.js", exists)).toEqual({
      kind: "file",
      path: "src/core/people/index.ts",
      exists: true,
    });
    expect(resolveImport("web/app.tsx", "./ui/button.js", exists)).toEqual({
      kind: "file",
      path: "web/ui/button.tsx",
      exists: true,
    });
  });

  it("reports a missing relative file as unresolved but still names its source path", () => {
    expect(resolveImport("src/a.ts", "./missing.js", exists)).toEqual({
      kind: "file",
      path: "src/missing.ts",
      exists: false,
    });
  });

  it("tells packages (by package name) from Node builtins", () => {
    expect(resolveImport("src/a.ts", "@fastify/cookie/plugin", exists)).toEqual({
      kind: "package",
      name: "@fastify/cookie",
    });
    expect(resolveImport("src/a.ts", "drizzle-orm/pg-core", exists)).toEqual({ kind: "package", name: "drizzle-orm" });
    expect(resolveImport("src/a.ts", "node:fs", exists).kind).toBe("builtin");
    expect(resolveImport("src/a.ts", "crypto", exists).kind).toBe("builtin");
  });
});

describe("core boundaries", () => {
  it("reports a core module reaching into another module's internal file", () => {
    const violations = boundaryViolations({
      ...kernel,
      "src/core/people/index.ts": ['export * from "./agents.js";'],
      "src/core/people/agents.ts": [],
      "src/core/tickets/load.ts": ['import { resolveAgent } from "../people/agents.js";'],
    });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: "core-boundary", file: "src/core/tickets/load.ts", line: 1 });
    expect(violations[0]?.message).toContain("src/core/people/index.ts");
  });

  it("allows the same module, any kernel file, another module's index, db, common and plain packages", () => {
    const violations = boundaryViolations({
      ...kernel,
      "src/core/people/index.ts": [],
      "src/db/schema/index.ts": [],
      "common/enums.ts": [],
      "src/core/tickets/ticket.ts": [],
      "src/core/tickets/load.ts": [
        'import type { Ticket } from "./ticket.js";',
        'import { newId } from "../kernel/ids.js";',
        'import { type Ctx } from "../kernel/index.js";',
        'import { resolveAgent } from "../people/index.js";',
        'import { tickets } from "../../db/schema/index.js";',
        'import type { Level } from "../../../common/enums.js";',
        'import { z } from "zod";',
        'import { eq } from "drizzle-orm";',
        'import { randomUUID } from "node:crypto";',
      ],
    });
    expect(violations).toEqual([]);
  });

  it("reports frameworks and outer layers, including type-only and dynamic imports", () => {
    const violations = boundaryViolations({
      "src/http/server.ts": [],
      "src/lib/index.ts": [],
      "src/jobs/registry.ts": [],
      "src/main.ts": [],
      "src/core/tickets/bad.ts": [
        'import type { FastifyInstance } from "fastify";',
        'import cookie from "@fastify/cookie";',
        'import PgBoss from "pg-boss";',
        'import type { Server } from "../../http/server.js";',
        'const lib = await import("../../lib/index.js");',
        'import { registry } from "../../jobs/registry.js";',
        'import "../../main.js";',
      ],
    });
    expect(violations.map((v) => [v.rule, v.line])).toEqual([
      ["core-boundary", 1],
      ["core-boundary", 2],
      ["core-boundary", 3],
      ["core-boundary", 4],
      ["core-boundary", 5],
      ["core-boundary", 6],
      ["core-boundary", 7],
    ]);
    expect(violations[4]?.message).toContain("dynamic import of src/lib/index.ts");
  });
});

describe("adapter, web, common and db boundaries", () => {
  const layers = {
    "src/core/tickets/index.ts": [],
    "src/lib/index.ts": [],
    "src/config/index.ts": [],
    "src/db/connection.ts": [],
    "common/enums.ts": [],
    "src/http/routes/util.ts": [],
  };

  it("lets http and cli use lib, config, common, their own subtree and any package", () => {
    const violations = boundaryViolations({
      ...layers,
      "src/http/routes/tickets.ts": [
        'import { createHelpdesk } from "../../lib/index.js";',
        'import { loadConfig } from "../../config/index.js";',
        'import { LEVELS } from "../../../common/enums.js";',
        'import { util } from "./util.js";',
        'import fastify from "fastify";',
      ],
      "src/cli/main.ts": ['import { createHelpdesk } from "../lib/index.js";', 'import { Command } from "commander";'],
    });
    expect(violations).toEqual([]);
  });

  it("reports http importing the core or db directly, and cli importing http", () => {
    const violations = boundaryViolations({
      ...layers,
      "src/http/routes/tickets.ts": [
        'import { createTicket } from "../../core/tickets/index.js";',
        'import type { Db } from "../../db/connection.js";',
      ],
      "src/cli/main.ts": ['import { util } from "../http/routes/util.js";'],
    });
    expect(violations.map((v) => [v.rule, v.file, v.line])).toEqual([
      ["adapter-boundary", "src/http/routes/tickets.ts", 1],
      ["adapter-boundary", "src/http/routes/tickets.ts", 2],
      ["adapter-boundary", "src/cli/main.ts", 1],
    ]);
  });

  it("keeps web on common only, common free of src and web, and db below the core", () => {
    const violations = boundaryViolations({
      ...layers,
      "web/lib/api.ts": [
        'import { LEVELS } from "../../common/enums.js";',
        'import { createHelpdesk } from "../../src/lib/index.js";',
        'import { useQuery } from "@tanstack/react-query";',
      ],
      "common/contracts.ts": [
        'import { LEVELS } from "./enums.js";',
        'import type { Db } from "../src/db/connection.js";',
      ],
      "src/db/migrate.ts": [
        'import type { Db } from "./connection.js";',
        'import { LEVELS } from "../../common/enums.js";',
        'import { createTicket } from "../core/tickets/index.js";',
      ],
    });
    expect(violations.map((v) => [v.rule, v.file, v.line])).toEqual([
      ["web-boundary", "web/lib/api.ts", 2],
      ["common-boundary", "common/contracts.ts", 2],
      ["db-boundary", "src/db/migrate.ts", 3],
    ]);
  });

  it("exempts tests from layer rules but forbids production code from importing test code", () => {
    const violations = boundaryViolations({
      ...layers,
      "test/harness.ts": ['import { createHelpdesk } from "../src/lib/index.js";'],
      "src/core/tickets/load.int.test.ts": [
        'import { harness } from "../../../test/harness.js";',
        'import { createHelpdesk } from "../../lib/index.js";',
      ],
      "src/lib/seed.ts": ['import { harness } from "../../test/harness.js";'],
    });
    expect(violations.map((v) => [v.rule, v.file])).toEqual([["test-code-import", "src/lib/seed.ts"]]);
  });
});

describe("findCycles", () => {
  it("reports a cycle with its path, counting type-only imports", () => {
    const edges = buildGraph(
      files({
        "src/jobs/registry.ts": ['import { deliver } from "./deliver.js";'],
        "src/jobs/deliver.ts": ['import type { Deps } from "./deps.js";'],
        "src/jobs/deps.ts": ['import type { Registry } from "./registry.js";'],
      }),
    );
    const cycles = findCycles(edges);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.rule).toBe("import-cycle");
    expect(cycles[0]?.message).toBe(
      "src/jobs/deliver.ts → src/jobs/deps.ts → src/jobs/registry.ts → src/jobs/deliver.ts",
    );
  });

  it("reports one entry per group of mutually dependent files and a self-import", () => {
    const edges = buildGraph(
      files({
        "src/a.ts": ['import "./b.js";', 'import "./c.js";'],
        "src/b.ts": ['import "./a.js";'],
        "src/c.ts": ['import "./a.js";'],
        "common/self.ts": ['import "./self.js";'],
      }),
    );
    const messages = findCycles(edges).map((v) => v.message);
    expect(messages).toEqual([
      "common/self.ts → common/self.ts",
      "src/a.ts → src/b.ts → src/a.ts (3 files are mutually dependent)",
    ]);
  });

  it("finds no cycle in a diamond, and ignores files outside src/ and common/", () => {
    const edges = buildGraph(
      files({
        "src/top.ts": ['import "./left.js";', 'import "./right.js";'],
        "src/left.ts": ['import "./bottom.js";'],
        "src/right.ts": ['import "./bottom.js";'],
        "src/bottom.ts": [],
        "scripts/a.ts": ['import "./b.js";'],
        "scripts/b.ts": ['import "./a.js";'],
      }),
    );
    expect(findCycles(edges)).toEqual([]);
  });
});

describe("file sizes", () => {
  it("counts lines without the trailing newline", () => {
    expect(countLines("")).toBe(0);
    expect(countLines("a\nb\n")).toBe(2);
    expect(countLines("a\r\nb")).toBe(2);
  });

  it("allows 400 lines for code and 600 for tests", () => {
    const violations = checkFileSizes([
      { path: "src/a.ts", lines: 400 },
      { path: "src/b.ts", lines: 401 },
      { path: "web/c.tsx", lines: 401 },
      { path: "src/d.test.ts", lines: 600 },
      { path: "src/e.int.test.ts", lines: 601 },
      { path: "src/f.prop.test.ts", lines: 500 },
      { path: "test/e2e/g.e2e.ts", lines: 601 },
      { path: "test/harness.ts", lines: 401 },
    ]);
    expect(violations.map((v) => v.file)).toEqual([
      "src/b.ts",
      "web/c.tsx",
      "src/e.int.test.ts",
      "test/e2e/g.e2e.ts",
      "test/harness.ts",
    ]);
  });
});

describe("runChecks and formatReport", () => {
  it("prints a one-line summary for a clean tree", () => {
    const result = runChecks(
      files({
        ...kernel,
        "src/core/tickets/load.ts": ['import { newId } from "../kernel/index.js";'],
      }),
    );
    expect(result.violations).toEqual([]);
    expect(formatReport(result)).toMatch(/^Architecture check passed: 3 files, 1 imports; .*\.$/);
  });

  it("groups violations by rule, with file and line, and flags unresolved imports", () => {
    const result = runChecks(
      files({
        "src/core/a/x.ts": ['import "../b/y.js";'],
        "src/core/b/y.ts": ['import "../a/index.js";', 'import "./gone.js";'],
        "src/core/a/index.ts": ['import "./x.js";'],
      }),
    );
    const report = formatReport(result);
    expect(report.split("\n")).toEqual([
      "Architecture check failed: 3 violation(s) in 3 files.",
      "",
      expect.stringMatching(/^\[core-boundary\] .*\(1\)$/),
      "  src/core/a/x.ts:1  imports src/core/b/y.ts — another core module is imported only through src/core/b/index.ts",
      "",
      expect.stringMatching(/^\[unresolved-import\] .*\(1\)$/),
      '  src/core/b/y.ts:2  "./gone.js" does not resolve to a source file',
      "",
      expect.stringMatching(/^\[import-cycle\] .*\(1\)$/),
      "  src/core/a/index.ts → src/core/a/x.ts → src/core/b/y.ts → src/core/a/index.ts",
    ]);
  });
});

describe("core clock rule", () => {
  it("reports Date.now() and new Date() in core code but not in tests or other layers", async () => {
    const { checkCoreClock } = await import("../scripts/check-architecture.js");
    const found = checkCoreClock([
      { path: "src/core/sla/x.ts", text: "const a = 1;\nconst t = Date.now();" },
      { path: "src/core/sla/y.ts", text: "const d = new Date();" },
      { path: "src/core/sla/z.ts", text: "const d = new Date(now.getTime() + 1);" },
      { path: "src/core/sla/x.test.ts", text: "const t = Date.now();" },
      { path: "src/jobs/j.ts", text: "const t = Date.now();" },
    ]);
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual(["src/core/sla/x.ts:2", "src/core/sla/y.ts:1"]);
  });
});
