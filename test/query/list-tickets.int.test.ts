/**
 * `desk.tickets.list({ q })` against a small workspace with known answers:
 * seed 001's example queries, every kind of term, English full-text search,
 * sorting by every field with cursor pagination, bad cursors, and error
 * messages with positions and suggestions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  DomainError,
  fixedClock,
  type Helpdesk,
  LEVELS,
  TICKET_STATUSES,
  type Ticket,
} from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Wednesday 2026-03-11, 14:30 UTC; the workspace keeps UTC. */
const NOW = new Date("2026-03-11T14:30:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const clock = fixedClock(NOW);

type Name = "t1" | "t2" | "t3" | "t4" | "t5" | "t6" | "t7";
let testDesk: TestDesk;
let ws: Helpdesk;
let ana: Helpdesk;
let anaActor: Actor;
const t = {} as Record<Name, Ticket>;

async function at<T>(when: Date, fn: () => Promise<T>): Promise<T> {
  clock.set(when);
  return fn();
}

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  ws = await isolatedWorkspace(testDesk.desk);
  await ws.database.executeSql(
    `insert into custom_field_definitions (id, workspace_id, key, label, type, options, created_at) values
     (gen_random_uuid(), $1, 'edition', 'Edition', 'text', '{}', now()),
     (gen_random_uuid(), $1, 'seats', 'Seats', 'number', '{}', now())`,
    [ws.workspace.id],
  );
  const a = await ws.people.createAgent({ email: "ana@helpline.test", name: "Ana Lima" });
  await ws.people.createAgent({ email: "bruno@helpline.test", name: "Bruno Costa" });
  await ws.people.createCompany({ name: "Acme Corp", domain: "acme.test" });
  anaActor = { type: "agent", id: a.id, role: "agent" };
  ana = ws.as(anaActor);
  const mk = (when: Date, input: Parameters<Helpdesk["tickets"]["create"]>[0]) =>
    at(when, () => ws.tickets.create(input));

  t.t4 = await mk(ago(40 * DAY), {
    subject: "Password reset",
    description: "cannot log in",
    urgency: "low",
    importance: "low",
    requester: "gus@home.test",
    category: "account",
  });
  await at(ago(39 * DAY), () => ws.tickets.updateStatus(t.t4.id, "resolved"));
  await at(ago(38 * DAY), () => ws.tickets.updateStatus(t.t4.id, "closed"));
  t.t3 = await mk(ago(10 * DAY), {
    subject: "Server down",
    description: "the main server is down",
    urgency: "critical",
    importance: "critical",
    assignee: "bruno@helpline.test",
    requester: "gus@home.test",
    tags: ["vip", "outage"],
    customFields: { edition: "basic" },
  });
  await at(ago(9 * DAY), () => ws.tickets.updateStatus(t.t3.id, "in_progress"));
  t.t2 = await mk(ago(3 * DAY), {
    subject: "Invoice missing",
    description: "the March invoice never arrived",
    urgency: "high",
    importance: "high",
    requester: "dora@acme.test",
    tags: ["spam"],
    category: "billing",
    customFields: { seats: 2 },
  });
  t.t7 = await mk(ago(50 * HOUR), {
    subject: "Printer jam",
    description: "sheets stuck in the tray",
    urgency: "medium",
    importance: "medium",
    assignee: "bruno@helpline.test",
    requester: "gus@home.test",
    tags: ["spam"],
    category: "hardware",
  });
  await at(ago(49 * HOUR), () =>
    ws.tickets.addComment(t.t7.id, {
      body: "photo of the tray",
      attachments: [{ filename: "tray.jpg", contentType: "image/jpeg", size: 5120 }],
    }),
  );
  await at(ago(49 * HOUR), () => ws.tickets.addComment(t.t7.id, { body: "order new toner", internal: true }));
  await at(ago(48.5 * HOUR), () => ws.tickets.updateStatus(t.t7.id, "on_hold"));
  t.t6 = await mk(ago(3 * HOUR), {
    subject: "Network slow",
    description: "pings time out",
    urgency: "critical",
    importance: "critical",
    assignee: "ana@helpline.test",
    company: "Acme Corp",
    category: "network",
  });
  t.t1 = await mk(ago(1 * HOUR), {
    subject: "Printer is printing blank pages",
    description: "every page comes out blank",
    urgency: "critical",
    importance: "high",
    assignee: "ana@helpline.test",
    requester: "dora@acme.test",
    tags: ["vip"],
    category: "hardware",
    customFields: { edition: "Pro", seats: 10 },
  });
  t.t5 = await mk(ago(30 * MINUTE), {
    subject: "Refund request",
    description: "please refund my order",
    urgency: "medium",
    importance: "low",
    category: "billing",
  });
  clock.set(NOW);
  for (const name of Object.keys(t) as Name[]) t[name] = await ws.tickets.get(t[name].id);
}, 120_000);

