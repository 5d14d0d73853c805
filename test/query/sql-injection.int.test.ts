/**
 * Hostile values in every kind of query term: quotes, semicolons, comments,
 * backslashes, LIKE wildcards, dollar quotes, tsquery operators, unicode and
 * very long text. Each query either returns exactly the tickets that really
 * hold that text or fails with `query.invalid` — never a database error —
 * and the tickets table keeps every row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError, fixedClock, type Helpdesk, type Ticket } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";

const clock = fixedClock(new Date("2026-03-11T14:30:00.000Z"));
let testDesk: TestDesk;
let ws: Helpdesk;
let tickets: Ticket[];
let total: number;

/** Stored in subjects, categories and a custom field, then searched for. */
const NASTY = [
  "'",
  "''",
  "it's",
  '"',
  '"quoted"',
  "\\",
  "\\'",
  "back\\slash",
  "';",
  "'); drop table tickets; --",
  '"); drop table tickets; --',
  "1; delete from tickets",
  "' or '1'='1",
  "' or 1=1 --",
  "-- comment",
  "/* comment */",
  "*/",
  "$$",
  "$1",
  "$tag$ x $tag$",
  "%",
  "_",
  "100% sure_thing",
  "a%b",
  "x_y",
  ":*",
  "a & b | !c",
  "<->",
  "'a':* & 'b'",
  "->> 'key'",
  "::text",
  "{}",
  "[a-z]+",
  ".*",
  "E'\\x41'",
  "null",
  "ünïcödé",
  "日本語",
  "مرحبا",
  "🎉 party",
  "zero\u200bwidth",
  "tab\there",
];
/** Tags may only hold letters, digits, space and _ . : / - — the wildcards among them must not act as wildcards. */
const TAG_LOOKALIKES = ["a_c", "abc", "a.c", "a:b/c", "a-c"];
/** Subjects hold at most 500 characters; descriptions much more (words over 2047 characters are not indexed). */
const LONG = "x".repeat(480);
const LONGER = `${"y".repeat(3000)} tail`;

const quote = (s: string) => `"${s.replace(/["\\]/g, "\\$&")}"`;

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  ws = await isolatedWorkspace(testDesk.desk);
  await ws.database.executeSql(
    `insert into custom_field_definitions (id, workspace_id, key, label, type, options, created_at)
     values (gen_random_uuid(), $1, 'x', 'X field', 'text', '{}', now())`,
    [ws.workspace.id],
  );
  await ws.people.createCustomer({ email: "quote@example.test", name: "O'Brien; --" });
  tickets = [];
  for (const s of NASTY) {
    tickets.push(
      await ws.tickets.create({
        subject: `before ${s} after`,
        description: `text ${s} end`,
        category: s,
        customFields: { x: s },
      }),
    );
  }
  for (const tag of TAG_LOOKALIKES) tickets.push(await ws.tickets.create({ subject: `tag ${tag}`, tags: [tag] }));
  tickets.push(await ws.tickets.create({ subject: LONG, description: LONGER, category: "long" }));
  total = tickets.length;
}, 120_000);

afterAll(async () => {
  await testDesk?.close();
});

/** The ids a query returns, or the code of the DomainError it fails with; anything else fails the test. */
async function run(q: string): Promise<{ ids: string[] } | { code: string }> {
  try {
    const page = await ws.tickets.list({ q, limit: 500 });
    return { ids: page.items.map((t) => t.id).sort() };
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code };
    throw new Error(`query ${JSON.stringify(q)} failed with a non-domain error: ${String(err)}`);
  }
}

const idsOf = (ts: Ticket[]) => ts.map((t) => t.id).sort();

async function expectIds(q: string, expected: Ticket[]) {
  expect(await run(q), q).toEqual({ ids: idsOf(expected) });
}

async function expectEmptyOrInvalid(q: string) {
  const r = await run(q);
  if ("code" in r) expect(r.code, q).toBe("query.invalid");
  else expect(r.ids, q).toEqual([]);
}

async function rowCount(): Promise<number> {
  const { rows } = await ws.database.executeSql("select count(*)::int as n from tickets where workspace_id = $1", [
    ws.workspace.id,
  ]);
  return Number(rows[0]?.n);
}

