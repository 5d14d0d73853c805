import { and, eq, inArray } from "drizzle-orm";
import type { TeamStrategy } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { teamMembers, teams } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
import { resolveAgent } from "./agents.js";
import type { Agent, Team } from "./people.js";
import { createTeamInput } from "./schemas.js";

/** Resolves member references to active agents, once each; a bad one is named by position (`members.2`). */
export async function resolveMembers(tx: Tx, ctx: Ctx, refs: string[]): Promise<Agent[]> {
  const out = new Map<string, Agent>();
  for (const [i, ref] of refs.entries()) {
    const agent = await resolveAgent(tx, ctx, ref, `members.${i}`);
    out.set(agent.id, agent);
  }
  return [...out.values()];
}

export async function createTeam(ctx: Ctx, input: unknown): Promise<Team> {
  authorize(ctx.actor, "people:manage");
  const data = parseInput(createTeamInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const lead = data.lead ? await resolveAgent(tx, ctx, data.lead, "lead") : undefined;
    const members = await resolveMembers(tx, ctx, data.members);
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
        strategy: data.strategy,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict("team.exists", `A team named "${data.name}" already exists.`, { field: "name" });
    if (members.length > 0) {
      await tx
        .insert(teamMembers)
        .values(members.map((m) => ({ workspaceId: ctx.workspaceId, teamId: id, agentId: m.id })));
    }
    return toTeam(
      row,
      members.map((m) => m.id),
    );
  });
}

export function toTeam(row: typeof teams.$inferSelect, memberIds: string[]): Team {
  return {
    id: row.id,
    name: row.name,
    leadAgentId: row.leadAgentId,
    categories: row.categories,
    memberIds,
    strategy: row.strategy as TeamStrategy,
    createdAt: row.createdAt,
  };
}

/** Member ids of these teams (of the caller's workspace), by team id. */
export async function membersOf(tx: Tx, ctx: Ctx, teamIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return out;
  const rows = await tx
    .select({ teamId: teamMembers.teamId, agentId: teamMembers.agentId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, ctx.workspaceId), inArray(teamMembers.teamId, teamIds)))
    .orderBy(teamMembers.agentId);
  for (const r of rows) out.get(r.teamId)?.push(r.agentId);
  return out;
}

/** The workspace's team with this id or name; throws `team.not_found` naming `field`. */
export async function resolveTeam(
  tx: Tx,
  ctx: Ctx,
  ref: string,
  field = "team",
  opts: { forUpdate?: boolean } = {},
): Promise<Team> {
  const key = ref.trim();
  const query = tx
    .select()
    .from(teams)
    .where(
      and(eq(teams.workspaceId, ctx.workspaceId), isUuid(key) ? eq(teams.id, key.toLowerCase()) : eq(teams.name, key)),
    );
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("team.not_found", `No team "${ref}" in this workspace.`, field);
  return toTeam(row, (await membersOf(tx, ctx, [row.id])).get(row.id) ?? []);
}

/** One team with its members. */
export async function getTeam(ctx: Ctx, ref: string): Promise<Team> {
  authorize(ctx.actor, "people:read");
  return resolveTeam(ctx.db, ctx, ref);
}
