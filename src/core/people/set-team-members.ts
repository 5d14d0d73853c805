import { and, eq, notInArray } from "drizzle-orm";
import { teamMembers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, invalid, parseInput } from "../kernel/index.js";
import type { Team } from "./people.js";
import { teamMembersInput } from "./schemas.js";
import { resolveMembers, resolveTeam } from "./teams.js";

/** Replaces a team's members with exactly this list; the lead must stay a member. */
export async function setTeamMembers(ctx: Ctx, ref: string, rawInput: unknown): Promise<Team> {
  authorize(ctx.actor, "people:manage");
  const input = parseInput(teamMembersInput, rawInput);
  return ctx.db.transaction(async (tx) => {
    const team = await resolveTeam(tx, ctx, ref, "team", { forUpdate: true });
    const ids = (await resolveMembers(tx, ctx, input.members)).map((a) => a.id);
    if (team.leadAgentId && !ids.includes(team.leadAgentId)) {
      throw invalid(
        "team.lead_not_member",
        "members: the team lead must stay a member; change or clear the lead first.",
        "members",
      );
    }
    const scope = and(eq(teamMembers.workspaceId, ctx.workspaceId), eq(teamMembers.teamId, team.id));
    await tx.delete(teamMembers).where(ids.length > 0 ? and(scope, notInArray(teamMembers.agentId, ids)) : scope);
    const added = ids.filter((id) => !team.memberIds.includes(id));
    if (added.length > 0) {
      await tx
        .insert(teamMembers)
        .values(added.map((agentId) => ({ workspaceId: ctx.workspaceId, teamId: team.id, agentId })))
        .onConflictDoNothing();
    }
    const rows = await tx
      .select({ agentId: teamMembers.agentId })
      .from(teamMembers)
      .where(scope)
      .orderBy(teamMembers.agentId);
    return { ...team, memberIds: rows.map((r) => r.agentId) };
  });
}
