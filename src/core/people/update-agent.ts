import { and, eq } from "drizzle-orm";
import type { AgentAvailability, AgentRole } from "../../../common/enums.js";
import { agents } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, DomainError, forbidden, notFound, parseInput } from "../kernel/index.js";
import { findAgentRow, toAgent } from "./agents.js";
import { nextAvailability } from "./availability.js";
import type { Agent } from "./people.js";
import { agentPermissions, mayGrant } from "./rules.js";
import { updateAgentInput } from "./schemas.js";

/**
 * Changes an agent's name, role, active flag, skills, team limit, capacity or
 * availability (`awayUntil` only with `out_of_office`, in the future). Managers and
 * superadmins edit agents of their rank or below and grant roles up to their own;
 * nobody changes their own role or deactivates themself. Role and active changes
 * are audited, and so are refused role changes.
 */
export async function updateAgent(ctx: Ctx, ref: string, rawInput: unknown): Promise<Agent> {
  authorize(ctx.actor, "people:manage");
  const input = parseInput(updateAgentInput, rawInput);
  let target: { id: string; role: AgentRole } | undefined;
  try {
    return await ctx.db.transaction(async (tx) => {
      const current = await findAgentRow(tx, ctx, ref, { forUpdate: true });
      if (!current) throw notFound("agent.not_found", `No agent "${ref}" in this workspace.`, "agent");
      target = { id: current.id, role: current.role as AgentRole };
      const may = agentPermissions(ctx.actor, target);
      if (!may.update) throw forbidden(`Only a superadmin can change a ${current.role}.`, "agent.role_forbidden");
      const roleChange = input.role !== undefined && input.role !== current.role;
      if (roleChange && !may.changeRole) throw forbidden("You cannot change your own role.", "agent.own_role");
      if (roleChange && input.role && !mayGrant(ctx.actor, input.role)) {
        throw forbidden(`Only a superadmin can make someone a ${input.role}.`, "agent.role_forbidden");
      }
      const activeChange = input.active !== undefined && input.active !== current.active;
      if (activeChange && !may.deactivate) throw forbidden("You cannot deactivate yourself.", "agent.own_active");

      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.skills !== undefined ? { skills: input.skills } : {}),
        ...(input.teamsOnly !== undefined ? { teamsOnly: input.teamsOnly } : {}),
        ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
        ...(input.availability !== undefined || input.awayUntil !== undefined
          ? nextAvailability(
              { availability: current.availability as AgentAvailability, awayUntil: current.awayUntil },
              input,
              ctx.clock.now(),
            )
          : {}),
      };
      if (Object.keys(patch).length === 0) return toAgent(current);
      const [updated] = await tx
        .update(agents)
        .set(patch)
        .where(and(eq(agents.workspaceId, ctx.workspaceId), eq(agents.id, current.id)))
        .returning();
      if (!updated) throw new Error("agent update returned nothing");
      const on = { type: "agent", id: current.id };
      if (roleChange) {
        await recordAudit(tx, ctx, {
          action: "agent.role_changed",
          target: on,
          details: { email: current.email, from: current.role, to: input.role },
        });
      }
      if (activeChange) {
        await recordAudit(tx, ctx, {
          action: input.active ? "agent.reactivated" : "agent.deactivated",
          target: on,
          details: { email: current.email },
        });
      }
      return toAgent(updated);
    });
  } catch (err) {
    if (err instanceof DomainError && err.kind === "forbidden" && target) {
      await recordAudit(ctx.db, ctx, {
        action: input.role !== undefined ? "agent.role_changed" : "agent.updated",
        target: { type: "agent", id: target.id },
        outcome: "denied",
        details: { reason: err.code, role: target.role, ...(input.role ? { to: input.role } : {}) },
      });
    }
    throw err;
  }
}
