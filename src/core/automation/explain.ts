/**
 * Plain-language reasons for the dry run: each top-level term of a condition
 * checked on its own ("status: resolved ✓ — ticket is resolved"), and where a
 * time rule stands ("resolved 2 days ago, fires in 1 day").
 */
import { eq, sql } from "drizzle-orm";
import { levelOf } from "../../../common/priority.js";
import type { QueryNode } from "../../../common/query/ast.js";
import { parseQuery } from "../../../common/query/parser.js";
import type { Tx } from "../../db/connection.js";
import { queryRows } from "../../db/rows.js";
import { agents, companies, customers, teams } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import type { QuerySettings } from "../query/index.js";
import type { TicketRow } from "../tickets/index.js";
import { conditionHolds, prepareCondition } from "./condition.js";
import { anchorSql } from "./schedules.js";
import type { TimeAnchor, Trigger } from "./types.js";

const MINUTE = 60_000;

/** "3 days", "2 hours", "45 minutes" (largest whole unit). */
export function duration(ms: number): string {
  const m = Math.round(Math.abs(ms) / MINUTE);
  const unit = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (m >= 1440 && m % 1440 === 0) return unit(m / 1440, "day");
  if (m >= 1440)
    return `${unit(Math.floor(m / 1440), "day")} ${unit(Math.round((m % 1440) / 60), "hour")}`.replace(" 0 hours", "");
  if (m >= 60 && m % 60 === 0) return unit(m / 60, "hour");
  if (m >= 60) return `${unit(Math.floor(m / 60), "hour")} ${unit(m % 60, "minute")}`;
  return unit(m, "minute");
}

const ago = (at: Date, now: Date) =>
  at.getTime() <= now.getTime()
    ? `${duration(now.getTime() - at.getTime())} ago`
    : `in ${duration(at.getTime() - now.getTime())}`;

async function nameOf(
  tx: Tx,
  table: typeof agents | typeof teams | typeof companies,
  id: string | null,
): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx.select({ name: table.name }).from(table).where(eq(table.id, id));
  return row?.name ?? id;
}

/** What the ticket's value of a field is, in words. */
async function describeField(tx: Tx, field: string, t: TicketRow, now: Date): Promise<string | null> {
  const when = (label: string, d: Date | null) => (d ? `${label} ${ago(d, now)}` : `not ${label}`);
  switch (field) {
    case "status":
      return `ticket is ${t.status}`;
    case "priority":
      return `priority is ${levelOf(t.priority)}`;
    case "urgency":
    case "importance":
    case "channel":
    case "type":
      return `${field} is ${t[field]}`;
    case "category":
      return t.category ? `category is ${t.category}` : "no category";
    case "tag":
      return t.tags.length > 0 ? `tags: ${t.tags.join(", ")}` : "no tags";
    case "assignee": {
      const name = await nameOf(tx, agents, t.assigneeId);
      return name ? `assigned to ${name}` : "unassigned";
    }
    case "team": {
      const name = await nameOf(tx, teams, t.teamId);
      return name ? `team is ${name}` : "no team";
    }
    case "company": {
      const name = await nameOf(tx, companies, t.companyId);
      return name ? `company is ${name}` : "no company";
    }
    case "requester": {
      if (!t.requesterId) return "no requester";
      const [c] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, t.requesterId));
      return `requester is ${c?.email ?? t.requesterId}`;
    }
    case "created":
      return when("created", t.createdAt);
    case "updated":
      return when("updated", t.updatedAt);
    case "resolved":
      return when("resolved", t.resolvedAt);
    case "closed":
      return when("closed", t.closedAt);
    case "due":
    case "sla":
      return `SLA due ${ago(t.slaDueAt, now)}`;
    case "escalation":
      return `escalation level ${t.escalationLevel}`;
    case "subject":
      return `subject is "${t.subject}"`;
    default:
      return null;
  }
}

/** One reason per top-level term of the condition (an empty condition matches every ticket). */
export async function explainCondition(
  tx: Tx,
  ctx: Ctx,
  source: string,
  settings: QuerySettings,
  ticket: TicketRow,
): Promise<{ holds: boolean; reasons: string[] }> {
  const parsed = parseQuery(source, { customFields: settings.customFields });
  const where = parsed.ok ? parsed.query.where : null;
  if (!where) return { holds: true, reasons: ["condition: none — every ticket matches"] };
  const terms: QueryNode[] = where.kind === "and" ? where.operands : [where];
  const reasons: string[] = [];
  let holds = true;
  for (const term of terms) {
    const text = source.slice(term.span.start, term.span.end);
    const ok = conditionHolds(await prepareCondition(ctx, text, settings), ticket);
    holds &&= ok;
    const why = term.kind === "term" ? await describeField(tx, term.field, ticket, ctx.clock.now()) : null;
    reasons.push(`${text} ${ok ? "✓" : "✗"}${why ? ` — ${why}` : ""}`);
  }
  return { holds, reasons };
}

const ANCHOR_WORDS: Record<TimeAnchor, { since: (ago: string, t: TicketRow) => string; none: string }> = {
  created: { since: (a) => `created ${a}`, none: "not created" },
  updated: { since: (a) => `last updated ${a}`, none: "never updated" },
  status_changed: { since: (a, t) => `${t.status.replace("_", " ")} ${a}`, none: "status never changed" },
  assignment_changed: { since: (a) => `assignment last changed ${a}`, none: "assignment never changed" },
  customer_waiting: {
    since: (a) => `the customer wrote ${a} and no agent replied since`,
    none: "no customer message is waiting for an agent's reply",
  },
  agent_waiting: {
    since: (a) => `an agent replied ${a} and the customer did not answer since`,
    none: "no agent reply is waiting for the customer",
  },
};

/** The anchor's current value for one ticket (null: not running), read as the backfill reads it. */
export async function currentAnchor(tx: Tx, ticketId: string, anchor: TimeAnchor): Promise<Date | null> {
  const [row] = await queryRows<{ at: string | Date | null }>(
    tx,
    sql`select ${anchorSql(anchor)} as at from tickets t where t.id = ${ticketId}`,
  );
  return row?.at ? new Date(row.at) : null;
}

/** Where a time rule stands for a ticket: due or not, and when. */
export async function explainTime(
  tx: Tx,
  trigger: Extract<Trigger, { type: "time" }>,
  ticket: TicketRow,
  now: Date,
  firedAt: Date | null,
): Promise<{ due: boolean; dueAt: Date | null; reason: string }> {
  const words = ANCHOR_WORDS[trigger.since];
  const head = `${trigger.since} + ${duration(trigger.afterMinutes * MINUTE)}`;
  const anchor = await currentAnchor(tx, ticket.id, trigger.since);
  if (!anchor) return { due: false, dueAt: null, reason: `${head}: ${words.none}` };
  const dueAt = new Date(anchor.getTime() + trigger.afterMinutes * MINUTE);
  const state =
    firedAt !== null
      ? `already fired ${ago(firedAt, now)} for this ${trigger.since.replace("_", " ")}`
      : dueAt.getTime() <= now.getTime()
        ? `due ${ago(dueAt, now)}`
        : `fires ${ago(dueAt, now)}`;
  return {
    due: firedAt === null && dueAt.getTime() <= now.getTime(),
    dueAt,
    reason: `${head}: ${words.since(ago(anchor, now), ticket)}, ${state}`,
  };
}
