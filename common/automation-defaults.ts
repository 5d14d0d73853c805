/**
 * The automation rules every new workspace starts with: seed 001's
 * "Automation Engine" list, one rule per line (each description quotes the
 * seed). They are ordinary rules once installed: managers change, disable or
 * delete them. Plain data (the rule format is checked by
 * src/core/automation/default-rules.test.ts), shared by the engine, which
 * installs them when a workspace is created (src/core/people), and the web app.
 */
export const DEFAULT_RULES = [
  {
    name: "Unassigned for 2 hours → notify supervisor",
    description: "Seed 001: If ticket unassigned for 2 hours → Notify supervisor",
    trigger: { type: "time", since: "assignment_changed", afterMinutes: 120 },
    condition: "status: active assignee: none",
    actions: [
      {
        type: "notify",
        to: { managers: true, teamLead: true },
        message: "{{ticket.number}} “{{ticket.subject}}” has been unassigned for 2 hours.",
      },
    ],
    oncePerTicket: false,
  },
  {
    name: "Critical urgency and importance → alert all agents",
    description: "Seed 001: If urgency: Critical AND importance: Critical → Alert all agents",
    trigger: { type: "event", events: ["ticket.created", "ticket.updated", "ticket.escalated"] },
    condition: "status: active urgency: critical importance: critical",
    actions: [
      {
        type: "notify",
        to: { allAgents: true },
        message: "Critical: {{ticket.number}} “{{ticket.subject}}” is critical in urgency and importance.",
      },
    ],
    oncePerTicket: true,
  },
  {
    name: "Resolved for 3 days → auto-close",
    description: "Seed 001: If status: Resolved for 3 days → Auto-close ticket",
    trigger: { type: "time", since: "status_changed", afterMinutes: 3 * 24 * 60 },
    condition: "status: resolved",
    actions: [{ type: "close" }],
    oncePerTicket: false,
  },
  {
    name: "No response in 48 hours → reminder",
    description: "Seed 001: If no response in 48 hours → Send reminder notification",
    trigger: { type: "time", since: "customer_waiting", afterMinutes: 48 * 60 },
    condition: "status: active",
    actions: [
      {
        type: "notify",
        to: { assignee: true, teamLead: true },
        message: "Reminder: the customer on {{ticket.number}} “{{ticket.subject}}” has waited 48 hours for a reply.",
      },
    ],
    oncePerTicket: false,
  },
] as const;
