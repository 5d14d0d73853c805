import { asc, sql } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "../../db/schema/index.js";
import { type Ctx, type Page, parseInput } from "../kernel/index.js";
import { authorizeInstanceOwner } from "./instance-owner.js";
import { pageFrom, pageInput, timeCursor } from "./paging.js";
import type { Workspace } from "./people.js";
import { toWorkspace } from "./workspaces.js";

export const listWorkspacesInput = z.object({ ...pageInput }).strict();
export type ListWorkspacesInput = z.input<typeof listWorkspacesInput>;

/** Every workspace of this installation, oldest first: the system owner's (superadmin's) view. */
export async function listWorkspaces(ctx: Ctx, rawInput: unknown = {}): Promise<Page<Workspace>> {
  const input = parseInput(listWorkspacesInput, rawInput);
  await authorizeInstanceOwner(ctx);
  const c = input.cursor ? timeCursor(input.cursor) : undefined;
  const rows = await ctx.db
    .select()
    .from(workspaces)
    .where(
      c
        ? sql`(${workspaces.createdAt}, ${workspaces.id}) > (${c.at.toISOString()}::timestamptz, ${c.id}::uuid)`
        : undefined,
    )
    .orderBy(asc(workspaces.createdAt), asc(workspaces.id))
    .limit(input.limit + 1);
  return pageFrom(rows, input.limit, (r) => [r.createdAt.toISOString(), r.id], toWorkspace);
}
