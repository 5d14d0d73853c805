/**
 * Query-language latencies (issue 8) through the desk's services, acting as an
 * agent: structured queries (`desk.tickets.list`, three terms and a sort, first
 * page), full-text searches (`desk.search.tickets`, words picked from the bench
 * vocabulary at several frequencies) and autocomplete (`desk.query.complete`).
 */
import { openDatabase } from "../../db/connection.js";
import type { Helpdesk } from "../create-helpdesk.js";
import { ERROR_CODE_EVERY, errorCode, ORDER_REF_BASE, ORDER_REF_EVERY } from "./dataset-sql.js";
import { searchPhrases, searchTerms } from "./search-text.js";
import { type BenchCast, PRIVATE_EVERY } from "./seed-people.js";
import { percentile, round } from "./stats.js";
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
  // Customer k belongs to company k % 20 unless k % 5 = 0 (private): companies 0, 5, 10, 15 have no tickets.
  const withTickets = cast.companies.map((_, k) => k).filter((k) => k % PRIVATE_EVERY !== 0);
  const company = `Company ${withTickets.length > 0 ? pick(withTickets, i) : 0}`;
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

/**
 * Full-text searches: one word at three frequencies, two words, a phrase, a
 * prefix, text with a field, and identifiers (an order number in one ticket,
 * an error code in a few).
 */
export function searchQueries(tickets: number, i: number): { kind: string; q: string }[] {
  const common = searchTerms("common", 6);
  const medium = searchTerms("medium", 12);
  const rare = searchTerms("rare", 12);
  const phrases = searchPhrases(10);
  const orders = Math.max(1, Math.floor(tickets / ORDER_REF_EVERY));
  // Spread over the whole dataset: old and recent tickets alike.
  const order = ORDER_REF_BASE + ORDER_REF_EVERY * ((i * 7919) % orders);
  const coded = Math.max(1, Math.floor((tickets - 1) / ERROR_CODE_EVERY));
  const code = errorCode(1 + ERROR_CODE_EVERY * ((i * 104729) % coded));
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
    { kind: "error_code", q: code },
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

interface Sample {
  kind: string;
  label: string;
  ms: number;
  hits?: number;
}

interface Outcome {
  samples: Sample[];
  failures: QueryKindDetails["failures"];
  givenUp: Record<string, number>;
}

function summarise({ samples, failures, givenUp }: Outcome): QueryMeasurement {
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
      given_up_ms: givenUp,
      failures,
    },
  };
}

/** A kind whose call takes longer than this is not called again (its remaining calls count at that time). */
export const GIVE_UP_MS = 5_000;
/** Queries running longer than this are cancelled, so one pathological plan cannot stall the bench. */
export const STATEMENT_LIMIT_MS = 30_000;

async function attempt(c: Case): Promise<{ ms: number; hits?: number; error?: string }> {
  const started = performance.now();
  try {
    const hits = await c.run();
    return { ms: performance.now() - started, hits };
  } catch (err) {
    // Drizzle wraps driver errors in "Failed query: <sql>"; the cause says what happened.
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    return {
      ms: performance.now() - started,
      error: (cause instanceof Error ? cause.message : String(cause)).slice(0, 300),
    };
  }
}

/**
 * Runs each kind's first case once untimed (connections, prepared plans and
 * caches warm, as in a running server), then all cases timed, in order. A kind
 * that fails or takes longer than GIVE_UP_MS is given up: its remaining calls
 * are counted at that time (the p95 shows it) instead of being run again.
 */
async function runCases(cases: Case[], tick: Tick): Promise<QueryMeasurement> {
  const out: Outcome = { samples: [], failures: [], givenUp: {} };
  const giveUp = (c: Case, r: { ms: number; error?: string }) => {
    if (r.error && out.failures.length < WORST) out.failures.push({ q: c.label, kind: c.kind, error: r.error });
    if (r.error || r.ms > GIVE_UP_MS) out.givenUp[c.kind] = round(r.ms);
  };
  const warmed = new Set<string>();
  for (const c of cases) {
    if (warmed.has(c.kind)) continue;
    warmed.add(c.kind);
    giveUp(c, await attempt(c));
  }
  tick(0, cases.length);
  for (const [i, c] of cases.entries()) {
    const given = out.givenUp[c.kind];
    if (given !== undefined) {
      out.samples.push({ kind: c.kind, label: c.label, ms: given });
    } else {
      const r = await attempt(c);
      out.samples.push({ kind: c.kind, label: c.label, ms: r.ms, ...(r.hits === undefined ? {} : { hits: r.hits }) });
      giveUp(c, r);
    }
    tick(i + 1, cases.length);
  }
  return summarise(out);
}

/**
 * Runs `fn` with PostgreSQL statements cut off after STATEMENT_LIMIT_MS: a
 * second connection cancels this database's statements that run longer. The
 * embedded database cannot be interrupted (WebAssembly has no timer signals,
 * so even statement_timeout does nothing there).
 */
export async function withStatementLimit<T>(databaseUrl: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return fn();
  const watchdog = await openDatabase({ url: databaseUrl, poolSize: 1 });
  const timer = setInterval(() => {
    watchdog
      .executeSql(`select pg_cancel_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
          and now() - query_start > ${STATEMENT_LIMIT_MS} * interval '1 ms'`)
      .catch(() => undefined);
  }, 1000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    await watchdog.close();
  }
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

/** `rounds` × 9 full-text searches (`desk.search.tickets`, first page of 50 with snippets). */
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
