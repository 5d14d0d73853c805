import { describe, expect, it } from "vitest";
import { parseQuery } from "../../../common/query/parser.js";
import type { Actor } from "../kernel/index.js";
import { type BindEnv, bindQuery, type RefTable } from "./bind.js";
import { dateBounds, dateInterval } from "./bind-dates.js";
import type { Predicate } from "./bound.js";

// Sunday 22 November 2026, 15:30 in Berlin (14:30 UTC).
const now = new Date("2026-11-22T14:30:00Z");
const agent: Actor = { type: "agent", id: "00000000-0000-7000-8000-000000000001", role: "agent" };

function bind(source: string, opts: { actor?: Actor; refs?: RefTable; timeZone?: string } = {}) {
  const parsed = parseQuery(source);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  const env: BindEnv = {
    now,
    timeZone: opts.timeZone ?? "Europe/Berlin",
    actor: opts.actor ?? agent,
    source,
    refs: opts.refs ?? new Map(),
    customFieldTypes: new Map(),
  };
  return bindQuery(parsed.query, env);
}

function predicate(source: string, opts: Parameters<typeof bind>[1] = {}): Predicate {
  const r = bind(source, opts);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.predicate;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("dates in the workspace's time zone", () => {
  const env = { now, timeZone: "Europe/Berlin" };

  it("makes `today` the local day and `this week` Monday to Monday", () => {
    const today = dateInterval({ kind: "day", offsetDays: 0 }, env);
    expect([iso(today?.from ?? null), iso(today?.to ?? null)]).toEqual([
      "2026-11-21T23:00:00.000Z",
      "2026-11-22T23:00:00.000Z",
    ]);
    const week = dateInterval({ kind: "period", unit: "week", offset: 0 }, env);
    expect(iso(week?.from ?? null)).toBe("2026-11-15T23:00:00.000Z");
    expect(iso(week?.to ?? null)).toBe("2026-11-22T23:00:00.000Z");
    const lastMonth = dateInterval({ kind: "period", unit: "month", offset: -1 }, env);
    expect(iso(lastMonth?.from ?? null)).toBe("2026-09-30T22:00:00.000Z"); // 1 Oct, still summer time
    expect(iso(lastMonth?.to ?? null)).toBe("2026-10-31T23:00:00.000Z");
  });

  it("reads wall-clock instants in the zone and keeps explicit offsets", () => {
    const local = dateInterval({ kind: "absolute", text: "2026-07-01T10:00", dayOnly: false }, env);
    expect(iso(local?.from ?? null)).toBe("2026-07-01T08:00:00.000Z");
    expect((local?.to.getTime() ?? 0) - (local?.from.getTime() ?? 0)).toBe(60_000);
    const utc = dateInterval({ kind: "absolute", text: "2026-07-01T10:00:00Z", dayOnly: false }, env);
    expect(iso(utc?.from ?? null)).toBe("2026-07-01T10:00:00.000Z");
  });

  it("turns comparators into bounds: > after the day, <= up to its end", () => {
    const day = {
      type: "date" as const,
      value: { kind: "absolute" as const, text: "2026-01-10", dayOnly: true },
      span: { start: 0, end: 0 },
    };
    const after = dateBounds(">", day, env);
    expect([iso(after?.from ?? null), after?.to]).toEqual(["2026-01-10T23:00:00.000Z", null]);
    const upTo = dateBounds("<=", day, env);
    expect([upTo?.from, iso(upTo?.to ?? null)]).toEqual([null, "2026-01-10T23:00:00.000Z"]);
    const before = dateBounds("<", day, env);
    expect(iso(before?.to ?? null)).toBe("2026-01-09T23:00:00.000Z");
  });

  it("makes -48h the last 48 hours up to now, and compares against its far end", () => {
    const ago = new Date(now.getTime() - 48 * 3_600_000);
    expect(predicate("created: -48h")).toEqual({ p: "date", column: "createdAt", from: ago, to: now });
    expect(predicate("created: < -48h")).toEqual({ p: "date", column: "createdAt", from: null, to: ago });
    expect(predicate("updated: >= last 7 days")).toMatchObject({
      from: new Date(now.getTime() - 7 * 86_400_000),
      to: null,
    });
    expect(predicate("due: < +2h")).toMatchObject({ from: null, to: new Date(now.getTime() + 7_200_000) });
    expect(predicate("resolved: none")).toEqual({ p: "missing", column: "resolvedAt" });
  });
});

describe("binding", () => {
  it("turns level comparisons into the set of levels they select", () => {
    expect(predicate("urgency: >= high")).toEqual({ p: "in", column: "urgency", values: ["critical", "high"] });
    expect(predicate("importance: < medium")).toEqual({ p: "in", column: "importance", values: ["low"] });
    expect(predicate("priority: high")).toEqual({ p: "num", column: "priority", op: "=", value: 2 });
  });

  it("expands `active`, `is: breached` and `sla:` against now", () => {
    expect(predicate("status: active")).toMatchObject({ p: "in", column: "status" });
    const breached = predicate("is: breached");
    expect(breached).toMatchObject({
      p: "and",
      all: [
        { p: "in", column: "status" },
        { p: "date", column: "slaDueAt", from: null, to: now },
      ],
    });
    const soon = predicate("sla: < 2h");
    expect(soon).toMatchObject({ p: "and", all: [{}, { p: "date", to: new Date(now.getTime() + 7_200_000) }] });
  });

  it("binds `me` to the acting agent and refuses it without one", () => {
    expect(predicate("assignee: me")).toEqual({ p: "id-in", column: "assigneeId", ids: [agent.id] });
    const system = bind("assignee: me", { actor: { type: "system", name: "cli" } });
    expect(system.ok).toBe(false);
    if (!system.ok) expect(system.issues[0]?.message).toContain("--as <agent email>");
  });

  it("uses resolved names and matches nothing for an empty resolution", () => {
    const refs: RefTable = new Map([["team", new Map([["billing", ["t1", "t2"]]])]]);
    expect(predicate('team: "Billing"', { refs })).toEqual({ p: "id-in", column: "teamId", ids: ["t1", "t2"] });
    expect(predicate("team: Billing")).toEqual({ p: "false" });
  });

  it("keeps internal fields from customers, with the position", () => {
    const customer: Actor = { type: "customer", id: "c1", role: "customer", companyId: null };
    const r = bind("status: open #vip", { actor: customer });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ at: "1:14", span: { start: 13 } });
  });

  it("simplifies: double negation, constant folding, flattening", () => {
    expect(predicate("not not #a")).toEqual({ p: "tags-any", tags: ["a"] });
    expect(predicate("#a (#b #c)")).toEqual({
      p: "and",
      all: [
        { p: "tags-any", tags: ["a"] },
        { p: "tags-any", tags: ["b"] },
        { p: "tags-any", tags: ["c"] },
      ],
    });
  });
});
