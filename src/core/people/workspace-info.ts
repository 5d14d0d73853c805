import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { workspaces } from "../../db/schema/index.js";
import { notFound } from "../kernel/index.js";

export interface WorkspaceInfo {
  id: string;
  slug: string;
  name: string;
  ticketPrefix: string;
  ticketStart: number;
}

const cache = new WeakMap<object, Map<string, WorkspaceInfo>>();

/** Workspace facts every ticket read needs (the number prefix); cached per database. */
export async function workspaceInfo(db: Db | Tx, cacheKey: object, workspaceId: string): Promise<WorkspaceInfo> {
  let byId = cache.get(cacheKey);
  if (!byId) {
    byId = new Map();
    cache.set(cacheKey, byId);
  }
  const hit = byId.get(workspaceId);
  if (hit) return hit;
  const [row] = await db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      ticketPrefix: workspaces.ticketPrefix,
      ticketStart: workspaces.ticketStart,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound("workspace.not_found", `No workspace with id ${workspaceId}.`);
  byId.set(workspaceId, row);
  return row;
}

/** Name of the per-workspace sequence that hands out ticket numbers. */
export function ticketSequenceName(workspaceId: string): string {
  return `ticket_number_${workspaceId.replace(/-/g, "")}`;
}
