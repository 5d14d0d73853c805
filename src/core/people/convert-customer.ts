import { and, eq } from "drizzle-orm";
import { customers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, conflict, notFound, parseInput } from "../kernel/index.js";
import { resolveCompany } from "./companies.js";
import { findCustomerRow, toCustomer } from "./customers.js";
import type { Customer } from "./people.js";
import { convertCustomerInput } from "./schemas.js";

/**
 * Seed 001: an individual customer "can later be converted to company user". They
 * then see the company's tickets when it shares them; their earlier tickets stay
 * their own (not moved into the company). Managers and superadmins only; audited.
 */
export async function convertCustomer(ctx: Ctx, ref: string, rawInput: unknown): Promise<Customer> {
  authorize(ctx.actor, "people:manage");
  const input = parseInput(convertCustomerInput, rawInput);
  return ctx.db.transaction(async (tx) => {
    const row = await findCustomerRow(tx, ctx, ref);
    if (!row) throw notFound("customer.not_found", `No customer "${ref}" in this workspace.`, "customer");
    if (row.role === "company_user") {
      throw conflict("customer.already_company_user", `${row.email} is already a company user.`);
    }
    const company = await resolveCompany(tx, ctx, input.company);
    const [updated] = await tx
      .update(customers)
      .set({ role: "company_user", companyId: company.id })
      .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.id, row.id)))
      .returning();
    if (!updated) throw new Error("customer update returned nothing");
    await recordAudit(tx, ctx, {
      action: "customer.converted",
      target: { type: "customer", id: row.id },
      details: { email: row.email, company: company.id, companyName: company.name, from: row.role, to: "company_user" },
    });
    return toCustomer(updated);
  });
}
