import { and, eq } from "drizzle-orm";
import { updateViewInput } from "../../../../common/api/views.js";
import { views } from "../../../db/schema/index.js";
import { type Ctx, invalid, parseInput } from "../../kernel/index.js";
import { resolveTeam } from "../../people/index.js";
import { prepareQuery } from "../prepare.js";
import { assertMayChange, assertMayShare, assertViewNameFree, findVisibleView, toView, type View } from "./view.js";

/**
 * Changes a view's name, query, sharing, position or display. Its owner or a
 * manager/superadmin may; a shared view must stay shareable by the actor
 * afterwards (an agent may keep a view on their own team, or make it personal).
 * A changed query is checked like a new one.
 */
export async function updateView(ctx: Ctx, ref: string, rawInput: unknown): Promise<View> {
  const input = parseInput(updateViewInput, rawInput);
  // Who may touch the view is settled before the query is looked at, so a view the
  // actor cannot see answers `view.not_found` whatever the body says. The query is
  // prepared outside the transaction (it reads through ctx.db).
  assertMayChange(ctx.actor, await findVisibleView(ctx.db, ctx, ref), "change");
  if (input.query !== undefined) await prepareQuery(ctx, input.query);
  return ctx.db.transaction(async (tx) => {
    const view = await findVisibleView(tx, ctx, ref, { forUpdate: true });
    assertMayChange(ctx.actor, view, "change");
    const visibility = input.visibility ?? view.visibility;
    let teamId: string | null = null;
    if (visibility === "team") {
      if (input.team) teamId = (await resolveTeam(tx, ctx, input.team)).id;
      else if (view.visibility === "team") teamId = view.teamId;
      else throw invalid("view.team_required", "team: name the team to share the view with.", "team");
    } else if (input.team) {
      throw invalid(
        "view.team_not_allowed",
        `team: only a team view names a team (this one is ${visibility}).`,
        "team",
      );
    }
    // Any change to a view that stays (or becomes) shared needs the right to share it as it ends up;
    // making a view personal is always allowed to whoever may change it.
    await assertMayShare(tx, ctx, visibility, teamId);
    if (input.name !== undefined && input.name !== view.name) {
      await assertViewNameFree(tx, ctx, view.ownerId, input.name, view.id);
    }
    const [row] = await tx
      .update(views)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.query !== undefined ? { query: input.query } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.display !== undefined ? { display: input.display } : {}),
        visibility,
        teamId,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(views.workspaceId, ctx.workspaceId), eq(views.id, view.id)))
      .returning();
    if (!row) throw new Error("view update returned nothing");
    return toView(row);
  });
}