describe(`hostile values in queries (${engineUnderTest})`, () => {
  it("subject: finds exactly the subjects containing the text (no wildcards, no escapes)", async () => {
    for (const s of NASTY) {
      await expectIds(
        `subject: ${quote(s)}`,
        tickets.filter((t) => t.subject.toLowerCase().includes(s.toLowerCase())),
      );
    }
    // `%` and `_` are literal characters: "a%b" does not match "a_c" or "abc".
    await expectIds(
      `subject: "a%b"`,
      tickets.filter((t) => t.subject.includes("a%b")),
    );
    await expectIds(
      `subject: "_"`,
      tickets.filter((t) => t.subject.includes("_")),
    );
  });

  it("category: and cf.x: find exactly the ticket holding that value", async () => {
    for (const [i, s] of NASTY.entries()) {
      const owner = tickets[i] as Ticket;
      const same = tickets.filter((t) => t.category?.toLowerCase() === s.trim().toLowerCase());
      expect(same, s).toContain(owner);
      await expectIds(`category: ${quote(s)}`, same);
      await expectIds(`cf.x: ${quote(s)}`, same);
      await expectIds(`"X field": ${quote(s)}`, same);
    }
  });

  it("tags compare whole values: _ . : / - are not wildcards", async () => {
    for (const tag of TAG_LOOKALIKES) {
      const owner = tickets.filter((t) => t.tags.includes(tag));
      expect(owner).toHaveLength(1);
      await expectIds(`tag: ${quote(tag)}`, owner);
      await expectIds(`#${quote(tag)}`, owner);
    }
    await expectIds(
      "#a_c",
      tickets.filter((t) => t.tags.includes("a_c")),
    );
    for (const s of NASTY) {
      await expectEmptyOrInvalid(`tag: ${quote(s)}`);
      await expectEmptyOrInvalid(`#${quote(s)}`);
    }
  });

  it("names (requester, assignee, team, company) that match nobody are query.invalid, never a database error", async () => {
    for (const s of [...NASTY, LONG]) {
      for (const f of ["requester", "assignee", "team", "company"]) {
        const r = await run(`${f}: ${quote(s)}`);
        expect(r, `${f}: ${s}`).toEqual({ code: "query.invalid" });
      }
    }
    // A customer whose name is itself hostile is found by it.
    expect(await run(`requester: ${quote("O'Brien; --")}`)).toEqual({ ids: [] });
  });

  it("free text, phrases and prefixes with hostile text run as parameters", async () => {
    for (const s of NASTY) {
      await checkFreeText(quote(s));
      await checkFreeText(`${quote(s)} or subject: before`);
      const bare = s.replace(/[\s"()]/g, "");
      if (bare) {
        await checkFreeText(bare);
        await checkFreeText(`${bare}*`);
      }
    }
    // Words with letters are still found.
    await expectIds("ünïcödé", [tickets[NASTY.indexOf("ünïcödé")] as Ticket]);
    await expectIds('"ünïcödé end"', [tickets[NASTY.indexOf("ünïcödé")] as Ticket]);
    await expectIds("日本語", [tickets[NASTY.indexOf("日本語")] as Ticket]);
    await expectIds("drop* table", idsToTickets(["'); drop table tickets; --", '"); drop table tickets; --']));
  });

  it("hostile field names, sort keys, comparators and cursors are refused cleanly", async () => {
    for (const s of NASTY) {
      await expectEmptyOrInvalid(`${quote(s)}: x`);
      const sorted = await run(`sort by: ${quote(s)}`);
      expect(sorted, s).toEqual({ code: "query.invalid" });
      await expectEmptyOrInvalid(`created: ${quote(s)}`);
      await expectEmptyOrInvalid(`number: ${quote(s)}`);
      await expectEmptyOrInvalid(`sla: < ${quote(s)}`);
      await expectEmptyOrInvalid(`status: ${quote(s)}`);
      const paged = await ws.tickets.list({ q: "", cursor: s }).then(
        () => "ok",
        (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
      );
      expect(paged, s).toBe("page.bad_cursor");
    }
    const bogus = Buffer.from(JSON.stringify([3, "2026-01-01'; drop table tickets; --", tickets[0]?.id])).toString(
      "base64url",
    );
    const paged = await ws.tickets.list({ q: "", cursor: bogus }).then(
      () => "ok",
      (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
    );
    expect(paged).toBe("page.bad_cursor");
  });

  it("very long values: found when real, refused with a clear error when over the limit", async () => {
    const long = tickets.at(-1) as Ticket;
    await expectIds(`subject: ${quote(LONG)}`, [long]);
    await expectIds(`${LONG.slice(0, 100)}*`, [long]);
    await expectIds(LONG, [long]);
    // A word over PostgreSQL's 2047-character limit is dropped from the search, not an error.
    await checkFreeText(`tail ${quote(LONGER.slice(0, 2500))}`);
    await expectEmptyOrInvalid(`cf.x: ${quote("y".repeat(9000))}`);
    const tooLong = await run(`subject: ${quote("z".repeat(10_001))}`);
    expect(tooLong).toEqual({ code: "input.invalid" });
    // Deep nesting is refused, not a stack overflow.
    expect(await run(`${"(".repeat(60)}x${")".repeat(60)}`)).toEqual({ code: "query.invalid" });
    expect(await run(`${"-".repeat(200)}x`)).toEqual({ code: "query.invalid" });
  });

  it("unicode case: a value written exactly as stored finds its ticket (final sigma, dotted İ)", async () => {
    for (const word of ["ΣΊΣΥΦΟΣ", "İstanbul"]) {
      const ticket = await ws.tickets.create({ subject: `${word} office`, category: word, customFields: { x: word } });
      total++;
      for (const q of [`subject: ${word}`, `category: ${word}`, `cf.x: ${word}`, word, `"${word} office"`]) {
        const r = await run(q);
        expect(r, q).toEqual({ ids: [ticket.id] });
      }
    }
  });

  it("afterwards the tickets table still holds every row", async () => {
    expect(await rowCount()).toBe(total);
    expect((await ws.tickets.list({ q: "", limit: 500 })).items).toHaveLength(total);
    const { rows } = await ws.database.executeSql("select count(*)::int as n from workspaces");
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
  });
});

function idsToTickets(subjects: string[]): Ticket[] {
  return tickets.filter((t) => subjects.some((s) => t.subject === `before ${s} after`));
}

/** Free text never errors out of the database; whatever it returns are real tickets of this workspace. */
async function checkFreeText(q: string) {
  const r = await run(q);
  if ("code" in r) {
    expect(r.code, q).toBe("query.invalid");
    return;
  }
  const known = new Set(tickets.map((t) => t.id));
  expect(
    r.ids.every((id) => known.has(id)),
    q,
  ).toBe(true);
}
