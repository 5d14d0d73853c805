import { asc } from "drizzle-orm";
import { workspaces } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, forbidden } from "../kernel/index.js";

/**
 * The installation's owners are the superadmins of its first workspace (the one
 * created at first start). Superadmins of other workspaces own only their own
 * workspace: they may not list or create workspaces.
 */
export async function authorizeInstanceOwner(ctx: Ctx): Promise<void> {
  authorize(ctx.actor, "instance:manage");
  if (ctx.actor.type === "system") return;
  const [first] = await ctx.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(1);
  if (first?.id !== ctx.workspaceId) {
    throw forbidden("Only superadmins of the installation's first workspace manage workspaces.");
  }
}
