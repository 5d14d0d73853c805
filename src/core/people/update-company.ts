import { and, eq } from "drizzle-orm";
import { companies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, conflict, parseInput } from "../kernel/index.js";
import { assertDomainFree, resolveCompany, toCompany } from "./companies.js";
import type { Company } from "./people.js";
import { updateCompanyInput } from "./schemas.js";

/**
 * Renames a company, changes its domain, its tier or whether its users share tickets (sharing and
 * tier changes are audited: they change who sees what and which SLA applies).
 */
export async function updateCompany(ctx: Ctx, ref: string, rawInput: unknown): Promise<Company> {
  authorize(ctx.actor, "people:manage");
  const input = parseInput(updateCompanyInput, rawInput);
  return ctx.db.transaction(async (tx) => {
    const current = await resolveCompany(tx, ctx, ref);
    if (input.domain) await assertDomainFree(tx, ctx, input.domain, current.id);
    if (input.name !== undefined && input.name !== current.name) {
      const [taken] = await tx
        .select({ id: companies.id })
        .from(companies)
        .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.name, input.name)));
      if (taken) throw conflict("company.exists", `A company named "${input.name}" already exists.`, { field: "name" });
    }
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.domain !== undefined ? { domain: input.domain } : {}),
      ...(input.sharesTickets !== undefined ? { sharesTickets: input.sharesTickets } : {}),
      ...(input.tier !== undefined ? { tier: input.tier } : {}),
    };
    if (Object.keys(patch).length === 0) return current;
    const [row] = await tx
      .update(companies)
      .set(patch)
      .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, current.id)))
      .returning();
    if (!row) throw new Error("company update returned nothing");
    if (input.sharesTickets !== undefined && input.sharesTickets !== current.sharesTickets) {
      await recordAudit(tx, ctx, {
        action: "company.sharing_changed",
        target: { type: "company", id: current.id },
        details: { name: row.name, from: current.sharesTickets, to: row.sharesTickets },
      });
    }
    if (input.tier !== undefined && input.tier !== current.tier) {
      // The tier decides SLA targets and rules: who changed it matters.
      await recordAudit(tx, ctx, {
        action: "company.tier_changed",
        target: { type: "company", id: current.id },
        details: { name: row.name, from: current.tier, to: row.tier },
      });
    }
    return toCompany(row);
  });
}
