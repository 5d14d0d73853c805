import { eq } from "drizzle-orm";
import { workspaces } from "../../db/schema/index.js";
import { type Ctx, notFound } from "../kernel/index.js";
import type { Workspace } from "./people.js";
import { parseWorkspaceSettings, settingsVisibleTo, type WorkspaceSettings } from "./workspace-settings.js";
import { toWorkspace } from "./workspaces.js";

/** The caller's workspace and the settings they may see (every signed-in person may read it). */
export async function getWorkspace(ctx: Ctx): Promise<{ workspace: Workspace; settings: Partial<WorkspaceSettings> }> {
  const [row] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!row) throw notFound("workspace.not_found", `No workspace with id ${ctx.workspaceId}.`);
  return { workspace: toWorkspace(row), settings: settingsVisibleTo(ctx.actor, parseWorkspaceSettings(row.settings)) };
}
