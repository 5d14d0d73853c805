import { and, eq } from "drizzle-orm";
import { views } from "../../../db/schema/index.js";
import type { Ctx } from "../../kernel/index.js";
import { assertMayChange, findVisibleView, type View } from "./view.js";

/** Deletes a view (its owner, or a manager/superadmin for views they see); returns what was deleted. */
export async function deleteView(ctx: Ctx, ref: string): Promise<View> {
  return ctx.db.transaction(async (tx) => {
    const view = await findVisibleView(tx, ctx, ref, { forUpdate: true });
    assertMayChange(ctx.actor, view, "delete");
    await tx.delete(views).where(and(eq(views.workspaceId, ctx.workspaceId), eq(views.id, view.id)));
    return view;
  });
}
