import { eq } from "drizzle-orm";
import { reminderSchedules, workspaces } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, parseInput } from "../kernel/index.js";
import { readWorkspaceSettings, type WorkspaceSettings, workspaceSettingsPatch } from "./workspace-settings.js";

/** Changes some of the workspace's settings (superadmins only); every change is audited. */
export async function updateWorkspaceSettings(ctx: Ctx, rawInput: unknown): Promise<WorkspaceSettings> {
  authorize(ctx.actor, "settings:manage");
  const patch = parseInput(workspaceSettingsPatch, rawInput);
  return ctx.db.transaction(async (tx) => {
    const before = await readWorkspaceSettings(tx, ctx.workspaceId, { forUpdate: true });
    const after: WorkspaceSettings = { ...before };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(patch) as [keyof WorkspaceSettings, never][]) {
      if (value === undefined || JSON.stringify(before[key]) === JSON.stringify(value)) continue;
      changes[key] = { from: before[key], to: value };
      after[key] = value;
    }
    if (Object.keys(changes).length === 0) return before;
    await tx
      .update(workspaces)
      .set({ settings: after, updatedAt: ctx.clock.now() })
      .where(eq(workspaces.id, ctx.workspaceId));
    // The daily reminders' schedule is recomputed from the new cron or zone at the next tick.
    if (changes.remindersCron || changes.timeZone) {
      await tx.delete(reminderSchedules).where(eq(reminderSchedules.workspaceId, ctx.workspaceId));
    }
    await recordAudit(tx, ctx, {
      action: "workspace.settings_changed",
      target: { type: "workspace", id: ctx.workspaceId },
      details: { changes },
    });
    return after;
  });
}
