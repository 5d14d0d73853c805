import { and, eq, sql } from "drizzle-orm";
import { createViewInput } from "../../../../common/api/views.js";
import { views } from "../../../db/schema/index.js";
import { authorize } from "../../access/index.js";
import { type Ctx, forbidden, invalid, newId, parseInput } from "../../kernel/index.js";
import { resolveTeam } from "../../people/index.js";
import { prepareQuery } from "../prepare.js";
import { assertMayShare, assertViewNameFree, nameTaken, toView, type View } from "./view.js";

/**
 * Saves a query as a view of the acting agent: personal by default, or shared
 * with a team or the workspace (see view.ts for who may share). The query is
 * prepared exactly as a ticket list would run it, so a saved view always
 * parses; a bad one is refused with `query.invalid` and positioned issues.
 */
export async function createView(ctx: Ctx, rawInput: unknown): Promise<View> {
  authorize(ctx.actor, "views:use");
  const owner = ctx.actor;
  if (owner.type !== "agent") {
    throw forbidden("A view belongs to an agent: act as one to save a view.", "view.agent_only");
  }
  const input = parseInput(createViewInput, rawInput);
  if (input.visibility === "team" && !input.team) {
    throw invalid("view.team_required", "team: name the team to share the view with.", "team");
  }
  if (input.visibility !== "team" && input.team) {
    throw invalid(
      "view.team_not_allowed",
      `team: only a team view names a team (this one is ${input.visibility}).`,
      "team",
    );
  }
  await prepareQuery(ctx, input.query);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const team = input.team ? await resolveTeam(tx, ctx, input.team) : undefined;
    await assertMayShare(tx, ctx, input.visibility, team?.id ?? null);
    await assertViewNameFree(tx, ctx, owner.id, input.name);
    // New views go to the end of their owner's list unless placed.
    const [last] = await tx
      .select({ max: sql<number | null>`max(${views.position})` })
      .from(views)
      .where(and(eq(views.workspaceId, ctx.workspaceId), eq(views.ownerId, owner.id)));
    const position = input.position ?? (last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1);
    const [row] = await tx
      .insert(views)
      .values({
        id: newId(now),
        workspaceId: ctx.workspaceId,
        name: input.name,
        query: input.query,
        ownerId: owner.id,
        visibility: input.visibility,
        teamId: team?.id ?? null,
        position,
        display: input.display,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw nameTaken(input.name);
    return toView(row);
  });
}
