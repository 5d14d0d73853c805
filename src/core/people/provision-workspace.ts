import { z } from "zod";
import { agents } from "../../db/schema/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, newId, parseInput } from "../kernel/index.js";
import { authorizeInstanceOwner } from "./instance-owner.js";
import type { Workspace } from "./people.js";
import { createWorkspaceInput, emailSchema } from "./schemas.js";
import { insertWorkspace } from "./workspaces.js";

export const provisionWorkspaceInput = createWorkspaceInput
  .extend({
    /** The new workspace's first superadmin (they sign in after a password reset). */
    admin: z
      .object({ email: emailSchema, name: z.string().trim().min(1).max(200) })
      .strict()
      .optional(),
  })
  .strict();
export type ProvisionWorkspaceInput = z.input<typeof provisionWorkspaceInput>;

/**
 * A superadmin creates another workspace: its own people, tickets and ticket
 * numbering, optionally with a first superadmin. Audited in the caller's workspace.
 */
export async function provisionWorkspace(
  ctx: Ctx,
  rawInput: unknown,
): Promise<{ workspace: Workspace; adminId: string | null }> {
  await authorizeInstanceOwner(ctx);
  const { admin, ...data } = parseInput(provisionWorkspaceInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const workspace = await insertWorkspace(tx, now, data);
    let adminId: string | null = null;
    if (admin) {
      adminId = newId(now);
      await tx.insert(agents).values({
        id: adminId,
        workspaceId: workspace.id,
        email: admin.email,
        name: admin.name,
        role: "superadmin",
        createdAt: now,
      });
    }
    await recordAudit(tx, ctx, {
      action: "workspace.created",
      target: { type: "workspace", id: workspace.id },
      details: { slug: workspace.slug, name: workspace.name, ...(admin ? { admin: admin.email } : {}) },
    });
    return { workspace, adminId };
  });
}
