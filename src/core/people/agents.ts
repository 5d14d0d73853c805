import { and, asc, eq } from "drizzle-orm";
import type { AgentRole } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { agents } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
import type { Agent } from "./people.js";
import { createAgentInput } from "./schemas.js";

function toAgent(row: typeof agents.$inferSelect): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as AgentRole,
    active: row.active,
    skills: row.skills,
    createdAt: row.createdAt,
  };
}

export async function createAgent(ctx: Ctx, input: unknown): Promise<Agent> {
  authorize(ctx.actor, "people:manage");
  const data = parseInput(createAgentInput, input);
  if (data.role === "superadmin" && ctx.actor.type === "agent" && ctx.actor.role !== "superadmin") {
    throw conflict("agent.role_forbidden", "Only a superadmin can create another superadmin.");
  }
  const now = ctx.clock.now();
  const [existing] = await ctx.db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.workspaceId, ctx.workspaceId), eq(agents.email, data.email)));
  if (existing) throw conflict("agent.exists", `An agent with email ${data.email} already exists.`, { field: "email" });
  const [row] = await ctx.db
    .insert(agents)
    .values({ id: newId(now), workspaceId: ctx.workspaceId, ...data, createdAt: now })
    .returning();
  if (!row) throw new Error("agent insert returned nothing");
  return toAgent(row);
}

/** Finds an agent of the workspace by id or email; throws `agent.not_found` naming `field`. */
export async function resolveAgent(tx: Tx, ctx: Ctx, ref: string, field = "assignee"): Promise<Agent> {
  const key = ref.trim().toLowerCase();
  const [row] = await tx
    .select()
    .from(agents)
    .where(and(eq(agents.workspaceId, ctx.workspaceId), isUuid(key) ? eq(agents.id, key) : eq(agents.email, key)));
  if (!row) throw notFound("agent.not_found", `No agent "${ref}" in this workspace.`, field);
  if (!row.active) throw conflict("agent.inactive", `Agent ${row.email} is deactivated.`, { field });
  return toAgent(row);
}

export async function getAgent(ctx: Ctx, ref: string): Promise<Agent> {
  authorize(ctx.actor, "people:read");
  return resolveAgent(ctx.db, ctx, ref, "agent");
}

export async function listAgents(ctx: Ctx): Promise<Agent[]> {
  authorize(ctx.actor, "people:read");
  const rows = await ctx.db
    .select()
    .from(agents)
    .where(eq(agents.workspaceId, ctx.workspaceId))
    .orderBy(asc(agents.name));
  return rows.map(toAgent);
}
