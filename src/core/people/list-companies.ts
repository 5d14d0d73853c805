import { and, asc, eq, ilike, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { companies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, type Page, parseInput } from "../kernel/index.js";
import { toCompany } from "./companies.js";
import { likePrefix, pageFrom, pageInput, textCursor } from "./paging.js";
import type { Company } from "./people.js";

export const listCompaniesInput = z
  .object({
    /** The start of the name (any case). */
    q: z.string().trim().min(1).max(200).optional(),
    ...pageInput,
  })
  .strict();
export type ListCompaniesInput = z.input<typeof listCompaniesInput>;

/** The workspace's companies by name, one page at a time. */
export async function listCompanies(ctx: Ctx, rawInput: unknown = {}): Promise<Page<Company>> {
  const input = parseInput(listCompaniesInput, rawInput);
  authorize(ctx.actor, "people:read");
  const where: (SQL | undefined)[] = [eq(companies.workspaceId, ctx.workspaceId)];
  if (input.q) where.push(ilike(companies.name, likePrefix(input.q)));
  if (input.cursor) {
    const c = textCursor(input.cursor);
    where.push(sql`(${companies.name}, ${companies.id}) > (${c.key}, ${c.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(companies)
    .where(and(...where))
    .orderBy(asc(companies.name), asc(companies.id))
    .limit(input.limit + 1);
  return pageFrom(rows, input.limit, (r) => [r.name, r.id], toCompany);
}
