import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { teams } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, type Page, parseInput } from "../kernel/index.js";
import { pageFrom, pageInput, textCursor } from "./paging.js";
import type { Team } from "./people.js";
import { membersOf, toTeam } from "./teams.js";

export const listTeamsInput = z.object({ ...pageInput }).strict();
export type ListTeamsInput = z.input<typeof listTeamsInput>;

/** The workspace's teams by name, with their members. */
export async function listTeams(ctx: Ctx, rawInput: unknown = {}): Promise<Page<Team>> {
  const input = parseInput(listTeamsInput, rawInput);
  authorize(ctx.actor, "people:read");
  const where: (SQL | undefined)[] = [eq(teams.workspaceId, ctx.workspaceId)];
  if (input.cursor) {
    const c = textCursor(input.cursor);
    where.push(sql`(${teams.name}, ${teams.id}) > (${c.key}, ${c.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(teams)
    .where(and(...where))
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(input.limit + 1);
  const members = await membersOf(
    ctx.db,
    ctx,
    rows.slice(0, input.limit).map((r) => r.id),
  );
  return pageFrom(
    rows,
    input.limit,
    (r) => [r.name, r.id],
    (r) => toTeam(r, members.get(r.id) ?? []),
  );
}
