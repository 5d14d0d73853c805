/**
 * `{{ticket.number}}`-style placeholders in notification messages, requester
 * emails and notes. The set is closed: a rule naming an unknown placeholder is
 * refused when it is saved, so a typo never reaches a customer.
 */
import { eq } from "drizzle-orm";
import { levelOf } from "../../../../common/priority.js";
import type { Tx } from "../../../db/connection.js";
import { agents, customers, teams, workspaces } from "../../../db/schema/index.js";
import { formatNumber, type TicketRow } from "../../tickets/index.js";

export const PLACEHOLDERS = [
  "ticket.id",
  "ticket.number",
  "ticket.subject",
  "ticket.status",
  "ticket.priority",
  "ticket.urgency",
  "ticket.importance",
  "ticket.category",
  "ticket.type",
  "ticket.tags",
  "ticket.createdAt",
  "requester.name",
  "requester.email",
  "assignee.name",
  "assignee.email",
  "team.name",
  "rule.name",
  "workspace.name",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every placeholder name a text uses, in order of appearance (duplicates kept out). */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PATTERN)].map((m) => m[1] ?? ""))];
}

export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

export interface TemplateSource {
  tx: Tx;
  ticket: TicketRow;
  ruleName: string;
}

/** Values are loaded only for the placeholders a text uses. */
async function valuesFor(src: TemplateSource, used: readonly string[]): Promise<Map<string, string>> {
  const t = src.ticket;
  const values = new Map<string, string>();
  const need = (prefix: string) => used.some((p) => p.startsWith(prefix));
  let prefix = "";
  let workspaceName = "";
  if (need("ticket.number") || need("workspace.")) {
    const [ws] = await src.tx
      .select({ prefix: workspaces.ticketPrefix, name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, t.workspaceId));
    prefix = ws?.prefix ?? "";
    workspaceName = ws?.name ?? "";
  }
  values.set("ticket.id", t.id);
  values.set("ticket.number", formatNumber(prefix, t.number));
  values.set("ticket.subject", t.subject);
  values.set("ticket.status", t.status);
  values.set("ticket.priority", levelOf(t.priority));
  values.set("ticket.urgency", t.urgency);
  values.set("ticket.importance", t.importance);
  values.set("ticket.category", t.category ?? "none");
  values.set("ticket.type", t.type);
  values.set("ticket.tags", t.tags.join(", "));
  values.set("ticket.createdAt", t.createdAt.toISOString());
  values.set("rule.name", src.ruleName);
  values.set("workspace.name", workspaceName);
  if (need("requester.")) {
    const [c] = t.requesterId
      ? await src.tx
          .select({ name: customers.name, email: customers.email })
          .from(customers)
          .where(eq(customers.id, t.requesterId))
      : [];
    values.set("requester.email", c?.email ?? "");
    values.set("requester.name", c?.name ?? c?.email ?? "");
  }
  if (need("assignee.")) {
    const [a] = t.assigneeId
      ? await src.tx.select({ name: agents.name, email: agents.email }).from(agents).where(eq(agents.id, t.assigneeId))
      : [];
    values.set("assignee.name", a?.name ?? "unassigned");
    values.set("assignee.email", a?.email ?? "");
  }
  if (need("team.")) {
    const [team] = t.teamId ? await src.tx.select({ name: teams.name }).from(teams).where(eq(teams.id, t.teamId)) : [];
    values.set("team.name", team?.name ?? "no team");
  }
  return values;
}

/** Replaces every known placeholder; an unknown one (refused at save) is left as written. */
export async function renderTemplate(src: TemplateSource, text: string): Promise<string> {
  const used = placeholdersIn(text);
  if (used.length === 0) return text;
  const values = await valuesFor(src, used);
  return text.replace(PATTERN, (whole, name: string) => values.get(name) ?? whole);
}
