/**
 * Who a `notify` action tells: users, roles, teams' members, all agents, the
 * assignee, the team lead, the managers. Only active agents are told; each
 * once. References are checked when the rule is saved (check-references.ts);
 * one that no longer resolves when the rule fires is skipped.
 */
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Tx } from "../../../db/connection.js";
import { agents, teamMembers, teams } from "../../../db/schema/index.js";
import { isUuid } from "../../kernel/index.js";
import type { TicketRow } from "../../tickets/index.js";
import type { Recipients } from "../types.js";

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

type AgentRow = typeof agents.$inferSelect;

/** Agents of the workspace an agent reference (id, email or name, case-insensitive) names. */
export async function agentsByRef(tx: Tx, workspaceId: string, ref: string): Promise<AgentRow[]> {
  const key = ref.trim();
  const match = isUuid(key)
    ? eq(agents.id, key.toLowerCase())
    : or(eq(agents.email, key.toLowerCase()), sql`lower(${agents.name}) = ${key.toLowerCase()}`);
  return tx
    .select()
    .from(agents)
    .where(and(eq(agents.workspaceId, workspaceId), match));
}

/** The team a reference (id or name) names. */
export async function teamByRef(
  tx: Tx,
  workspaceId: string,
  ref: string,
): Promise<typeof teams.$inferSelect | undefined> {
  const key = ref.trim();
  const [row] = await tx
    .select()
    .from(teams)
    .where(
      and(eq(teams.workspaceId, workspaceId), isUuid(key) ? eq(teams.id, key.toLowerCase()) : eq(teams.name, key)),
    );
  return row;
}

export async function resolveRecipients(tx: Tx, ticket: TicketRow, to: Recipients): Promise<Recipient[]> {
  const ws = ticket.workspaceId;
  const active = and(eq(agents.workspaceId, ws), eq(agents.active, true));
  const found = new Map<string, Recipient>();
  const add = (rows: readonly Pick<AgentRow, "id" | "email" | "name" | "active">[]) => {
    for (const r of rows) if (r.active) found.set(r.id, { id: r.id, email: r.email, name: r.name });
  };
  const pick = { id: agents.id, email: agents.email, name: agents.name, active: agents.active };

  if (to.allAgents) add(await tx.select(pick).from(agents).where(active));
  for (const ref of to.users ?? []) add(await agentsByRef(tx, ws, ref));
  if (to.roles && to.roles.length > 0) {
    add(
      await tx
        .select(pick)
        .from(agents)
        .where(and(active, inArray(agents.role, to.roles))),
    );
  }
  for (const ref of to.teams ?? []) {
    const team = await teamByRef(tx, ws, ref);
    if (!team) continue;
    add(
      await tx
        .select(pick)
        .from(teamMembers)
        .innerJoin(agents, eq(agents.id, teamMembers.agentId))
        .where(and(eq(teamMembers.teamId, team.id), eq(agents.active, true))),
    );
  }
  const ids: string[] = [];
  if (to.assignee && ticket.assigneeId) ids.push(ticket.assigneeId);
  if (to.teamLead && ticket.teamId) {
    const [team] = await tx.select({ lead: teams.leadAgentId }).from(teams).where(eq(teams.id, ticket.teamId));
    if (team?.lead) ids.push(team.lead);
  }
  if (ids.length > 0)
    add(
      await tx
        .select(pick)
        .from(agents)
        .where(and(active, inArray(agents.id, ids))),
    );
  if (to.managers) {
    // The supervisors: managers; a desk without managers falls back to its superadmins.
    const managers = await tx
      .select(pick)
      .from(agents)
      .where(and(active, eq(agents.role, "manager")));
    add(
      managers.length > 0
        ? managers
        : await tx
            .select(pick)
            .from(agents)
            .where(and(active, eq(agents.role, "superadmin"))),
    );
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}
