/**
 * Snippets for search results: PostgreSQL's ts_headline with private markers,
 * split into segments so no client ever renders user text as HTML.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";

export interface Segment {
  text: string;
  match: boolean;
}

export interface Highlight {
  source: "subject" | "description" | "message" | "note";
  /** The timeline entry the snippet comes from (messages and notes). */
  entryId?: string;
  segments: Segment[];
}

const START = "\u0001";
const STOP = "\u0002";
const OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;
/** Long bodies are cut before highlighting: ts_headline's cost grows with the text. */
const MAX_CHARS = 20_000;

export function segmentsOf(headline: string): Segment[] {
  const out: Segment[] = [];
  let rest = headline;
  while (rest.length > 0) {
    const s = rest.indexOf(START);
    if (s === -1) {
      out.push({ text: rest, match: false });
      break;
    }
    if (s > 0) out.push({ text: rest.slice(0, s), match: false });
    const e = rest.indexOf(STOP, s + 1);
    const end = e === -1 ? rest.length : e;
    out.push({ text: rest.slice(s + 1, end), match: true });
    rest = e === -1 ? "" : rest.slice(e + 1);
  }
  return out.filter((x) => x.text.length > 0);
}

/**
 * The best snippets for each ticket of a result page: the subject when it
 * matches, the description, and the newest matching entry the actor may see.
 */
export async function highlightsFor(
  db: Db | Tx,
  opts: { ids: string[]; query: SQL; language: string; includeNotes: boolean },
): Promise<Map<string, Highlight[]>> {
  const out = new Map<string, Highlight[]>(opts.ids.map((id) => [id, []]));
  if (opts.ids.length === 0) return out;
  const cfg = sql`${opts.language}::regconfig`;
  const ids = sql`array[${sql.join(
    opts.ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const kinds = opts.includeNotes ? sql.raw(`('message','note')`) : sql.raw(`('message')`);
  const own = await queryRows<{ id: string; subject: string | null; description: string | null }>(
    db,
    sql`select t.id,
        case when to_tsvector(${cfg}, t.subject) @@ q.q then ts_headline(${cfg}, t.subject, q.q, ${OPTIONS}) end as subject,
        case when to_tsvector(${cfg}, left(t.description, ${MAX_CHARS})) @@ q.q
          then ts_headline(${cfg}, left(t.description, ${MAX_CHARS}), q.q, ${OPTIONS}) end as description
      from tickets t, (select ${opts.query} as q) q where t.id = any(${ids})`,
  );
  for (const r of own) {
    const list = out.get(r.id);
    if (r.subject) list?.push({ source: "subject", segments: segmentsOf(r.subject) });
    if (r.description) list?.push({ source: "description", segments: segmentsOf(r.description) });
  }
  const entries = await queryRows<{ ticket_id: string; id: string; kind: "message" | "note"; h: string }>(
    db,
    sql`select distinct on (e.ticket_id) e.ticket_id, e.id, e.kind,
        ts_headline(${cfg}, left(e.body, ${MAX_CHARS}), q.q, ${OPTIONS}) as h
      from timeline_entries e, (select ${opts.query} as q) q
      where e.ticket_id = any(${ids}) and e.search @@ q.q and e.kind in ${kinds}
      order by e.ticket_id, e.created_at desc`,
  );
  for (const r of entries) out.get(r.ticket_id)?.push({ source: r.kind, entryId: r.id, segments: segmentsOf(r.h) });
  return out;
}
