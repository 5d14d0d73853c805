import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { notificationTemplates } from "../../db/schema/index.js";
import { invalid } from "../kernel/index.js";
import type { NotificationContent, NotificationKind } from "./types.js";

/** Channels whose wording a workspace may change (Slack and in-app format the title and text themselves). */
export const TEMPLATE_CHANNELS = ["email"] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/** What `{{name}}` a template may use. */
export const TEMPLATE_PLACEHOLDERS = [
  "title",
  "text",
  "url",
  "actor",
  "kind",
  "occurredAt",
  "ticket.number",
  "ticket.subject",
  "ticket.status",
  "ticket.priority",
  "ticket.assignee",
] as const;

export interface NotificationTemplate {
  subject: string;
  body: string;
}

const PLAIN: NotificationTemplate = { subject: "{{title}}", body: "{{text}}\n\n{{url}}" };

/** The built-in email wording per kind (a workspace may override each). */
export const BUILT_IN_TEMPLATES: Record<NotificationKind, NotificationTemplate> = {
  "ticket.created": { subject: "{{title}}", body: "{{text}}\n\nOpen the ticket: {{url}}" },
  "ticket.assigned": {
    subject: "{{title}}",
    body: "{{text}}\n\n{{ticket.number}} · {{ticket.subject}}\nPriority: {{ticket.priority}} · Status: {{ticket.status}}\n\nOpen the ticket: {{url}}",
  },
  "ticket.updated": { subject: "{{title}}", body: "{{text}}\n\nOpen the ticket: {{url}}" },
  "ticket.resolved": { subject: "{{title}}", body: "{{text}}\n\n{{url}}" },
  "ticket.critical": {
    subject: "{{title}}",
    body: "{{text}}\n\n{{ticket.number}} · {{ticket.subject}}\n\nOpen the ticket now: {{url}}",
  },
  mention: { subject: "{{title}}", body: "{{actor}} wrote:\n\n{{text}}\n\nOpen the ticket: {{url}}" },
  "sla.warning": {
    subject: "{{title}}",
    body: "{{text}}\n\nAssignee: {{ticket.assignee}}\n\nOpen the ticket: {{url}}",
  },
  "sla.breached": {
    subject: "{{title}}",
    body: "{{text}}\n\nAssignee: {{ticket.assignee}}\n\nOpen the ticket: {{url}}",
  },
  automation: { subject: "{{title}}", body: "{{text}}\n\n{{url}}\n\n(sent by {{actor}})" },
  "webhook.disabled": PLAIN,
  reminder: PLAIN,
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Refuses a template naming a placeholder that does not exist, naming it and the field. */
export function checkTemplate(text: string, field: string): void {
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? "";
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) {
      throw invalid(
        "notifications.template_placeholder",
        `${field}: unknown placeholder {{${name}}}; use ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
        field,
      );
    }
  }
}

function valuesOf(c: NotificationContent): Record<string, string> {
  return {
    title: c.title,
    text: c.text,
    url: c.url ?? "",
    actor: c.actor ?? "",
    kind: c.kind,
    occurredAt: c.occurredAt,
    "ticket.number": c.ticket?.number ?? "",
    "ticket.subject": c.ticket?.subject ?? "",
    "ticket.status": c.ticket?.status ?? "",
    "ticket.priority": c.ticket?.priority ?? "",
    "ticket.assignee": c.ticket?.assignee ?? "nobody",
  };
}

/** `{{name}}` replaced by the content's values (plain text; an unknown name is left as written). */
export function fillTemplate(text: string, content: NotificationContent): string {
  const values = valuesOf(content);
  return text.replace(PLACEHOLDER, (all, name: string) => values[name] ?? all);
}

/** The workspace's template for a kind and channel, else the built-in one. */
export async function templateFor(
  tx: Tx,
  workspaceId: string,
  kind: NotificationKind,
  channel: TemplateChannel,
): Promise<NotificationTemplate & { builtIn: boolean }> {
  const [row] = await tx
    .select()
    .from(notificationTemplates)
    .where(
      and(
        eq(notificationTemplates.workspaceId, workspaceId),
        eq(notificationTemplates.kind, kind),
        eq(notificationTemplates.channel, channel),
      ),
    );
  if (row) return { subject: row.subject ?? BUILT_IN_TEMPLATES[kind].subject, body: row.body, builtIn: false };
  return { ...BUILT_IN_TEMPLATES[kind], builtIn: true };
}
