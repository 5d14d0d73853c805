import { LEVELS, type Level } from "../../../common/enums.js";

/** Seed 002's generate_report output, field for field. */
export interface Report {
  report_days: number;
  generated_at: string;
  total_opened: number;
  total_resolved: number;
  avg_resolution_hours: number | null;
  sla_breach_rate_pct: number;
  by_priority: Record<Level, { opened: number; resolved: number }>;
  open_by_assignee: Record<string, number>;
  currently_open: number;
}

export interface ReportFacts {
  openedByPriority: { priority: number; n: number }[];
  resolvedByPriority: { priority: number; n: number; resolutionSeconds: number }[];
  transitions: { total: number; breached: number };
  openByAssignee: { assignee: string | null; n: number }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Turns the aggregated facts into the report. Pure: tested without a database. */
export function assembleReport(days: number, now: Date, facts: ReportFacts): Report {
  const byPriority = Object.fromEntries(LEVELS.map((l) => [l, { opened: 0, resolved: 0 }])) as Report["by_priority"];
  let opened = 0;
  for (const r of facts.openedByPriority) {
    const level = LEVELS[r.priority - 1];
    if (level) byPriority[level].opened += r.n;
    opened += r.n;
  }
  let resolved = 0;
  let seconds = 0;
  for (const r of facts.resolvedByPriority) {
    const level = LEVELS[r.priority - 1];
    if (level) byPriority[level].resolved += r.n;
    resolved += r.n;
    seconds += r.resolutionSeconds;
  }
  const openByAssignee: Record<string, number> = {};
  let currentlyOpen = 0;
  for (const r of [...facts.openByAssignee].sort((a, b) => b.n - a.n)) {
    const key = r.assignee ?? "unassigned";
    openByAssignee[key] = (openByAssignee[key] ?? 0) + r.n;
    currentlyOpen += r.n;
  }
  return {
    report_days: days,
    generated_at: now.toISOString(),
    total_opened: opened,
    total_resolved: resolved,
    avg_resolution_hours: resolved > 0 ? round2(seconds / resolved / 3600) : null,
    sla_breach_rate_pct:
      facts.transitions.total > 0 ? round2((facts.transitions.breached / facts.transitions.total) * 100) : 0,
    by_priority: byPriority,
    open_by_assignee: openByAssignee,
    currently_open: currentlyOpen,
  };
}
