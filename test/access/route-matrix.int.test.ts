/**
 * The access matrix (issue 3, "Tests"): every route Fastify registers is
 * listed from an `onRoute` hook installed before registration, must declare
 * an access level and must have a row in route-table.ts (default deny: a new
 * route without a row fails here). Each row is then called by nine callers
 * with paths naming objects of the FIRST workspace, and the statuses are
 * compared with the table. Answers to the other workspace's agent and
 * superadmin must not contain any identifier of the first workspace.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACCESS_LEVELS } from "../../src/http/plugins/access.js";
import { buildServer } from "../../src/http/server.js";
import { engineUnderTest } from "../harness.js";
import { identifiersOf, leaked, openWorld, type Reply, type World } from "./access-world.js";
import type { FastifySpy, SeenRoute } from "./fastify-spy.js";
import { CALLERS, type CallerName, type Cell, EXPECTED_FAILURES, OK, ROUTES, type Row } from "./route-table.js";

const spy = vi.hoisted((): FastifySpy => ({ routes: [], logStream: null }));
vi.mock("fastify", async (importOriginal) =>
  (await import("./fastify-spy.js")).spiedFastify(await importOriginal(), spy),
);

let world: World;
/** Routes of the matrix's server, as its onRoute hook saw them. */
let registered: SeenRoute[];
/** First-workspace identifiers, taken before any caller acts. */
let identifiers: Set<string>;
/** Answers to every signed-in caller (API description excepted), for the leak checks. */
const answers: { route: string; caller: CallerName; reply: Reply }[] = [];

beforeAll(async () => {
  spy.routes.length = 0;
  world = await openWorld();
  registered = [...spy.routes];
  identifiers = await identifiersOf(world.desk);
});

afterAll(async () => {
  await world?.close();
});

const expectedFailure = (route: string, caller: CallerName, kind: "status" | "leak") =>
  EXPECTED_FAILURES.find(
    (f) => f.route === route && f.caller === caller && (kind === "leak") === (f.expect === "no-leak"),
  );

/** What a status means in the table's terms. */
function cellOf(status: number, row: Row): Cell | number {
  if (status >= 200 && status < 400) return OK;
  if ([401, 403, 404].includes(status)) return status as Cell;
  if ((status === 400 || status === 409) && row.note) return status as Cell;
  return status;
}

