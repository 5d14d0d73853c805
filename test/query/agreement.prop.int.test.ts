/**
 * Issue 8's key proof — one AST, two back ends: for random tickets and random
 * queries, the SQL compiler (`desk.tickets.list`) and the in-memory matcher
 * (`matches(predicate, matchRecordOf(ticket, texts))`) select exactly the same
 * tickets. The workspace searches with PostgreSQL's `simple` configuration,
 * which the matcher mirrors (lower-cased words, no stemming).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/core/kernel/index.js";
import { matches, matchRecordOf, type PreparedQuery, prepareQuery } from "../../src/core/query/index.js";
import { type Actor, DomainError, type Helpdesk, type Ticket } from "../../src/lib/index.js";
import { engineUnderTest, isolatedWorkspace, openTestDesk, type TestDesk } from "../harness.js";
import {
  configureWorkspace,
  createPeople,
  createTickets,
  entryBodies,
  newClock,
  sampleSpecs,
} from "./agreement-world.js";
import { queryString } from "./query-arbitraries.js";

const TICKETS = 64;
const clock = newClock();
let testDesk: TestDesk;
let ws: Helpdesk;
let tickets: Ticket[];
let agent: Actor;
let companyUser: Actor;
/** Per ticket: what an agent may search (messages and notes) and what a customer may (messages only). */
const agentTexts = new Map<string, string[]>();
const customerTexts = new Map<string, string[]>();

beforeAll(async () => {
  testDesk = await openTestDesk({ clock });
  ws = await isolatedWorkspace(testDesk.desk);
  await configureWorkspace(ws, "simple");
  const people = await createPeople(ws);
  agent = { type: "agent", id: people.agentIds[0] as string, role: "agent" };
  const dora = people.customerIds.get("dora@acme.test") as string;
  companyUser = {
    type: "customer",
    id: dora,
    role: "company_user",
    companyId: people.companyIds.get("Acme Corp") ?? null,
  };
  tickets = await createTickets(ws, clock, sampleSpecs(TICKETS, 20_260_311));
  for (const t of tickets) {
    const bodies = await entryBodies(ws, t.id);
    agentTexts.set(t.id, bodies.agent);
    customerTexts.set(t.id, bodies.customer);
  }
}, 120_000);

afterAll(async () => {
  await testDesk?.close();
});

const ctxFor = (actor: Actor): Ctx => ({ actor, workspaceId: ws.workspace.id, db: ws.database.db, clock });

/** Every ticket the SQL back end returns, following cursors across pages of `limit`. */
async function viaSql(actor: Actor, q: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await ws.as(actor).tickets.list({ q, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...res.items.map((t) => t.id));
    if (!res.nextCursor) return ids;
    cursor = res.nextCursor;
  }
  throw new Error(`more than 100 pages for ${q}`);
}

function visibleTo(actor: Actor, t: Ticket): boolean {
  if (actor.type !== "customer") return true;
  return t.requesterId === actor.id || (actor.companyId !== null && t.companyId === actor.companyId);
}

/** Every ticket the matcher accepts, among those the actor may see. */
function viaMatcher(actor: Actor, prepared: PreparedQuery): string[] {
  const texts = actor.type === "customer" ? customerTexts : agentTexts;
  return tickets
    .filter((t) => visibleTo(actor, t) && matches(prepared.predicate, matchRecordOf(t, texts.get(t.id) ?? [])))
    .map((t) => t.id);
}

const describeTicket = (t: Ticket | undefined) =>
  t && {
    number: t.number,
    subject: t.subject,
    description: t.description,
    status: t.status,
    urgency: t.urgency,
    importance: t.importance,
    priority: t.priority,
    category: t.category,
    type: t.type,
    tags: t.tags,
    assigneeId: t.assigneeId,
    teamId: t.teamId,
    companyId: t.companyId,
    requesterId: t.requesterId,
    customFields: t.customFields,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    slaDueAt: t.slaDueAt.toISOString(),
    escalationLevel: t.escalationLevel,
    attachmentCount: t.attachmentCount,
    texts: agentTexts.get(t.id),
  };

interface Tally {
  runs: number;
  invalid: number;
  /** Valid queries that selected some but not all visible tickets. */
  discriminating: number;
  invalidExamples: string[];
}

