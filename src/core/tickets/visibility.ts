import { and, eq, or, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { tickets } from "../../db/schema/index.js";
import type { Ctx } from "../kernel/index.js";
import { teamScope, teamScopeFilter } from "./team-scope.js";

/**
 * The tickets an actor may see, as a WHERE condition: the workspace's; for a
 * customer only their own (and, for a company user, the company's); for an
 * agent limited to their teams, those teams' tickets.
 */
export async function visibleTickets(db: Db | Tx, ctx: Ctx): Promise<SQL> {
  const where: (SQL | undefined)[] = [eq(tickets.workspaceId, ctx.workspaceId)];
  const a = ctx.actor;
  if (a.type === "customer") {
    where.push(
      a.role === "company_user" && a.companyId
        ? or(eq(tickets.requesterId, a.id), eq(tickets.companyId, a.companyId))
        : eq(tickets.requesterId, a.id),
    );
  }
  const scope = await teamScope(db, ctx);
  if (scope && a.type === "agent") where.push(teamScopeFilter(scope, a.id));
  return and(...where) as SQL;
}
