import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { companies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
import type { Company } from "./people.js";
import { createCompanyInput } from "./schemas.js";

export function toCompany(row: typeof companies.$inferSelect): Company {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    sharesTickets: row.sharesTickets,
    tier: row.tier,
    createdAt: row.createdAt,
  };
}

/** Refuses a domain another company of the workspace already claims (customers join companies by domain). */
export async function assertDomainFree(tx: Tx, ctx: Ctx, domain: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ name: companies.name })
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, ctx.workspaceId),
        eq(companies.domain, domain),
        exceptId ? ne(companies.id, exceptId) : undefined,
      ),
    );
  if (taken)
    throw conflict("company.domain_taken", `The domain ${domain} belongs to ${taken.name}.`, { field: "domain" });
}

export async function createCompany(ctx: Ctx, input: unknown): Promise<Company> {
  authorize(ctx.actor, "people:manage");
  const data = parseInput(createCompanyInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (data.domain) await assertDomainFree(tx, ctx, data.domain);
    const [row] = await tx
      .insert(companies)
      .values({
        id: newId(now),
        workspaceId: ctx.workspaceId,
        name: data.name,
        domain: data.domain ?? null,
        sharesTickets: data.sharesTickets,
        tier: data.tier ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict("company.exists", `A company named "${data.name}" already exists.`, { field: "name" });
    return toCompany(row);
  });
}

/** The workspace's company with this id or name; throws `company.not_found` naming `field`. */
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
  return toCompany(row);
}
