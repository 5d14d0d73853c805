import { formatDateTime } from "../../lib/format.js";
import type { TimelineEntry } from "../../lib/types.js";

const FIELD_LABEL: Record<string, string> = {
  assigneeId: "assignee",
  teamId: "team",
  companyId: "company",
  requesterId: "requester",
  slaDueAt: "SLA deadline",
  slaHours: "SLA hours",
  dueAt: "due date",
  escalationLevel: "escalation level",
  customFields: "custom fields",
};

export const fieldLabel = (field: string) => FIELD_LABEL[field] ?? field;

export interface ValueNames {
  agent(id: string): string;
  team(id: string): string;
  company(id: string): string;
}

const DATE_FIELDS = new Set(["slaDueAt", "dueAt"]);

/** A changed value in words: names for ids, dates formatted, "none" for nothing. */
export function formatValue(field: string, value: unknown, names: ValueNames): string {
  if (value === null || value === undefined || value === "") {
    return field === "assigneeId" ? "Unassigned" : "none";
  }
  if (typeof value === "string") {
    if (field === "assigneeId") return names.agent(value);
    if (field === "teamId") return names.team(value);
    if (field === "companyId") return names.company(value);
    if (DATE_FIELDS.has(field) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(String).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

type Change = NonNullable<TimelineEntry["event"]>["changes"][number];

export const changeText = (c: Change, names: ValueNames) =>
  `${fieldLabel(c.field)} ${formatValue(c.field, c.from, names)} → ${formatValue(c.field, c.to, names)}`;

/** "Ben Agent changed status open → in_progress"; a rule's changes name the rule. */
export function eventText(entry: TimelineEntry, author: string, names: ValueNames): string {
  const ev = entry.event;
  if (!ev) return entry.body || `${author} made a change`;
  const who = ev.rule ? `Rule '${ev.rule.name}'` : author;
  const changes = ev.changes.map((c) => changeText(c, names)).join(", ");
  if (ev.action === "created") return `${who} created the ticket${changes ? ` (${changes})` : ""}`;
  if (ev.action === "escalated") return `${who} escalated${changes ? `: ${changes}` : ""}`;
  return changes ? `${who} changed ${changes}` : `${who}: ${ev.action.replaceAll("_", " ")}`;
}
