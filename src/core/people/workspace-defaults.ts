import { DEFAULT_RULES } from "../../../common/automation-defaults.js";
import type { Tx } from "../../db/connection.js";
import { automationRules } from "../../db/schema/index.js";
import { newId } from "../kernel/index.js";

/**
 * What a new workspace starts with besides its row and ticket sequence: seed
 * 001's automation rules. Written here, in the caller's transaction, as plain
 * rows; the automation module (which depends on people, not the reverse)
 * validates the data in its tests.
 */
export async function installWorkspaceDefaults(tx: Tx, workspaceId: string, now: Date): Promise<void> {
  await tx
    .insert(automationRules)
    .values(
      DEFAULT_RULES.map((r, position) => ({
        id: newId(now),
        workspaceId,
        name: r.name,
        description: r.description,
        enabled: true,
        position,
        trigger: r.trigger,
        condition: r.condition,
        actions: r.actions,
        oncePerTicket: r.oncePerTicket,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
}
