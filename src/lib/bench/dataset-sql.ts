/**
 * Set-based SQL that loads one chunk of the bench dataset: tickets, their
 * timeline (the opening event and message, then replies and notes) and status
 * transitions.
 *
 * Distribution: created_at spread evenly over the last 180 days, in ticket-number
 * order; priorities 1–4 at 5/20/50/25 %; 25 % active (open 10, in_progress 7,
 * pending_customer 3, on_hold 3, review 2), the rest resolved (35) or closed (40); most open
 * tickets and a few others unassigned; sla_due_at = created_at + SLA hours;
 * resolution takes 5–120 % of the SLA window (≈17 % resolved late).
 *
 * Text (search-text.ts): subjects of 4–9 and descriptions of 20–80 words drawn
 * Zipf-like from a support vocabulary; every third description names its order
 * (`Order 1000123`, unique), one in five an error code (`E48213`, each code in
 * ~2 tickets per million); one ticket in ten has a screenshot on its first message. After the
 * opening event and message each ticket has 0–6 more entries (~3 on average):
 * agent replies and internal notes alternating with customer replies once an
 * agent has answered, customer follow-ups before that.
 */
import { SLA_HOURS } from "../../../common/sla-defaults.js";
import { capitalizedSql, wordsSql } from "./search-text.js";
import { type BenchCast, customerCompanySql, customerIdSql } from "./seed-people.js";
import { sqlText, sqlTextArray, sqlUuidArray, uuid7Sql } from "./sql-literals.js";
import { TICKET_CATEGORIES } from "./ticket-templates.js";

/** Ticket `first + i` names order `ORDER_REF_BASE + i` in its description when `i % ORDER_REF_EVERY = 0`. */
export const ORDER_REF_BASE = 1_000_000;
export const ORDER_REF_EVERY = 3;
/** Ticket `first + i` quotes error code `errorCode(i)` when `i % ERROR_CODE_EVERY = 1` (a few tickets share one). */
export const ERROR_CODE_EVERY = 5;
const ERROR_CODES = 90_000;
export function errorCode(i: number): string {
  return `E${10_000 + ((i * 7919) % ERROR_CODES)}`;
}
const errorCodeSql = (i: string) => `'E' || (10000 + (${i}::bigint * 7919) % ${ERROR_CODES})`;
const SCREENSHOT = `'[{"filename":"screenshot.png","contentType":"image/png","size":183422}]'::jsonb`;

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
  const categories = sqlTextArray(TICKET_CATEGORIES);
  const slaHours = `array[${[1, 2, 3, 4].map((p) => int(SLA_HOURS[p as 1 | 2 | 3 | 4])).join(",")}]`;
  return `insert into tickets (id, workspace_id, number, subject, description, status, urgency, importance,
  priority, category, type, tags, requester_id, creator_type, creator_id, assignee_id, team_id, company_id,
  channel, custom_fields, sla_hours, sla_due_at, escalation_level, attachment_count, version, created_at, updated_at,
  first_response_at, resolved_at, closed_at)
select ${uuid7Sql("created_at")}, ${ws}, ${int(first)} + i, ${capitalizedSql("subject")}, description, status, lvl, lvl,
  priority, category, type, tags, requester_id, 'customer', requester_id, assignee_id, team_id, company_id,
  channel, '{}'::jsonb, sla_hours, sla_due_at, 0, (r13 < 0.1)::int, case when active then 2 else 4 end, created_at,
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
        ${wordsSql("4 + floor(r10 * 6)::int", { skipFunctionWords: true, flatten: 10 })} as subject,
        ${wordsSql("20 + floor(r11 * 61)::int")} || '.'
          || case when i % ${ORDER_REF_EVERY} = 0 then ' Order ' || (${ORDER_REF_BASE} + i) || '.' else '' end
          || case when i % ${ERROR_CODE_EVERY} = 1 then ' Error ' || ${errorCodeSql("i")} || '.' else '' end
          as description,
        (${categories})[1 + tpl] as category,
        (array['question','question','question','question','question','incident','incident','incident','problem','task'])[1 + i % 10] as type,
        case when i % 11 = 0 then array['vip'] when i % 7 = 0 then array['refund','follow-up']
          when i % 13 = 0 then array['bug'] when i % 17 = 0 then array['vendor'] when i % 19 = 0 then array['vat','invoice']
          when i % 23 = 0 then array['voice'] else '{}'::text[] end as tags,
        (array['email','email','portal','widget','api'])[1 + i % 5] as channel
      from (
        select s1.*,
          (case when r1 < 0.05 then 1 when r1 < 0.25 then 2 when r1 < 0.75 then 3 else 4 end)::smallint as priority,
          case when r2 < 0.10 then 'open' when r2 < 0.17 then 'in_progress' when r2 < 0.20 then 'pending_customer'
            when r2 < 0.23 then 'on_hold' when r2 < 0.25 then 'review' when r2 < 0.60 then 'resolved'
            else 'closed' end as status,
          floor(r3 * ${int(cast.customerCount)})::int as cust,
          floor(r4 * ${int(cast.agents.length)})::int as agent,
          floor(r9 * ${int(TICKET_CATEGORIES.length)})::int as tpl
        from (
          select g.i, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
            random() as r6, random() as r7, random() as r8, random() as r9, random() as r10, random() as r11,
            random() as r13,
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
  case when k.kind = 'message' and t.attachment_count > 0 then ${SCREENSHOT} else '[]'::jsonb end,
  case when k.kind = 'message' then t.channel end, t.created_at
from tickets t cross join (values ('event'), ('message')) as k(kind)
where ${inChunk(cast, fromNumber, toNumber)}`;
}

