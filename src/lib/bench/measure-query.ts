/**
 * Query-language latencies (issue 8) through the desk's services, acting as an
 * agent: structured queries (`desk.tickets.list`, three terms and a sort, first
 * page), full-text searches (`desk.search.tickets`, words picked from the bench
 * vocabulary at several frequencies) and autocomplete (`desk.query.complete`).
 */
import type { Helpdesk } from "../create-helpdesk.js";
import { ORDER_REF_BASE, ORDER_REF_EVERY } from "./dataset-sql.js";
import { searchPhrases, searchTerms } from "./search-text.js";
import type { BenchCast } from "./seed-people.js";
import { percentile, round, timed } from "./stats.js";
import type { QueryKindDetails } from "./types.js";

type Tick = (done: number, total: number) => void;

/** One call: its kind (for the per-kind p95), a label naming it, and what it runs. */
interface Case {
  kind: string;
  label: string;
  run: () => Promise<number>;
}

export const QUERY_PAGE = 50;
const WORST = 5;

/** Agent `i` (never the manager, agent 0) as the acting user, so `me` means someone. */
function agentDesk(desk: Helpdesk, cast: BenchCast, i: number): { desk: Helpdesk; email: string } {
  const agents = cast.agents.length > 1 ? cast.agents.slice(1) : cast.agents;
  const agent = agents[i % agents.length];
  if (!agent) throw new Error("the bench cast has no agents");
  return { desk: desk.as({ type: "agent", id: agent.id, role: "agent" }), email: agent.email };
}

const pick = <T>(items: readonly T[], i: number): T => {
  const item = items[i % items.length];
  if (item === undefined) throw new Error("nothing to pick from");
  return item;
};

const LEVELS = ["critical", "high", "medium", "low"] as const;

/** Realistic three-term sorted queries, varied call to call. */
export function structuredQueries(cast: BenchCast, i: number): { kind: string; q: string }[] {
  const team = pick(cast.teams, i).name;
  const otherTeam = pick(cast.teams, i + 2).name;
  const agent = pick(cast.agents, i + 1).email;
  const company = `Company ${i % Math.max(1, cast.companies.length)}`;
  const level = pick(LEVELS, i);
  return [
    { kind: "mine", q: `status: open, in_progress priority: >= high assignee: ${agent} sort by: created` },
    { kind: "team_not_closed", q: `team: "${team}" -status: closed urgency: ${level} sort by: updated desc` },
    { kind: "tag_breached", q: "#vip is: breached sort by: due" },
    { kind: "me_active", q: `assignee: me status: active priority: ${level} sort by: due` },
    { kind: "company_waiting", q: `company: "${company}" status: pending_customer, on_hold sort by: updated desc` },
    {
      kind: "category_recent",
      q: `category: ${pick(["billing", "technical", "account", "shipping"], i)} created: last 7 days status: active sort by: priority`,
    },
    { kind: "unassigned_team", q: `is: unassigned team: "${otherTeam}" priority: <= ${level} sort by: created desc` },
    { kind: "resolved_channel", q: `channel: email type: incident status: resolved sort by: resolved desc` },
  ];
}

/** Full-text searches: one word at three frequencies, two words, a phrase, a prefix, text with a field, an order number. */
export function searchQueries(tickets: number, i: number): { kind: string; q: string }[] {
  const common = searchTerms("common", 6);
  const medium = searchTerms("medium", 12);
  const rare = searchTerms("rare", 12);
  const phrases = searchPhrases(10);
  const orders = Math.max(1, Math.floor(tickets / ORDER_REF_EVERY));
  // Spread over the whole dataset: old and recent tickets alike.
  const order = ORDER_REF_BASE + ORDER_REF_EVERY * ((i * 7919) % orders);
  const m = pick(medium, i);
  return [
    { kind: "rare_word", q: pick(rare, i) },
    { kind: "medium_word", q: m },
    { kind: "common_word", q: pick(common, i) },
    { kind: "two_words", q: `${pick(medium, i + 5)} ${pick(common, i + 1)}` },
    { kind: "phrase", q: `"${pick(phrases, i)}"` },
    { kind: "prefix", q: `${m.slice(0, Math.max(4, m.length - 3))}*` },
    { kind: "text_and_status", q: `status: open ${pick(medium, i + 3)}` },
    { kind: "order_number", q: String(order) },
  ];
}

