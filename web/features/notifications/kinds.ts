/** Plain names of notification kinds (the server may add kinds: those show their key). */
const KIND_LABEL: Record<string, string> = {
  "ticket.created": "New tickets",
  "ticket.assigned": "Assigned to you",
  "ticket.updated": "Ticket updates",
  "ticket.resolved": "Resolved tickets",
  "ticket.critical": "Critical tickets",
  mention: "Mentions",
  "sla.warning": "SLA warnings",
  "sla.breached": "SLA breaches",
  automation: "Automation rules",
  "webhook.disabled": "Webhook disabled",
  reminder: "Reminders",
};

export const kindLabel = (kind: string) => KIND_LABEL[kind] ?? kind;

export const CHANNEL_LABEL: Record<string, string> = { in_app: "In app", email: "Email", slack: "Slack" };
