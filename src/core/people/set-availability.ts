import { and, eq } from "drizzle-orm";
import type { AgentRole } from "../../../common/enums.js";
import { agents } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, forbidden, notFound, parseInput } from "../kernel/index.js";
import { findAgentRow, toAgent } from "./agents.js";
import { nextAvailability } from "./availability.js";
import type { Agent } from "./people.js";
import { agentPermissions } from "./rules.js";
import { setAvailabilityInput } from "./schemas.js";

/**
 * Sets an agent's availability (online, away, offline, out_of_office with an
 * optional return time). Every agent sets their own; managers and superadmins
 * set anyone's of their rank or below. Routing reads it at the next decision.
 */
export async function setAvailability(ctx: Ctx, rawInput: unknown): Promise<Agent> {
  authorize(ctx.actor, "people:read");
  const input = parseInput(setAvailabilityInput, rawInput);
  const actor = ctx.actor;
  const ref = input.agent ?? (actor.type === "agent" ? actor.id : undefined);
  if (!ref) throw forbidden("Only agents have an availability; name the agent to change.", "agent.not_an_agent");
  return ctx.db.transaction(async (tx) => {
    const current = await findAgentRow(tx, ctx, ref, { forUpdate: true });
    if (!current) throw notFound("agent.not_found", `No agent "${ref}" in this workspace.`, "agent");
    const self = actor.type === "agent" && actor.id === current.id;
    if (!self && !agentPermissions(actor, { id: current.id, role: current.role as AgentRole }).update) {
      throw forbidden("Only managers set another agent's availability.", "agent.availability_forbidden");
    }
    const next = nextAvailability(
      { availability: current.availability as Agent["availability"], awayUntil: current.awayUntil },
      input,
      ctx.clock.now(),
    );
    const [row] = await tx
      .update(agents)
      .set(next)
      .where(and(eq(agents.workspaceId, ctx.workspaceId), eq(agents.id, current.id)))
      .returning();
    if (!row) throw new Error("agent update returned nothing");
    return toAgent(row);
  });
}
