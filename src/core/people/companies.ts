import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { companies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
import type { Company } from "./people.js";
import { createCompanyInput } from "./schemas.js";

export async function createCompany(ctx: Ctx, input: unknown): Promise<Company> {
  authorize(ctx.actor, "people:manage");
  const data = parseInput(createCompanyInput, input);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(companies)
    .values({
      id: newId(now),
      workspaceId: ctx.workspaceId,
      name: data.name,
      domain: data.domain ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict("company.exists", `A company named "${data.name}" already exists.`);
  return row;
}

export async function resolveCompany(tx: Tx, ctx: Ctx, ref: string, field = "company"): Promise<Company> {
  const key = ref.trim();
  const [row] = await tx
    .select()
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, ctx.workspaceId),
        isUuid(key) ? eq(companies.id, key.toLowerCase()) : eq(companies.name, key),
      ),
    );
  if (!row) throw notFound("company.not_found", `No company "${ref}" in this workspace.`, field);
  return row;
}

export async function listCompanies(ctx: Ctx): Promise<Company[]> {
  authorize(ctx.actor, "people:read");
  return ctx.db.select().from(companies).where(eq(companies.workspaceId, ctx.workspaceId)).orderBy(asc(companies.name));
}
