/**
 * Set-based SQL that loads one chunk of the bench dataset: tickets, their
 * timeline (the opening event and message) and status transitions.
 *
 * Distribution: created_at spread evenly over the last 180 days, in ticket-number
 * order; priorities 1–4 at 5/20/50/25 %; 25 % active (open 10, in_progress 7,
 * pending_customer 3, on_hold 3, review 2), the rest resolved (35) or closed (40); most open
 * tickets and a few others unassigned; sla_due_at = created_at + SLA hours;
 * resolution takes 5–120 % of the SLA window (≈17 % resolved late).
 */
import { SLA_HOURS } from "../../../common/sla-defaults.js";
import { type BenchCast, customerCompanySql, customerIdSql } from "./seed-people.js";
import { sqlText, sqlTextArray, sqlUuidArray, uuid7Sql } from "./sql-literals.js";
import { TICKET_TEMPLATES } from "./ticket-templates.js";

const ACTIVE = "('open','in_progress','on_hold','review','pending_customer')";
const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

/**
 * Tickets numbered `first + lo` … `first + hi - 1` of `total`. As in production, numbers
 * follow creation time, so recent tickets sit together at the end of the table.
 */
export function ticketChunkSql(cast: BenchCast, first: number, lo: number, hi: number, total: number): string {
  const ws = `${sqlText(cast.workspaceId)}::uuid`;
  const agents = sqlUuidArray(cast.agents.map((a) => a.id));
  const teams = sqlUuidArray(cast.teams.map((t) => t.id));
  const nTeams = int(cast.teams.length);
  const subjects = sqlTextArray(TICKET_TEMPLATES.map((t) => t.subject));
  const bodies = sqlTextArray(TICKET_TEMPLATES.map((t) => t.body));
  const categories = sqlTextArray(TICKET_TEMPLATES.map((t) => t.category));
  const slaHours = `array[${[1, 2, 3, 4].map((p) => int(SLA_HOURS[p as 1 | 2 | 3 | 4])).join(",")}]`;
  return `insert into tickets (id, workspace_id, number, subject, description, status, urgency, importance,
  priority, category, type, tags, requester_id, creator_type, creator_id, assignee_id, team_id, company_id,
  channel, custom_fields, sla_hours, sla_due_at, escalation_level, version, created_at, updated_at,
  first_response_at, resolved_at, closed_at)
select ${uuid7Sql("created_at")}, ${ws}, ${int(first)} + i, subject, description, status, lvl, lvl,
  priority, category, type, tags, requester_id, 'customer', requester_id, assignee_id, team_id, company_id,
  channel, '{}'::jsonb, sla_hours, sla_due_at, 0, case when active then 2 else 4 end, created_at,
  greatest(created_at, coalesce(closed_at, resolved_at, first_response_at, created_at)),
  first_response_at, resolved_at, closed_at
from (
  select s4.*,
    case when unassigned then null
      when active then least(now(), created_at + r7 * least(sla_hours, 8) * interval '1 hour')
      else created_at + (resolved_at - created_at) * r7 * 0.5 end as first_response_at,
    case when status = 'closed' then least(now(), resolved_at + r6 * interval '3 days') end as closed_at
  from (
    select s3.*,
      case when not active then least(now(), created_at + (0.05 + 1.15 * r8) * sla_hours * interval '1 hour') end
        as resolved_at,
      case when unassigned then null else (${agents})[1 + agent] end as assignee_id,
      case when not unassigned then (${teams})[1 + agent % ${nTeams}]
        when r6 < 0.5 then (${teams})[1 + floor(r6 * 2 * ${nTeams})::int % ${nTeams}] end as team_id
    from (
      select s2.*,
        (${slaHours})[priority] as sla_hours,
        created_at + (${slaHours})[priority] * interval '1 hour' as sla_due_at,
        (array['critical','high','medium','low'])[priority] as lvl,
        status in ${ACTIVE} as active,
        (status = 'open' and r5 < 0.7) or (status in ${ACTIVE} and status <> 'open' and r5 < 0.05) as unassigned,
        ${customerIdSql(cast, "cust")} as requester_id,
        ${customerCompanySql(cast, "cust")} as company_id,
        (${subjects})[1 + tpl] as subject,
        (${bodies})[1 + tpl] || ' (order ref ' || (100000 + i) || ')' as description,
        (${categories})[1 + tpl] as category,
        (array['question','question','question','question','question','incident','incident','incident','problem','task'])[1 + i % 10] as type,
        case when i % 11 = 0 then array['vip'] when i % 7 = 0 then array['refund','follow-up'] else '{}'::text[] end as tags,
        (array['email','email','portal','widget','api'])[1 + i % 5] as channel
      from (
        select s1.*,
          (case when r1 < 0.05 then 1 when r1 < 0.25 then 2 when r1 < 0.75 then 3 else 4 end)::smallint as priority,
          case when r2 < 0.10 then 'open' when r2 < 0.17 then 'in_progress' when r2 < 0.20 then 'pending_customer'
            when r2 < 0.23 then 'on_hold' when r2 < 0.25 then 'review' when r2 < 0.60 then 'resolved'
            else 'closed' end as status,
          floor(r3 * ${int(cast.customerCount)})::int as cust,
          floor(r4 * ${int(cast.agents.length)})::int as agent,
          floor(r9 * ${int(TICKET_TEMPLATES.length)})::int as tpl
        from (
          select g.i, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
            random() as r6, random() as r7, random() as r8, random() as r9,
            now() - interval '180 days' * (1 - (g.i + random()) / ${int(total)}) as created_at
          from generate_series(${int(lo)}, ${int(hi - 1)}) as g(i)
          offset 0
        ) s1 offset 0
      ) s2
    ) s3
  ) s4
) s5`;
}

