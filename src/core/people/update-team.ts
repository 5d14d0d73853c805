import { and, eq } from "drizzle-orm";
import { teamMembers, teams } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, parseInput } from "../kernel/index.js";
import { resolveAgent } from "./agents.js";
import type { Team } from "./people.js";
import { updateTeamInput } from "./schemas.js";
import { resolveTeam, toTeam } from "./teams.js";

/** Renames a team, changes its lead (who becomes a member), the categories routed to it or its routing strategy. */
export async function updateTeam(ctx: Ctx, ref: string, rawInput: unknown): Promise<Team> {
  authorize(ctx.actor, "people:manage");
  const input = parseInput(updateTeamInput, rawInput);
  return ctx.db.transaction(async (tx) => {
    const team = await resolveTeam(tx, ctx, ref, "team", { forUpdate: true });
    const lead =
      input.lead === undefined || input.lead === null ? input.lead : await resolveAgent(tx, ctx, input.lead, "lead");
    if (input.name !== undefined && input.name !== team.name) {
      const [taken] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.name, input.name)));
      if (taken) throw conflict("team.exists", `A team named "${input.name}" already exists.`, { field: "name" });
    }
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(lead !== undefined ? { leadAgentId: lead?.id ?? null } : {}),
      ...(input.categories !== undefined ? { categories: input.categories } : {}),
      ...(input.strategy !== undefined ? { strategy: input.strategy } : {}),
    };
    if (Object.keys(patch).length === 0) return team;
    const [row] = await tx
      .update(teams)
      .set(patch)
      .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, team.id)))
      .returning();
    if (!row) throw new Error("team update returned nothing");
    const memberIds = [...team.memberIds];
    if (lead && !memberIds.includes(lead.id)) {
      await tx.insert(teamMembers).values({ workspaceId: ctx.workspaceId, teamId: team.id, agentId: lead.id });
      memberIds.push(lead.id);
    }
    return toTeam(row, memberIds.sort());
  });
}
