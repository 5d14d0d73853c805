import type { AuditEntryView } from "../../../common/api/audit.js";
import type { ReportView } from "../../../common/api/reports.js";
import type { CurrentWorkspaceView, WorkspaceView } from "../../../common/api/workspaces.js";
import {
  type AuditRecord,
  type AuthContext,
  can,
  type Report,
  type Workspace,
  type WorkspaceSettings,
} from "../../lib/index.js";

/** The caller's workspace with the settings they may see and what they may change. */
export function presentCurrentWorkspace(
  w: Workspace,
  settings: Partial<WorkspaceSettings>,
  auth: AuthContext,
): CurrentWorkspaceView {
  const writes = auth.scope === "write";
  return {
    id: w.id,
    slug: w.slug,
    name: w.name,
    ticketPrefix: w.ticketPrefix,
    settings,
    can: {
      updateSettings: writes && can(auth.actor, "settings:manage"),
      manageWorkspaces: writes && can(auth.actor, "instance:manage"),
    },
  };
}

export function presentWorkspace(w: Workspace): WorkspaceView {
  return {
    id: w.id,
    slug: w.slug,
    name: w.name,
    ticketPrefix: w.ticketPrefix,
    ticketStart: w.ticketStart,
    createdAt: w.createdAt.toISOString(),
  };
}

/** Seed 002's report, field for field, in the API's camelCase. */
export function presentReport(r: Report): ReportView {
  return {
    reportDays: r.report_days,
    generatedAt: r.generated_at,
    totalOpened: r.total_opened,
    totalResolved: r.total_resolved,
    avgResolutionHours: r.avg_resolution_hours,
    slaBreachRatePct: r.sla_breach_rate_pct,
    byPriority: r.by_priority,
    openByAssignee: r.open_by_assignee,
    currentlyOpen: r.currently_open,
  };
}

export function presentAuditEntry(e: AuditRecord): AuditEntryView {
  return {
    id: String(e.id),
    actor: e.actor,
    action: e.action,
    target: e.target,
    outcome: e.outcome,
    ip: e.ip,
    userAgent: e.userAgent,
    details: e.details,
    createdAt: e.createdAt.toISOString(),
  };
}
