import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { slaPolicies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { checkActions } from "../automation/index.js";
import { type Ctx, DomainError, newId, parseInput } from "../kernel/index.js";
import { prepareQuery } from "../query/index.js";
import type { EscalationLevel, SlaPolicy } from "./policy.js";
import { type CreatePolicyInput, createPolicyInput } from "./policy-input.js";
import { toPolicy } from "./policy-store.js";
import { reevaluateOpenTickets } from "./reevaluate.js";
import { calendarIdOf } from "./resolve-calendar.js";

export const policyNameTaken = (name: string) =>
  new DomainError(
    "conflict",
    "sla_policy.name_taken",
    `name: an SLA policy named "${name}" already exists in this workspace (names are compared ignoring case).`,
    "name",
  );

/** Names are unique per workspace ignoring case, since people refer to policies by name. */
export async function assertPolicyNameFree(tx: Tx, ctx: Ctx, name: string, except?: string): Promise<void> {
  const [other] = await tx
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.workspaceId, ctx.workspaceId),
        sql`lower(${slaPolicies.name}) = lower(${name})`,
        except ? ne(slaPolicies.id, except) : undefined,
      ),
    );
  if (other) throw policyNameTaken(name);
}

/** Escalation actions are checked like a rule's: agents and teams exist, templates are known. */
export async function checkEscalations(tx: Tx, ctx: Ctx, levels: readonly EscalationLevel[]): Promise<void> {
  for (const [i, level] of levels.entries()) await checkActions(tx, ctx, level.actions, `escalations.${i}.actions`);
}

/**
 * Adds an SLA policy (managers). Its condition is prepared like any query, so
 * a policy always parses; open tickets are re-evaluated against the new order.
 */
export async function createPolicy(ctx: Ctx, rawInput: CreatePolicyInput | unknown): Promise<SlaPolicy> {
  authorize(ctx.actor, "automation:manage");
  const input = parseInput(createPolicyInput, rawInput);
  if (input.condition.trim()) await prepareQuery(ctx, input.condition);
  const now = ctx.clock.now();
  const policy = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`helpline:sla-policies:${ctx.workspaceId}`}))`);
    await assertPolicyNameFree(tx, ctx, input.name);
    const calendarId = await calendarIdOf(tx, ctx, input.calendar);
    await checkEscalations(tx, ctx, input.escalations);
    const [last] = await tx
      .select({ max: sql<number | null>`max(${slaPolicies.position})` })
      .from(slaPolicies)
      .where(eq(slaPolicies.workspaceId, ctx.workspaceId));
    const end = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
    const position = input.position ?? end;
    if (input.position !== undefined) {
      await tx
        .update(slaPolicies)
        .set({ position: sql`${slaPolicies.position} + 1` })
        .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), sql`${slaPolicies.position} >= ${position}`));
    }
    const [row] = await tx
      .insert(slaPolicies)
      .values({
        id: newId(now),
        workspaceId: ctx.workspaceId,
        name: input.name,
        position,
        enabled: input.enabled,
        condition: input.condition,
        calendarId,
        targets: input.targets,
        pauseStatuses: input.pauseStatuses,
        warningShare: input.warningShare,
        escalations: input.escalations,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw policyNameTaken(input.name);
    return toPolicy(row);
  });
  await reevaluateOpenTickets(ctx);
  return policy;
}
