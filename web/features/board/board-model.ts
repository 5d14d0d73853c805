/** The board's pure rules: which columns, which query, which lanes, what a refused move says. */
import { LEVELS, type Level, type TicketStatus } from "../../../common/enums.js";
import { allowedNextStatuses, canTransition } from "../../../common/status-machine.js";
import { LEVEL_LABEL, STATUS_LABEL } from "../../lib/format.js";
import type { Ticket } from "../../lib/types.js";

/** Work flows left to right; waiting states sit beside the work they interrupt. */
export const WORK_COLUMNS: readonly TicketStatus[] = [
  "open",
  "in_progress",
  "pending_customer",
  "on_hold",
  "review",
  "resolved",
];
/** Final states: shown only when asked for (they pile up and nobody works on them). */
export const FINAL_COLUMNS: readonly TicketStatus[] = ["closed", "cancelled"];

export function columnsFor(showClosed: boolean): readonly TicketStatus[] {
  return showClosed ? [...WORK_COLUMNS, ...FINAL_COLUMNS] : WORK_COLUMNS;
}

/** How far back finished tickets stay on the board. */
export const RECENT = "last 14 days";

/** What the board shows when nobody filters: everything active, plus what finished recently. */
export function baseQuery(showClosed: boolean): string {
  const finished = [`(status: resolved resolved: ${RECENT})`];
  if (showClosed) finished.push(`(status: closed closed: ${RECENT})`, `(status: cancelled updated: ${RECENT})`);
  return `status: active or ${finished.join(" or ")}`;
}

/**
 * Splits a query into its conditions and a trailing `sort by:` clause, and says
 * whether the conditions have a top-level `or` (then they need parentheses
 * before more conditions are and-ed to them). Quotes and parentheses are respected.
 */
export function splitQuery(q: string): { where: string; sort: string; hasTopLevelOr: boolean } {
  let depth = 0;
  let quoted = false;
  let hasTopLevelOr = false;
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (i === 0 || /[\s(]/.test(q[i - 1] ?? ""))) {
      const rest = q.slice(i);
      if (/^(sort|order)(\s+by)?\s*:/i.test(rest)) {
        return { where: q.slice(0, i).trim(), sort: rest.trim(), hasTopLevelOr };
      }
      if (/^or(\s|\(|$)/i.test(rest)) hasTopLevelOr = true;
    }
  }
  return { where: q.trim(), sort: "", hasTopLevelOr };
}

/**
 * The query the board asks the server for: the person's filter (kept first, so
 * the server's error positions point into what they typed) and-ed with the board's scope.
 */
export function boardQuery(filter: string | undefined, showClosed: boolean): string {
  const base = `(${baseQuery(showClosed)})`;
  const { where, sort, hasTopLevelOr } = splitQuery(filter ?? "");
  const conditions = where === "" ? base : `${hasTopLevelOr ? `(${where})` : where} ${base}`;
  return sort ? `${conditions} ${sort}` : conditions;
}

export const LANE_MODES = ["none", "urgency", "importance", "assignee", "company"] as const;
export type LaneMode = (typeof LANE_MODES)[number];
export const LANE_MODE_LABEL: Record<LaneMode, string> = {
  none: "No swimlanes",
  urgency: "Urgency",
  importance: "Importance",
  assignee: "Assignee",
  company: "Company",
};

export function parseLaneMode(value: string | undefined): LaneMode {
  return (LANE_MODES as readonly string[]).includes(value ?? "") ? (value as LaneMode) : "none";
}

export interface Lane {
  key: string;
  label: string;
  tickets: Ticket[];
}

export interface LaneNames {
  agent(id: string): string;
  company(id: string): string;
}

const NO_VALUE = "~none";

function laneKeyOf(t: Ticket, mode: LaneMode): string {
  switch (mode) {
    case "urgency":
      return t.urgency;
    case "importance":
      return t.importance;
    case "assignee":
      return t.assigneeId ?? NO_VALUE;
    case "company":
      return t.companyId ?? NO_VALUE;
    default:
      return "all";
  }
}

function laneLabel(key: string, mode: LaneMode, names: LaneNames): string {
  if (mode === "urgency" || mode === "importance") return LEVEL_LABEL[key as Level];
  if (mode === "assignee") return key === NO_VALUE ? "Unassigned" : names.agent(key);
  if (mode === "company") return key === NO_VALUE ? "No company" : names.company(key);
  return "All tickets";
}

/**
 * Tickets grouped into swimlanes (only lanes that have tickets): levels most
 * urgent first; people and companies by name, with "Unassigned" first and
 * "No company" last (unassigned work needs an owner; company-less is the odd case).
 */
export function groupIntoLanes(tickets: readonly Ticket[], mode: LaneMode, names: LaneNames): Lane[] {
  const byKey = new Map<string, Ticket[]>();
  for (const t of tickets) {
    const key = laneKeyOf(t, mode);
    const list = byKey.get(key);
    if (list) list.push(t);
    else byKey.set(key, [t]);
  }
  const lanes = [...byKey].map(([key, list]) => ({ key, label: laneLabel(key, mode, names), tickets: list }));
  // Without lanes the columns show even when empty (they say what the board is).
  if (mode === "none") return lanes.length > 0 ? lanes : [{ key: "all", label: "All tickets", tickets: [] }];
  if (mode === "urgency" || mode === "importance") {
    return lanes.sort((a, b) => LEVELS.indexOf(a.key as Level) - LEVELS.indexOf(b.key as Level));
  }
  const rank = (l: Lane) => (l.key !== NO_VALUE ? 1 : mode === "assignee" ? 0 : 2);
  return lanes.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
}

const statusList = (list: readonly TicketStatus[]) => list.map((s) => STATUS_LABEL[s]).join(", ");

/** Why a ticket cannot move to a status, in words; null when it can. */
export function refusalReason(number: string, from: TicketStatus, to: TicketStatus): string | null {
  if (from === to || canTransition(from, to)) return null;
  return moveRefusedMessage(number, from, to, allowedNextStatuses(from));
}

export function moveRefusedMessage(
  number: string,
  from: TicketStatus,
  to: TicketStatus,
  allowed: readonly TicketStatus[],
): string {
  const head = `${number} cannot move from ${STATUS_LABEL[from]} to ${STATUS_LABEL[to]}`;
  return allowed.length === 0
    ? `${head}: ${STATUS_LABEL[from]} is final (open a follow-up ticket instead).`
    : `${head}: allowed next statuses: ${statusList(allowed)}.`;
}

export type WipLimits = Partial<Record<TicketStatus, number>>;

export interface WipState {
  limit: number | null;
  /** How many cards over the limit (0 when at or under). */
  over: number;
  level: "none" | "ok" | "at" | "over";
}

export function wipState(count: number, limit: number | undefined): WipState {
  if (limit === undefined) return { limit: null, over: 0, level: "none" };
  if (count > limit) return { limit, over: count - limit, level: "over" };
  return { limit, over: 0, level: count === limit ? "at" : "ok" };
}
