import { and, eq } from "drizzle-orm";
import type { AgentAvailability, AgentRole } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { agents } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, conflict, forbidden, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
import { nextAvailability } from "./availability.js";
import type { Agent } from "./people.js";
import { mayGrant } from "./rules.js";
import { createAgentInput } from "./schemas.js";

export function toAgent(row: typeof agents.$inferSelect): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as AgentRole,
    active: row.active,
    skills: row.skills,
    teamsOnly: row.teamsOnly,
    capacity: row.capacity,
    availability: row.availability as AgentAvailability,
    awayUntil: row.awayUntil,
    createdAt: row.createdAt,
  };
}

/** Adds an agent. Managers add agents and managers; only a superadmin adds a superadmin. */
export async function createAgent(ctx: Ctx, input: unknown): Promise<Agent> {
  authorize(ctx.actor, "people:manage");
  const data = parseInput(createAgentInput, input);
  if (!mayGrant(ctx.actor, data.role)) {
    await recordAudit(ctx.db, ctx, {
      action: "agent.created",
      outcome: "denied",
      details: { email: data.email, role: data.role },
    });
    throw forbidden(`Only a superadmin can create a ${data.role}.`, "agent.role_forbidden");
  }
  const now = ctx.clock.now();
  const { awayUntil: _, ...fields } = data;
  const availability = nextAvailability({ availability: "online", awayUntil: null }, data, now);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, ctx.workspaceId), eq(agents.email, data.email)));
    if (existing) {
      throw conflict("agent.exists", `An agent with email ${data.email} already exists.`, { field: "email" });
    }
    const [row] = await tx
      .insert(agents)
      .values({ id: newId(now), workspaceId: ctx.workspaceId, ...fields, ...availability, createdAt: now })
      .returning();
    if (!row) throw new Error("agent insert returned nothing");
    await recordAudit(tx, ctx, {
      action: "agent.created",
      target: { type: "agent", id: row.id },
      details: { email: row.email, role: row.role },
    });
    return toAgent(row);
  });
}

/** The workspace's agent with this id or email, active or not; undefined when there is none. */
export async function findAgentRow(
  tx: Tx,
  ctx: Ctx,
  ref: string,
  opts: { forUpdate?: boolean } = {},
): Promise<typeof agents.$inferSelect | undefined> {
  const key = ref.trim().toLowerCase();
  const query = tx
    .select()
    .from(agents)
    .where(and(eq(agents.workspaceId, ctx.workspaceId), isUuid(key) ? eq(agents.id, key) : eq(agents.email, key)));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row;
}

/** Finds an active agent of the workspace by id or email; throws `agent.not_found` naming `field`. */
export async function resolveAgent(tx: Tx, ctx: Ctx, ref: string, field = "assignee"): Promise<Agent> {
  const row = await findAgentRow(tx, ctx, ref);
  if (!row) throw notFound("agent.not_found", `No agent "${ref}" in this workspace.`, field);
  if (!row.active) throw conflict("agent.inactive", `Agent ${row.email} is deactivated.`, { field });
  return toAgent(row);
}

/** One agent of the workspace (deactivated ones too). */
export async function getAgent(ctx: Ctx, ref: string): Promise<Agent> {
  authorize(ctx.actor, "people:read");
  const row = await findAgentRow(ctx.db, ctx, ref);
  if (!row) throw notFound("agent.not_found", `No agent "${ref}" in this workspace.`, "agent");
  return toAgent(row);
}