/**
 * The conversation after the opening message: 0–6 entries per answered ticket
 * (mean ≈ 3.2), the agent's turns (replies, one in five an internal note) alternating
 * with the customer's, from the first response until resolution (or now); the first
 * agent reply is the first response. Unanswered tickets get 0–2 customer follow-ups.
 */
export function repliesChunkSql(cast: BenchCast, fromNumber: number, toNumber: number): string {
  return `insert into timeline_entries (id, workspace_id, ticket_id, kind, author_type, author_id, body,
  attachments, channel, created_at)
select ${uuid7Sql("at")}, workspace_id, ticket_id, kind, author_type, author_id, ${wordsSql("len")} || '.',
  '[]'::jsonb, case when author_type = 'customer' then channel end, at
from (
  select e.*,
    case when agent_turn and r1 < 0.2 then 'note' else 'message' end as kind,
    case when agent_turn then 'agent' else 'customer' end as author_type,
    case when agent_turn then assignee_id else requester_id end as author_id,
    case when not agent_turn then 10 + floor(r2 * 41) when r1 < 0.2 then 5 + floor(r2 * 26)
      else 15 + floor(r2 * 46) end::int as len,
    case when answered then t0 + (t1 - t0) * (j - 1 + case when j > 1 then 0.9 * r3 else 0 end) / n
      else t0 + (t1 - t0) * (j - 1 + 0.9 * r3) / n end as at
  from (
    select t.*, j, answered and j % 2 = 1 as agent_turn, random() as r1, random() as r2, random() as r3
    from (
      select t.workspace_id, t.id as ticket_id, t.requester_id, t.assignee_id, t.channel,
        t.first_response_at is not null as answered,
        coalesce(t.first_response_at, t.created_at) as t0,
        greatest(coalesce(t.first_response_at, t.created_at), coalesce(t.resolved_at, now())) as t1,
        case when t.first_response_at is null then floor(3 * random())
          else floor(7 * power(random(), 0.9)) end::int as n
      from tickets t
      where ${inChunk(cast, fromNumber, toNumber)}
      offset 0
    ) t cross join lateral generate_series(1, t.n) as j
    offset 0
  ) e
  offset 0
) x`;
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
