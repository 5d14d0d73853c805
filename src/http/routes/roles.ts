import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type RolesView, type RoleView, rolesView } from "../../../common/api/roles.js";
import { ACTIONS, type Action, type Actor, can, type Helpdesk, type Role } from "../../lib/index.js";

/** Plain-language names: a Record over Action, so a new permission cannot ship without one. */
const ACTION_TEXT: Record<Action, { label: string; description: string }> = {
  "ticket:create": { label: "Create tickets", description: "Open a new ticket." },
  "ticket:read": { label: "Read tickets", description: "Open a ticket and its public conversation." },
  "ticket:list": { label: "List tickets", description: "Search and list the tickets they may read." },
  "ticket:update": { label: "Edit tickets", description: "Change subject, priority, category, tags, team, due date." },
  "ticket:assign": { label: "Assign tickets", description: "Give a ticket to an agent or a team." },
  "ticket:status": { label: "Change ticket status", description: "Move a ticket along its statuses." },
  "ticket:escalate": { label: "Escalate tickets", description: "Raise a ticket's priority one level." },
  "ticket:comment": { label: "Reply on tickets", description: "Write public messages on a ticket." },
  "ticket:note": { label: "Write internal notes", description: "Notes only agents see, with @mentions." },
  "report:read": { label: "Read reports", description: "Desk reports and statistics." },
  "people:read": { label: "See people", description: "Agents, customers, companies and teams." },
  "people:manage": {
    label: "Manage people",
    description: "Add agents, change roles, deactivate; companies and teams; convert customers.",
  },
  "customer:manage": { label: "Add and edit customers", description: "Create customers and change their details." },
  "workspace:manage": { label: "Manage the workspace", description: "Workspace-level configuration." },
  "settings:manage": { label: "Change system settings", description: "Workspace settings such as public intake." },
  "audit:read": { label: "Read the audit log", description: "Who changed roles, sharing and settings, and when." },
  "instance:manage": { label: "Manage the installation", description: "List and create workspaces." },
  "views:use": { label: "Use saved views", description: "Keep personal saved queries." },
  "views:manage": { label: "Share views", description: "Share views with teams or everyone; edit others' views." },
  "fields:read": { label: "See custom fields", description: "The workspace's custom ticket fields." },
  "fields:manage": { label: "Define custom fields", description: "Create, change and delete custom fields." },
  "automation:read": { label: "See SLA and automation", description: "SLA policies, calendars and rules." },
  "automation:manage": {
    label: "Manage SLA and automation",
    description: "Create, change, test and delete SLA policies, calendars and rules.",
  },
  "email:read": { label: "See email delivery", description: "Where a message went and the stored originals." },
  "email:manage": { label: "Manage mailboxes", description: "Mailboxes, credentials and failed inbound mail." },
  "webhooks:manage": { label: "Manage webhooks", description: "Outgoing webhooks, secrets and delivery logs." },
  "notifications:use": { label: "Receive notifications", description: "The notification centre and preferences." },
  "notifications:manage": {
    label: "Manage notifications",
    description: "The delivery log and notification templates.",
  },
};

const ROLE_TEXT: Record<Role, { label: string; description: string }> = {
  superadmin: {
    label: "Superadmin",
    description: "Runs the desk: everything a manager does, plus system settings, the audit log and workspaces.",
  },
  manager: {
    label: "Manager",
    description: "Leads agents: manages people, teams, companies, SLA, automation, mailboxes and webhooks.",
  },
  agent: { label: "Agent", description: "Works tickets: answers, assigns, escalates, adds customers." },
  company_user: {
    label: "Company user",
    description: "A customer of a company: their own tickets, and the company's when it shares tickets.",
  },
  customer: { label: "Customer", description: "An individual customer: creates and follows their own tickets." },
};

/** Stand-ins for the policy: the decision depends on the role (and for customers the ticket), never the id. */
const PROBE_ID = "role-probe";
const OTHER_ID = "someone-else";
const PROBE_COMPANY = "probe-company";

function actorFor(role: Role): Actor {
  return role === "company_user" || role === "customer"
    ? { type: "customer", id: PROBE_ID, role, companyId: role === "company_user" ? PROBE_COMPANY : null }
    : { type: "agent", id: PROBE_ID, role };
}

/** How far an action reaches for this actor, or null when it is refused. */
function scopeOf(actor: Actor, action: Action): RoleView["actions"][number]["scope"] | null {
  if (can(actor, action)) return "workspace";
  if (can(actor, action, { requesterId: OTHER_ID, companyId: PROBE_COMPANY })) return "company";
  if (can(actor, action, { requesterId: PROBE_ID, companyId: null })) return "own";
  return null;
}

/** Computed from the access policy itself, so the overview cannot drift from what the server enforces. */
export function rolesOverview(): RolesView {
  const roles: Role[] = ["superadmin", "manager", "agent", "company_user", "customer"];
  return {
    actions: ACTIONS.map((action) => ({ action, ...ACTION_TEXT[action] })),
    roles: roles.map((role) => {
      const actor = actorFor(role);
      return {
        role,
        kind: actor.type === "customer" ? "customer" : "agent",
        ...ROLE_TEXT[role],
        actions: ACTIONS.flatMap((action) => {
          const scope = scopeOf(actor, action);
          return scope ? [{ action, scope }] : [];
        }),
      };
    }),
  };
}

/** The roles overview for the admin area (`GET /api/v1/roles`). */
export const roleRoutes: FastifyPluginAsync<{ desk: Helpdesk }> = async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const overview = rolesOverview();
  app.get(
    "/api/v1/roles",
    {
      config: { access: "staff" },
      schema: {
        tags: ["agents"],
        summary: "Every role with a description and the actions it may perform (from the access policy)",
        response: { 200: rolesView },
      },
    },
    async () => overview,
  );
};