/** Autocomplete requests: text and the cursor offset in it. */
export function completeRequests(i: number): { kind: string; text: string; cursor: number }[] {
  const agentPrefix = pick(["a", "ag", "agent", "agent1"], i);
  const companyPrefix = pick(["c", "co", "com", "company 1"], i);
  const mid = "priority: high sta sort by: created";
  const at = (kind: string, text: string, cursor = text.length) => ({ kind, text, cursor });
  return [
    at("field", pick(["sta", "pri", "ass", "cat"], i)),
    at("field_mid_query", mid, mid.indexOf("sta") + 3),
    at("enum_value", pick(["status: in", "priority: h", "channel: e", "is: b"], i)),
    at("agent", `assignee: ${agentPrefix}`),
    at("company", `status: open company: ${companyPrefix}`),
    at("tag", pick(["#v", "#", "#re", "tag: bu"], i)),
    at("requester", `requester: ${pick(["customer1", "cu", "customer42", "customer7"], i)}`),
  ];
}

export interface QueryMeasurement {
  calls: number;
  p50: number;
  p95: number;
  details: QueryKindDetails;
}

function summarise(samples: { kind: string; label: string; ms: number; hits?: number }[]): QueryMeasurement {
  const all = samples.map((s) => s.ms);
  const byKind = new Map<string, number[]>();
  const byLabel = new Map<string, { kind: string; ms: number[]; hits?: number }>();
  for (const s of samples) {
    byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.ms]);
    const entry = byLabel.get(s.label) ?? { kind: s.kind, ms: [], ...(s.hits === undefined ? {} : { hits: s.hits }) };
    entry.ms.push(s.ms);
    byLabel.set(s.label, entry);
  }
  const p95ByKind: Record<string, number> = {};
  for (const [kind, ms] of byKind) p95ByKind[kind] = round(percentile(ms, 95));
  // The slowest distinct queries by their median, so one unlucky sample does not name a query.
  const worst = [...byLabel.entries()]
    .map(([label, e]) => ({
      q: label,
      kind: e.kind,
      median_ms: round(percentile(e.ms, 50)),
      max_ms: round(Math.max(...e.ms)),
      calls: e.ms.length,
      ...(e.hits === undefined ? {} : { hits: e.hits }),
    }))
    .sort((a, b) => b.median_ms - a.median_ms)
    .slice(0, WORST);
  const p50 = round(percentile(all, 50));
  const p95 = round(percentile(all, 95));
  return {
    calls: all.length,
    p50,
    p95,
    details: {
      calls: all.length,
      p50_ms: p50,
      p95_ms: p95,
      max_ms: round(Math.max(0, ...all)),
      p95_by_kind_ms: p95ByKind,
      worst,
    },
  };
}

/**
 * Runs every case once untimed per kind (connections, prepared plans and caches
 * warm, as in a running server), then all cases timed, in order.
 */
async function runCases(cases: Case[], tick: Tick): Promise<QueryMeasurement> {
  const warmed = new Set<string>();
  for (const c of cases) {
    if (warmed.has(c.kind)) continue;
    warmed.add(c.kind);
    await c.run();
  }
  const samples: { kind: string; label: string; ms: number; hits: number }[] = [];
  tick(0, cases.length);
  for (const [i, c] of cases.entries()) {
    const { value, ms } = await timed(c.run);
    samples.push({ kind: c.kind, label: c.label, ms, hits: value });
    tick(i + 1, cases.length);
  }
  return summarise(samples);
}

/** `rounds` × 8 structured queries (`desk.tickets.list`, first page of 50), each as a different agent. */
export async function measureStructuredQueries(desk: Helpdesk, cast: BenchCast, rounds: number, tick: Tick) {
  const cases: Case[] = [];
  for (let i = 0; i < rounds; i++) {
    const as = agentDesk(desk, cast, i).desk;
    for (const { kind, q } of structuredQueries(cast, i)) {
      cases.push({ kind, label: q, run: async () => (await as.tickets.list({ q, limit: QUERY_PAGE })).items.length });
    }
  }
  return runCases(cases, tick);
}

/** `rounds` × 8 full-text searches (`desk.search.tickets`, first page of 50 with snippets). */
export async function measureSearch(desk: Helpdesk, cast: BenchCast, tickets: number, rounds: number, tick: Tick) {
  const cases: Case[] = [];
  for (let i = 0; i < rounds; i++) {
    const as = agentDesk(desk, cast, i).desk;
    for (const { kind, q } of searchQueries(tickets, i)) {
      cases.push({ kind, label: q, run: async () => (await as.search.tickets({ q, limit: QUERY_PAGE })).items.length });
    }
  }
  return runCases(cases, tick);
}

/** `rounds` × 7 autocomplete requests (`desk.query.complete`). */
export async function measureAutocomplete(desk: Helpdesk, cast: BenchCast, rounds: number, tick: Tick) {
  const cases: Case[] = [];
  for (let i = 0; i < rounds; i++) {
    const as = agentDesk(desk, cast, i).desk;
    for (const { kind, text, cursor } of completeRequests(i)) {
      cases.push({
        kind,
        label: `${text.slice(0, cursor)}|${text.slice(cursor)}`,
        run: async () => (await as.query.complete({ text, cursor })).items.length,
      });
    }
  }
  return runCases(cases, tick);
}
