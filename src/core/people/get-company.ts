import { and, eq } from "drizzle-orm";
import { customers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, notFound } from "../kernel/index.js";
import { resolveCompany } from "./companies.js";
import type { Company } from "./people.js";

/** One company: staff read any; a company user reads their own (other companies do not exist for them). */
export async function getCompany(ctx: Ctx, ref: string): Promise<Company> {
  const actor = ctx.actor;
  if (actor.type !== "customer") {
    authorize(actor, "people:read");
    return resolveCompany(ctx.db, ctx, ref);
  }
  const missing = notFound("company.not_found", `No company "${ref}" in this workspace.`, "company");
  // The actor's companyId is null when the company does not share tickets; membership is what counts here.
  const [me] = await ctx.db
    .select({ role: customers.role, companyId: customers.companyId })
    .from(customers)
    .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.id, actor.id)));
  if (me?.role !== "company_user" || !me.companyId) throw missing;
  const company = await resolveCompany(ctx.db, ctx, ref);
  if (company.id !== me.companyId) throw missing;
  return company;
}