describe(`route inventory (${engineUnderTest})`, () => {
  it("lists every registered route with a declared access level and a row in the table", () => {
    const table = new Map(ROUTES.map((r) => [r.route, r]));
    expect(table.size, "duplicate rows").toBe(ROUTES.length);
    const seen = new Set<string>();
    const problems: string[] = [];
    // One entry per method: a route may be registered for several at once.
    const entries = registered.flatMap((route) => route.methods.map((method) => ({ method, route })));
    for (const { method, route } of entries) {
      const k = `${method} ${route.url}`;
      const access = (route.options.config as { access?: string } | undefined)?.access;
      if (!access || !(ACCESS_LEVELS as readonly string[]).includes(access)) problems.push(`${k}: no access level`);
      if (method === "HEAD") {
        // Fastify adds HEAD for every GET (also for the `/docs/` twin of the prefixed `/docs`);
        // it shares the GET route's options and hooks, and each GET row calls it too.
        if (!table.has(`GET ${route.url.replace(/(.)\/$/, "$1")}`)) problems.push(`${k}: HEAD without a GET row`);
        continue;
      }
      seen.add(k);
      const row = table.get(k);
      if (!row) problems.push(`${k}: registered but has no row in route-table.ts (default deny)`);
      else if (row.access !== access) problems.push(`${k}: declares ${access}, table says ${row.access}`);
    }
    for (const k of table.keys()) if (!seen.has(k)) problems.push(`${k}: row for a route that is not registered`);
    expect(problems).toEqual([]);
    expect(seen.size).toBe(ROUTES.length);
  });

  it("describes every API route in the OpenAPI document", async () => {
    const doc = (await world.app.inject({ method: "GET", url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const api = ROUTES.map((r) => r.route).filter((k) => !k.startsWith("GET /docs") && k !== "OPTIONS *");
    expect(api.filter((k) => !documented.has(k))).toEqual([]);
    expect([...documented].filter((k) => !api.includes(k))).toEqual([]);
  });

  it("refuses to register a route that declares no access rule", async () => {
    const app = await buildServer({ desk: world.desk, logLevel: "silent" });
    app.register(async (scope) => {
      scope.get("/undeclared", async () => ({ leaked: true }));
    });
    await expect(app.ready()).rejects.toThrow(/declares no access rule/);
    await app.close().catch(() => undefined);
  });
});

describe(`access matrix (${engineUnderTest})`, () => {
  for (const row of ROUTES) {
    it(row.route, async () => {
      if (row.note === undefined) {
        const semantic = Object.values(row.cells).filter((c) => c === 400 || c === 409);
        expect(semantic, "400/409 cells need a note").toEqual([]);
      }
      const methods = row.route.startsWith("GET ") ? ["GET", "HEAD"] : [row.route.split(" ")[0] as string];
      for (const method of methods) {
        const actual: Partial<Record<CallerName, Cell | number>> = {};
        const expected: Partial<Record<CallerName, Cell | number>> = {};
        for (const caller of CALLERS) {
          const reply = await world.call(row, caller, method);
          const where = `${method} ${row.path} as ${caller}`;
          expect(reply.status, `${where}: ${reply.text.slice(0, 300)}`).toBeLessThan(500);
          if (method !== "HEAD" && reply.status >= 400) {
            expect(reply.json?.error, `${where}: error shape`).toMatchObject({
              code: expect.any(String),
              message: expect.any(String),
            });
          }
          // The API description is the same for everyone and uses TKT-1001 as its example number.
          const recorded = method !== "HEAD" && !row.route.startsWith("GET /docs");
          if (recorded && caller !== "anon") answers.push({ route: row.route, caller, reply });
          const known = expectedFailure(row.route, caller, "status");
          if (known) {
            // Still wrong: the correct answer is not given yet.
            expect(cellOf(reply.status, row), `${where} (expected failure: ${known.why})`).not.toBe(known.expect);
            continue;
          }
          actual[caller] = cellOf(reply.status, row);
          expected[caller] = row.cells[caller];
        }
        expect(actual, `${method} ${row.path}`).toEqual(expected);
      }
    });
  }
});

describe(`no identifiers cross the boundary (${engineUnderTest})`, () => {
  it("answers another workspace's agent and superadmin without any id, number or email of this workspace", () => {
    const leaks = new Map<string, string[]>();
    for (const { route, caller, reply } of answers) {
      if (caller !== "xAgent" && caller !== "xAdmin") continue;
      const found = leaked(reply, identifiers);
      if (found.length > 0) leaks.set(`${route} as ${caller}`, found);
    }
    const known = EXPECTED_FAILURES.filter((f) => f.expect === "no-leak").map((f) => `${f.route} as ${f.caller}`);
    for (const k of known) expect(leaks.has(k), `${k} no longer leaks: remove it from EXPECTED_FAILURES`).toBe(true);
    const unexpected = [...leaks].filter(([k]) => !known.includes(k));
    expect(unexpected).toEqual([]);
  });

  it("answers a company user of company B without company A's ticket, customer or company", () => {
    const companyA = [world.fx.ticketId, world.fx.ticketNumber, world.fx.customerId, world.fx.companyId];
    const leaks: string[] = [];
    for (const { route, caller, reply } of answers) {
      if (caller !== "custB") continue;
      for (const id of companyA) if (reply.text.includes(id) && !reply.sent.includes(id)) leaks.push(`${route}: ${id}`);
    }
    expect(leaks).toEqual([]);
  });

  it("shows company A's user neither the internal note nor the escalation note on their ticket", () => {
    const internal = ["An internal note", "Escalated to level"];
    const seen = answers
      .filter((a) => a.caller === "custA")
      .flatMap((a) => internal.filter((text) => a.reply.text.includes(text)).map((text) => `${a.route}: ${text}`));
    expect(seen).toEqual([]);
    const timeline = answers.find((a) => a.caller === "custA" && a.route === "GET /api/v1/tickets/:ref/timeline");
    expect(timeline?.reply.json.items.length).toBeGreaterThan(0);
  });

  it("finds no ticket of this workspace by id, number or bare number from another workspace", async () => {
    const refs = [world.fx.ticketId, world.fx.ticketNumber, world.fx.ticketNumber.replace(/^\D+-/, "")];
    for (const caller of ["xAgent", "xAdmin"] as const) {
      for (const ref of refs) {
        for (const path of [`/api/v1/tickets/${ref}`, `/api/tickets/${ref}`, `/api/v1/tickets/${ref}/timeline`]) {
          const res = await world.app.inject({
            method: "GET",
            url: path,
            headers: world.callers[caller].user?.headers,
          });
          expect(res.statusCode, `${caller} GET ${path}`).toBe(404);
        }
      }
      const queue = await world.app.inject({
        method: "GET",
        url: "/api/v1/tickets?status=all&limit=500",
        headers: world.callers[caller].user?.headers,
      });
      expect(queue.body).not.toContain(world.fx.ticketId);
    }
  });

  it("refuses this workspace's agents, teams and companies named in another workspace's requests", async () => {
    const { fx } = world;
    const headers = world.callers.xAdmin.user?.headers;
    const own = await world.other.tickets.create({ subject: "Theirs", requester: "someone@mail.test" });
    const count = async () =>
      (await world.desk.database.executeSql("select count(*)::int as n from tickets")).rows[0]?.n;
    const before = await count();
    const probes: [string, string, unknown?][] = [
      ["POST", "/api/v1/tickets", { subject: "Borrowed", assignee: fx.agentId }],
      ["POST", "/api/v1/tickets", { subject: "Borrowed", team: fx.teamId }],
      ["POST", "/api/v1/tickets", { subject: "Borrowed", company: fx.companyId }],
      ["POST", `/api/v1/tickets/${own.number}/assign`, { assignee: fx.agentId }],
      ["POST", `/api/v1/tickets/${own.number}/assign`, { assignee: null, team: fx.teamId }],
      ["PATCH", `/api/v1/tickets/${own.number}`, { team: fx.teamId }],
      ["PATCH", `/api/v1/tickets/${own.number}`, { company: fx.companyId }],
      ["POST", "/api/v1/customers", { email: "borrowed@mail.test", company: fx.companyId }],
      ["POST", "/api/v1/teams", { name: "Borrowed", lead: fx.agentId }],
      ["GET", `/api/v1/tickets?assignee=${fx.agentId}`],
      ["GET", `/api/v1/tickets?team=${fx.teamId}`],
    ];
    const outcomes = [];
    for (const [method, url, payload] of probes) {
      const res = await world.app.inject({
        method: method as "GET",
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      const sent = `${url} ${JSON.stringify(payload ?? null)}`;
      outcomes.push(`${method} ${sent} -> ${res.statusCode}`);
      expect(leaked({ status: res.statusCode, text: res.body, json: null, sent }, identifiers), sent).toEqual([]);
    }
    expect(outcomes).toEqual(outcomes.map((o) => o.replace(/-> \d+$/, "-> 404")));
    expect(await count()).toBe(before);
    const audit = await world.app.inject({ method: "GET", url: `/api/v1/audit?actor=${fx.agentId}`, headers });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toEqual([]);
  });

  it("ran every row for every caller", () => {
    const recorded = ROUTES.filter((r) => !r.route.startsWith("GET /docs"));
    expect(new Set(answers.map((a) => a.route)).size).toBe(recorded.length);
    expect(answers.length).toBe(recorded.length * (CALLERS.length - 1));
  });
});