const inChunk = (cast: BenchCast, fromNumber: number, toNumber: number) =>
  `t.workspace_id = ${sqlText(cast.workspaceId)}::uuid and t.number between ${int(fromNumber)} and ${int(toNumber)}`;

/** The opening `event` (created) and the customer's `message` for every ticket of the chunk. */
export function timelineChunkSql(cast: BenchCast, fromNumber: number, toNumber: number): string {
  return `insert into timeline_entries (id, workspace_id, ticket_id, kind, author_type, author_id, body, event,
  attachments, channel, created_at)
select ${uuid7Sql("t.created_at")}, t.workspace_id, t.id, k.kind, 'customer', t.requester_id,
  case when k.kind = 'message' then t.description else '' end,
  case when k.kind = 'event' then jsonb_build_object('action', 'created', 'changes', jsonb_build_array(
    jsonb_build_object('field', 'status', 'from', null::text, 'to', 'open'),
    jsonb_build_object('field', 'priority', 'from', null::text, 'to', t.urgency))) end,
  '[]'::jsonb, case when k.kind = 'message' then t.channel end, t.created_at
from tickets t cross join (values ('event'), ('message')) as k(kind)
where ${inChunk(cast, fromNumber, toNumber)}`;
}

/**
 * Status changes as `updateStatus` records them: open → in_progress at the first
 * response, → resolved, resolved → closed; breached when the ticket was still
 * active past its deadline.
 */
export function transitionsChunkSql(cast: BenchCast, fromNumber: number, toNumber: number): string {
  return `insert into ticket_transitions (workspace_id, ticket_id, from_status, to_status, sla_breached, occurred_at)
select t.workspace_id, t.id, x.from_status, x.to_status, x.from_active and x.at > t.sla_due_at, x.at
from tickets t cross join lateral (values
  ('open', 'in_progress', case when t.status <> 'open' then t.first_response_at end, true),
  ('in_progress', 'resolved', t.resolved_at, true),
  ('resolved', 'closed', t.closed_at, false)) as x(from_status, to_status, at, from_active)
where ${inChunk(cast, fromNumber, toNumber)} and x.at is not null`;
}
