import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AGENT_ROLES } from "../../../common/enums.js";
import { agents } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, type Page, parseInput } from "../kernel/index.js";
import { toAgent } from "./agents.js";
import { pageFrom, pageInput, textCursor } from "./paging.js";
import type { Agent } from "./people.js";

export const listAgentsInput = z
  .object({
    role: z.enum(AGENT_ROLES).optional(),
    active: z.boolean().optional(),
    ...pageInput,
  })
  .strict();
export type ListAgentsInput = z.input<typeof listAgentsInput>;

/** The workspace's agents by name, one page at a time. */
export async function listAgents(ctx: Ctx, rawInput: unknown = {}): Promise<Page<Agent>> {
  const input = parseInput(listAgentsInput, rawInput);
  authorize(ctx.actor, "people:read");
  const where: (SQL | undefined)[] = [eq(agents.workspaceId, ctx.workspaceId)];
  if (input.role) where.push(eq(agents.role, input.role));
  if (input.active !== undefined) where.push(eq(agents.active, input.active));
  if (input.cursor) {
    const c = textCursor(input.cursor);
    where.push(sql`(${agents.name}, ${agents.id}) > (${c.key}, ${c.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(agents)
    .where(and(...where))
    .orderBy(asc(agents.name), asc(agents.id))
    .limit(input.limit + 1);
  return pageFrom(rows, input.limit, (r) => [r.name, r.id], toAgent);
}
