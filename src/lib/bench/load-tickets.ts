/**
 * Bulk-loads the bench dataset with set-based SQL in chunks (creating a million
 * tickets one by one through the engine would take many minutes), then moves the
 * workspace's ticket-number sequence past it and refreshes planner statistics.
 *
 * The schema's own triggers (full-text vectors, the tag vocabulary) fire for every
 * loaded row, as they would for tickets the engine creates; only the foreign-key
 * checks are skipped where the role may (see `loadTickets`).
 */
import { ticketSequenceName } from "../../core/people/workspace-info.js";
import type { Helpdesk } from "../create-helpdesk.js";
import { repliesChunkSql, ticketChunkSql, timelineChunkSql, transitionsChunkSql } from "./dataset-sql.js";
import type { BenchCast } from "./seed-people.js";
import { sqlText } from "./sql-literals.js";
import type { DatasetStats } from "./types.js";

export interface LoadOptions {
  tickets: number;
  chunkSize: number;
  tick: (done: number, total: number) => void;
  signal: AbortSignal | undefined;
}

/** Loads `tickets` tickets (numbers from the workspace's first number on) with their timeline and transitions. */
export async function loadTickets(desk: Helpdesk, cast: BenchCast, o: LoadOptions): Promise<void> {
  const first = desk.workspace.ticketStart;
  const skipChecks = await isSuperuser(desk);
  // In replica mode only ALWAYS triggers fire: make the schema's own ones so for the load.
  const triggers = skipChecks ? await userTriggers(desk) : [];
  await alterTriggers(desk, triggers, "enable always trigger");
  try {
    o.tick(0, o.tickets);
    for (let lo = 0; lo < o.tickets; lo += o.chunkSize) {
      o.signal?.throwIfAborted();
      const hi = Math.min(o.tickets, lo + o.chunkSize);
      const statements = [
        ticketChunkSql(cast, first, lo, hi, o.tickets),
        timelineChunkSql(cast, first + lo, first + hi - 1),
        repliesChunkSql(cast, first + lo, first + hi - 1),
        transitionsChunkSql(cast, first + lo, first + hi - 1),
      ];
      if (skipChecks) {
        // One transaction per chunk, foreign-key triggers off (the generated rows are
        // consistent by construction): about twice as fast as checking every row.
        await desk.database.executeSql(
          ["begin", "set local session_replication_role = replica", ...statements, "commit"].join(";\n"),
        );
      } else {
        for (const statement of statements) await desk.database.executeSql(statement);
      }
      o.tick(hi, o.tickets);
    }
  } finally {
    await alterTriggers(desk, triggers, "enable trigger");
  }
  // The next ticket created through the engine gets the number after the bulk ones.
  await desk.database.executeSql(`select setval(${sqlText(ticketSequenceName(cast.workspaceId))}, $1)`, [
    first + o.tickets - 1,
  ]);
}

/** Only a superuser may switch off triggers (PGlite always is; a PostgreSQL role may not be). */
async function isSuperuser(desk: Helpdesk): Promise<boolean> {
  const { rows } = await desk.database.executeSql("select current_setting('is_superuser') as su", []);
  return rows[0]?.su === "on";
}

interface Trigger {
  table: string;
  name: string;
}

/** The schema's enabled non-internal triggers on the tables the load writes (not the foreign-key ones). */
async function userTriggers(desk: Helpdesk): Promise<Trigger[]> {
  const { rows } = await desk.database.executeSql(`select c.relname as "table", t.tgname as name
from pg_trigger t join pg_class c on c.oid = t.tgrelid
where c.relname in ('tickets', 'timeline_entries', 'ticket_transitions')
  and c.relnamespace = to_regnamespace(current_schema()) and not t.tgisinternal and t.tgenabled = 'O'
order by 1, 2`);
  return rows.map((r) => ({ table: String(r.table), name: String(r.name) }));
}

async function alterTriggers(desk: Helpdesk, triggers: Trigger[], action: string): Promise<void> {
  for (const t of triggers) {
    await desk.database.executeSql(`alter table ${quoteIdent(t.table)} ${action} ${quoteIdent(t.name)}`);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * VACUUM (ANALYZE) the loaded tables: fresh planner statistics (the ANALYZE the
 * bench needs) plus the steady state autovacuum (PostgreSQL) or the scheduled
 * maintenance job (PGlite) would reach: visibility map and hint bits set.
 */
export async function vacuumAnalyze(desk: Helpdesk): Promise<void> {
  for (const table of ["tickets", "timeline_entries", "ticket_transitions", "customers", "agents", "teams"]) {
    await desk.database.executeSql(`vacuum (analyze) ${table}`);
  }
}

export async function datasetStats(desk: Helpdesk): Promise<DatasetStats> {
  const ws = sqlText(desk.workspace.id);
  const { rows } = await desk.database.executeSql(`select
  (select count(*) from tickets where workspace_id = ${ws})::int as tickets,
  (select count(*) from tickets where workspace_id = ${ws} and status in ('open','in_progress','on_hold','review','pending_customer'))::int as active,
  (select count(*) from tickets where workspace_id = ${ws} and status in ('open','in_progress','on_hold','review','pending_customer') and sla_due_at < now())::int as breached,
  (select count(*) from tickets where workspace_id = ${ws} and status in ('open','in_progress','on_hold','review','pending_customer') and assignee_id is null)::int as unassigned_active,
  (select count(*) from timeline_entries where workspace_id = ${ws})::int as timeline_entries,
  (select count(*) from timeline_entries where workspace_id = ${ws} and kind = 'message')::int as messages,
  (select count(*) from timeline_entries where workspace_id = ${ws} and kind = 'note')::int as notes,
  (select count(*) from tickets where workspace_id = ${ws} and search is not null)::int as searchable_tickets,
  (select count(*) from timeline_entries where workspace_id = ${ws} and search is not null)::int as searchable_entries,
  (select count(*) from ticket_transitions where workspace_id = ${ws})::int as ticket_transitions,
  (select count(*) from customers where workspace_id = ${ws})::int as customers,
  (select count(*) from agents where workspace_id = ${ws})::int as agents,
  (select count(*) from teams where workspace_id = ${ws})::int as teams,
  (select count(*) from companies where workspace_id = ${ws})::int as companies`);
  const r = rows[0] ?? {};
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    tickets: n("tickets"),
    active: n("active"),
    breached: n("breached"),
    unassigned_active: n("unassigned_active"),
    timeline_entries: n("timeline_entries"),
    messages: n("messages"),
    notes: n("notes"),
    searchable_tickets: n("searchable_tickets"),
    searchable_entries: n("searchable_entries"),
    ticket_transitions: n("ticket_transitions"),
    customers: n("customers"),
    agents: n("agents"),
    teams: n("teams"),
    companies: n("companies"),
  };
}