/** The property: both back ends agree (or both refuse the query). */
function agreement(actor: Actor, tally: Tally) {
  return fc.asyncProperty(queryString, fc.constantFrom(500, 500, 500, 9), async (q, limit) => {
    tally.runs++;
    let prepared: PreparedQuery;
    try {
      prepared = await prepareQuery(ctxFor(actor), q);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== "query.invalid") throw err;
      tally.invalid++;
      if (tally.invalidExamples.length < 8) tally.invalidExamples.push(`${q}  →  ${err.message}`);
      // The list refuses it the same way.
      const refused = await ws
        .as(actor)
        .tickets.list({ q })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((refused as DomainError | undefined)?.code, q).toBe("query.invalid");
      return;
    }
    const sqlIds = await viaSql(actor, q, limit);
    const matcherIds = viaMatcher(actor, prepared);
    const visible = tickets.filter((t) => visibleTo(actor, t)).length;
    if (matcherIds.length > 0 && matcherIds.length < visible) tally.discriminating++;
    expect(new Set(sqlIds).size, `duplicate rows across pages for ${q}`).toBe(sqlIds.length);
    const sqlSet = new Set(sqlIds);
    const matcherSet = new Set(matcherIds);
    const onlySql = sqlIds.filter((id) => !matcherSet.has(id));
    const onlyMatcher = matcherIds.filter((id) => !sqlSet.has(id));
    if (onlySql.length > 0 || onlyMatcher.length > 0) {
      const byId = (id: string) => describeTicket(tickets.find((t) => t.id === id));
      const report = {
        query: q,
        predicate: prepared.predicate,
        onlySql: onlySql.slice(0, 3).map(byId),
        onlyMatcher: onlyMatcher.slice(0, 3).map(byId),
      };
      expect.fail(`back ends disagree:\n${JSON.stringify(report, null, 2)}`);
    }
  });
}

const newTally = (): Tally => ({ runs: 0, invalid: 0, discriminating: 0, invalidExamples: [] });

describe(`SQL and the in-memory matcher agree (${engineUnderTest})`, () => {
  it("the world is varied enough to tell queries apart", () => {
    expect(tickets).toHaveLength(TICKETS);
    const distinct = <T>(f: (t: Ticket) => T) => new Set(tickets.map(f)).size;
    expect(distinct((t) => t.status)).toBeGreaterThanOrEqual(6);
    expect(distinct((t) => t.priority)).toBe(4);
    expect(distinct((t) => t.assigneeId)).toBe(4);
    expect(tickets.some((t) => t.attachmentCount > 0)).toBe(true);
    expect(tickets.some((t) => t.escalationLevel > 0)).toBe(true);
    expect(tickets.some((t) => t.slaDueAt.getTime() < clock.now().getTime())).toBe(true);
    expect(tickets.some((t) => t.slaDueAt.getTime() > clock.now().getTime())).toBe(true);
    const notes = (t: Ticket) => (agentTexts.get(t.id)?.length ?? 0) - (customerTexts.get(t.id)?.length ?? 0);
    expect(tickets.some((t) => notes(t) > 0)).toBe(true);
  });

  it("for an agent (with `me`): random queries select the same tickets", async () => {
    const tally = newTally();
    // FC_RUNS=5000 for a longer hunt.
    await fc.assert(agreement(agent, tally), { numRuns: Number(process.env.FC_RUNS ?? 300) });
    const valid = tally.runs - tally.invalid;
    // The test means something only if most queries were valid and many told tickets apart.
    expect(valid / tally.runs, tally.invalidExamples.join("\n")).toBeGreaterThanOrEqual(0.7);
    expect(tally.discriminating / Math.max(1, valid)).toBeGreaterThanOrEqual(0.3);
  }, 120_000);

  it("for a company user (messages only, own company's tickets): random queries select the same tickets", async () => {
    const tally = newTally();
    await fc.assert(agreement(companyUser, tally), { numRuns: 150 });
    // Customers may not use internal fields (assignee, team, tag, sla, …), so fewer queries are valid.
    expect(tally.runs - tally.invalid).toBeGreaterThanOrEqual(40);
    expect(tally.discriminating).toBeGreaterThanOrEqual(15);
  }, 120_000);
});
