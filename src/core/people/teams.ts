import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { teamMembers, teams } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
import { resolveAgent } from "./agents.js";
import type { Team } from "./people.js";
import { createTeamInput } from "./schemas.js";

export async function createTeam(ctx: Ctx, input: unknown): Promise<Team> {
  authorize(ctx.actor, "people:manage");
  const data = parseInput(createTeamInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const lead = data.lead ? await resolveAgent(tx, ctx, data.lead, "lead") : undefined;
    const members = [];
    for (const m of data.members) members.push(await resolveAgent(tx, ctx, m, "members"));
    if (lead && !members.some((m) => m.id === lead.id)) members.push(lead);
    const id = newId(now);
    const [row] = await tx
      .insert(teams)
      .values({
        id,
        workspaceId: ctx.workspaceId,
        name: data.name,
        leadAgentId: lead?.id ?? null,
        categories: data.categories,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict("team.exists", `A team named "${data.name}" already exists.`);
    if (members.length > 0) {
      await tx
        .insert(teamMembers)
        .values(members.map((m) => ({ workspaceId: ctx.workspaceId, teamId: id, agentId: m.id })));
    }
    return { ...row, memberIds: members.map((m) => m.id) };
  });
}

export async function resolveTeam(tx: Tx, ctx: Ctx, ref: string, field = "team"): Promise<Team> {
  const key = ref.trim();
  const [row] = await tx
    .select()
    .from(teams)
    .where(
      and(eq(teams.workspaceId, ctx.workspaceId), isUuid(key) ? eq(teams.id, key.toLowerCase()) : eq(teams.name, key)),
    );
  if (!row) throw notFound("team.not_found", `No team "${ref}" in this workspace.`, field);
  const members = await tx
    .select({ agentId: teamMembers.agentId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, row.id));
  return { ...row, memberIds: members.map((m) => m.agentId) };
}

export async function listTeams(ctx: Ctx): Promise<Team[]> {
  authorize(ctx.actor, "people:read");
  const rows = await ctx.db.select().from(teams).where(eq(teams.workspaceId, ctx.workspaceId)).orderBy(asc(teams.name));
  if (rows.length === 0) return [];
  const members = await ctx.db
    .select()
    .from(teamMembers)
    .where(
      inArray(
        teamMembers.teamId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({ ...r, memberIds: members.filter((m) => m.teamId === r.id).map((m) => m.agentId) }));
}