afterAll(async () => {
  await testDesk?.close();
});

const nameOf = (id: string): string => (Object.keys(t) as Name[]).find((n) => t[n].id === id) ?? id;

async function find(q: string, desk: Helpdesk = ana): Promise<string[]> {
  const page = await desk.tickets.list({ q, limit: 500 });
  return page.items.map((x) => nameOf(x.id)).sort();
}

async function failure(q: string, cursor?: string): Promise<DomainError> {
  const err = await ana.tickets.list({ q, ...(cursor === undefined ? {} : { cursor }) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, q).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const ALL: Name[] = ["t1", "t2", "t3", "t4", "t5", "t6", "t7"];
const except = (...names: Name[]) => ALL.filter((n) => !names.includes(n));

describe(`list tickets with the query language (${engineUnderTest})`, () => {
  it("the world is what the answers assume", () => {
    expect(ALL.map((n) => [n, t[n].status, t[n].priority])).toEqual([
      ["t1", "open", "critical"],
      ["t2", "open", "high"],
      ["t3", "in_progress", "critical"],
      ["t4", "closed", "low"],
      ["t5", "open", "low"],
      ["t6", "open", "critical"],
      ["t7", "on_hold", "medium"],
    ]);
    expect(t.t7.attachmentCount).toBe(1);
  });

  it("answers seed 001's example queries", async () => {
    expect(await find("status: open urgency: critical")).toEqual(["t1", "t6"]);
    expect(await find("assignee: me created: today")).toEqual(["t1", "t6"]);
    expect(await find('company: "Acme Corp" importance: high')).toEqual(["t1", "t2"]);
  });

  it("several values, negation, not, or and parentheses", async () => {
    expect(await find("status: open, on_hold")).toEqual(["t1", "t2", "t5", "t6", "t7"]);
    expect(await find("-status: closed")).toEqual(except("t4"));
    expect(await find("not tag: spam")).toEqual(except("t2", "t7"));
    expect(await find("(#vip or #spam) status: open")).toEqual(["t1", "t2"]);
    expect(await find("#vip or category: billing")).toEqual(["t1", "t2", "t3", "t5"]);
    expect(await find("status: active")).toEqual(except("t4"));
    expect(await find("-(status: open or category: hardware)")).toEqual(["t3", "t4"]);
    expect(await find("TKT-1002 or number: 1007")).toEqual(["t3", "t5"]);
  });

  it("ordered levels: comparisons, numbers and ranges", async () => {
    expect(await find("priority: >= high")).toEqual(["t1", "t2", "t3", "t6"]);
    expect(await find("priority: < medium")).toEqual(["t4", "t5"]);
    expect(await find("priority: 1")).toEqual(["t1", "t3", "t6"]);
    expect(await find("urgency: medium .. high")).toEqual(["t2", "t5", "t7"]);
    expect(await find("importance: <= medium")).toEqual(["t4", "t5", "t7"]);
    // Nothing is more urgent than critical.
    expect(await find("urgency: > critical")).toEqual([]);
    expect(await find("-importance: < low")).toEqual(ALL);
  });

  it("dates: absolute ranges, relative phrases and -48h", async () => {
    expect(await find("created: 2026-03-01 .. 2026-03-09")).toEqual(["t2", "t3", "t7"]);
    expect(await find("created: < 2026-03-01")).toEqual(["t4"]);
    expect(await find("created: last 7 days")).toEqual(["t1", "t2", "t5", "t6", "t7"]);
    expect(await find("created: -48h")).toEqual(["t1", "t5", "t6"]);
    expect(await find("created: today")).toEqual(["t1", "t5", "t6"]);
    expect(await find("created: >= 2026-03-11T13:00")).toEqual(["t1", "t5"]);
    expect(await find("closed: last month")).toEqual(["t4"]);
    expect(await find("resolved: last month")).toEqual([]);
    expect(await find("resolved: 2026-01-31")).toEqual(["t4"]);
  });

  it("unassigned, has:, is:, sla: and #tag", async () => {
    expect(await find("assignee: unassigned")).toEqual(["t2", "t4", "t5"]);
    expect(await find("is: unassigned")).toEqual(["t2", "t4", "t5"]);
    expect(await find("assignee: none")).toEqual(["t2", "t4", "t5"]);
    expect(await find("has: attachment")).toEqual(["t7"]);
    expect(await find("has: tags -has: category")).toEqual(["t3"]);
    expect(await find("is: breached")).toEqual(["t2", "t3"]);
    expect(await find("sla: < 2h")).toEqual(["t2", "t3", "t6"]);
    expect(await find("sla: > 1d")).toEqual(["t5"]);
    expect(await find("#vip")).toEqual(["t1", "t3"]);
    expect(await find("tag: none")).toEqual(["t4", "t5", "t6"]);
    expect(await find("is: mine")).toEqual(["t1", "t6"]);
  });

  it("is: breached follows the clock: five hours later t1 and t6 are breached too", async () => {
    clock.set(new Date(NOW.getTime() + 5 * HOUR));
    try {
      expect(await find("is: breached")).toEqual(["t1", "t2", "t3", "t6"]);
      expect(await find("sla: < 0")).toEqual(["t1", "t2", "t3", "t6"]);
      expect(await find("created: today")).toEqual(["t1", "t5", "t6"]);
    } finally {
      clock.set(NOW);
    }
  });

  it("custom fields by cf.<key>, key and label", async () => {
    expect(await find("cf.edition: pro")).toEqual(["t1"]);
    expect(await find("edition: PRO, basic")).toEqual(["t1", "t3"]);
    expect(await find("seats: >= 5")).toEqual(["t1"]);
    expect(await find("cf.seats: 1 .. 2")).toEqual(["t2"]);
    expect(await find("cf.seats: none")).toEqual(except("t1", "t2"));
  });

  it("English full-text search: stems words, matches phrases, prefixes and agents' notes", async () => {
    // PostgreSQL's english stemmer: printing → print; printer stays printer.
    expect(await find("printing")).toEqual(["t1"]);
    expect(await find("prints")).toEqual(["t1"]);
    expect(await find("printer")).toEqual(["t1", "t7"]);
    expect(await find("print*")).toEqual(["t1", "t7"]);
    expect(await find('"blank pages"')).toEqual(["t1"]);
    expect(await find('"pages blank"')).toEqual([]);
    expect(await find("Invoices")).toEqual(["t2"]);
    expect(await find("toner")).toEqual(["t7"]);
    expect(await find("printer -jam")).toEqual(["t1"]);
    expect(await find("subject: print")).toEqual(["t1", "t7"]);
  });
});

type SortField =
  | "priority"
  | "urgency"
  | "importance"
  | "created"
  | "updated"
  | "due"
  | "resolved"
  | "number"
  | "status";
const level = (l: string) => LEVELS.indexOf(l as (typeof LEVELS)[number]);
/** The documented order of each sort field, ascending (levels: least important first; no resolved date last). */
const KEY: Record<SortField, (x: Ticket) => number> = {
  priority: (x) => -x.priorityNumber,
  urgency: (x) => -level(x.urgency),
  importance: (x) => -level(x.importance),
  created: (x) => x.createdAt.getTime(),
  updated: (x) => x.updatedAt.getTime(),
  due: (x) => x.slaDueAt.getTime(),
  resolved: (x) => x.resolvedAt?.getTime() ?? Number.POSITIVE_INFINITY,
  number: (x) => Number(x.number.slice(4)),
  status: (x) => TICKET_STATUSES.indexOf(x.status),
};

async function allPages(q: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 50; pages++) {
    const page = await ana.tickets.list({ q, limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length, q).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((x) => x.id));
    if (!page.nextCursor) return { ids, pages };
    cursor = page.nextCursor;
  }
  throw new Error(`too many pages for ${q}`);
}

describe(`sort by: and cursor pagination (${engineUnderTest})`, () => {
  for (const field of Object.keys(KEY) as SortField[]) {
    for (const dir of ["asc", "desc"] as const) {
      it(`sort by: ${field} ${dir} pages in order, without duplicates or gaps`, async () => {
        const sign = dir === "asc" ? 1 : -1;
        const expected = ALL.map((n) => t[n])
          .sort((a, b) => sign * (KEY[field](a) - KEY[field](b)) || (a.id < b.id ? -1 : 1))
          .map((x) => nameOf(x.id));
        const { ids, pages } = await allPages(`sort by: ${field} ${dir}`, 2);
        expect(pages).toBe(4);
        expect(ids.map(nameOf)).toEqual(expected);
        const filtered = await allPages(`-status: closed sort by: ${field} ${dir}`, 3);
        expect(filtered.ids.map(nameOf)).toEqual(expected.filter((n) => n !== "t4"));
      });
    }
  }

  it("default order is priority (critical first), then oldest; two sort keys combine", async () => {
    expect((await allPages("", 3)).ids.map(nameOf)).toEqual(["t3", "t6", "t1", "t2", "t7", "t4", "t5"]);
    const two = await allPages("sort by: status desc, created asc", 2);
    expect(two.ids.map(nameOf)).toEqual(["t4", "t7", "t3", "t2", "t6", "t1", "t5"]);
  });

  it("relevance pages by offset and covers every match once", async () => {
    const { ids } = await allPages("print* or toner sort by: relevance", 1);
    expect(ids.map(nameOf).sort()).toEqual(["t1", "t7"]);
    const plain = await allPages("printer", 1);
    expect(plain.ids.map(nameOf).sort()).toEqual(["t1", "t7"]);
  });

  it("sort by: relevance without words to rank by still lists tickets", async () => {
    expect((await allPages("status: open sort by: relevance", 2)).ids.map(nameOf).sort()).toEqual([
      "t1",
      "t2",
      "t5",
      "t6",
    ]);
  });

  it("bad cursors are page.bad_cursor", async () => {
    const first = await ana.tickets.list({ q: "sort by: created", limit: 2 });
    const keyset = first.nextCursor as string;
    const text = (await ana.tickets.list({ q: "print* or toner", limit: 1 })).nextCursor as string;
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const id = t.t1.id;
    const cases: [string, string][] = [
      ["", "garbage"],
      ["", "bm90IGpzb24"],
      ["sort by: priority", keyset],
      ["sort by: number", keyset],
      ["sort by: created", text],
      ["print*", keyset],
      ["sort by: created", enc(["2026-03-01T00:00:00.000Z", "not-a-uuid"])],
      ["sort by: created", enc([5, id])],
      ["sort by: number", enc(["5", id])],
      ["print*", enc(["o", -1])],
      ["print*", enc(["x", 1])],
      // Values JavaScript accepts but PostgreSQL does not must not reach the database.
      ["", enc([3, "2026", id])],
      ["", enc([3, "2026-02-30", id])],
      ["", enc([1.5, "2026-03-01T00:00:00.000Z", id])],
      ["sort by: number", enc([2 ** 40, id])],
      ["print*", enc(["o", 1e300])],
    ];
    for (const [q, cursor] of cases) {
      expect((await failure(q, cursor)).code, `${q} / ${cursor}`).toBe("page.bad_cursor");
    }
    // The real cursor continues where the first page ended.
    const second = await ana.tickets.list({ q: "sort by: created", limit: 2, cursor: keyset });
    expect(second.items.map((x) => nameOf(x.id))).toEqual(["t2", "t7"]);
  });
});

describe(`query errors point at the problem (${engineUnderTest})`, () => {
  const issue = (err: DomainError) => ((err.details?.issues ?? []) as { at: string; suggestion?: string }[])[0];

  it("unknown field, unknown value and unknown agent, with position and suggestion", async () => {
    const field = await failure("status: open stauts: closed");
    expect(field.code).toBe("query.invalid");
    expect(field.message).toMatch(/unknown field "stauts" at 1:14 — did you mean "status"\?/);
    expect(issue(field)).toMatchObject({ at: "1:14", suggestion: "status" });

    const value = await failure("status: opne");
    expect(value.message).toMatch(/unknown value "opne" for status at 1:9 — did you mean "open"\?/);
    expect(issue(value)).toMatchObject({ at: "1:9", suggestion: "open" });

    const agent = await failure("status: open assignee: ana.lim");
    expect(agent.message).toMatch(/no agent "ana.lim" at 1:24 — did you mean "Ana Lima"\?/);
    expect(issue(agent)).toMatchObject({ at: "1:24", suggestion: "Ana Lima" });

    const multiline = await failure("status: open\nurgency: crtical");
    expect(issue(multiline)?.at).toBe("2:10");
    expect(multiline.message).toContain('did you mean "critical"');
  });

  it("an agent who does not exist, a team nobody has, a sort field that does not exist", async () => {
    expect((await failure("assignee: zoe@nowhere.test")).message).toMatch(/no agent "zoe@nowhere.test" at 1:11/);
    expect((await failure('team: "Night Shift"')).message).toMatch(/no team "Night Shift" at 1:7/);
    expect((await failure("sort by: priorty")).message).toMatch(
      /cannot sort by "priorty" at 1:10 — did you mean "priority"\?/,
    );
    expect((await failure("created: 2026-02-30")).message).toMatch(/invalid date "2026-02-30" for created at 1:10/);
  });
});
