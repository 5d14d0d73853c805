import { and, eq, inArray } from "drizzle-orm";
import { agents, customers, teams } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import type { Ctx } from "../kernel/index.js";

export interface RoutingLabels {
  /** Customer id → email. */
  customers: Map<string, string>;
  /** Team id → name. */
  teams: Map<string, string>;
  /** Agent id → name and email. */
  agents: Map<string, { name: string; email: string }>;
}

const ids = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/**
 * Names for the people and teams a page of tickets refers to, in three
 * queries whatever the page size (seed 004 shows requester email, team and
 * agent names rather than ids).
 */
export async function routingLabels(
  ctx: Ctx,
  items: readonly { requesterId: string | null; teamId: string | null; assigneeId: string | null }[],
): Promise<RoutingLabels> {
  authorize(ctx.actor, "people:read");
  const ws = ctx.workspaceId;
  const customerIds = ids(items.map((t) => t.requesterId));
  const teamIds = ids(items.map((t) => t.teamId));
  const agentIds = ids(items.map((t) => t.assigneeId));
  const [c, t, a] = await Promise.all([
    customerIds.length === 0
      ? []
      : ctx.db
          .select({ id: customers.id, email: customers.email })
          .from(customers)
          .where(and(eq(customers.workspaceId, ws), inArray(customers.id, customerIds))),
    teamIds.length === 0
      ? []
      : ctx.db
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(and(eq(teams.workspaceId, ws), inArray(teams.id, teamIds))),
    agentIds.length === 0
      ? []
      : ctx.db
          .select({ id: agents.id, name: agents.name, email: agents.email })
          .from(agents)
          .where(and(eq(agents.workspaceId, ws), inArray(agents.id, agentIds))),
  ]);
  return {
    customers: new Map(c.map((r) => [r.id, r.email])),
    teams: new Map(t.map((r) => [r.id, r.name])),
    agents: new Map(a.map((r) => [r.id, { name: r.name, email: r.email }])),
  };
}
