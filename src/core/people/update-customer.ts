import { and, eq } from "drizzle-orm";
import { customers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { recordAudit } from "../audit/index.js";
import { type Ctx, notFound, parseInput } from "../kernel/index.js";
import { resolveCompany } from "./companies.js";
import { findCustomerRow, toCustomer } from "./customers.js";
import type { Customer } from "./people.js";
import { updateCustomerInput } from "./schemas.js";

/**
 * Renames a customer or changes their company. An individual customer given a
 * company stays an individual (use convert to make them a company user); a company
 * user moved to another company sees that company's tickets instead (managers
 * only, as with convert: it grants access), and one whose company is removed
 * becomes an individual customer. Company changes are audited.
 */
export async function updateCustomer(ctx: Ctx, ref: string, rawInput: unknown): Promise<Customer> {
  authorize(ctx.actor, "customer:manage");
  const input = parseInput(updateCustomerInput, rawInput);
  return ctx.db.transaction(async (tx) => {
    const row = await findCustomerRow(tx, ctx, ref);
    if (!row) throw notFound("customer.not_found", `No customer "${ref}" in this workspace.`, "customer");
    const companyId =
      input.company === undefined
        ? row.companyId
        : input.company === null
          ? null
          : (await resolveCompany(tx, ctx, input.company)).id;
    const role = companyId === null ? "customer" : row.role;
    if (role === "company_user" && companyId !== row.companyId) authorize(ctx.actor, "people:manage");
    const [updated] = await tx
      .update(customers)
      .set({ ...(input.name !== undefined ? { name: input.name } : {}), companyId, role })
      .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.id, row.id)))
      .returning();
    if (!updated) throw new Error("customer update returned nothing");
    if (companyId !== row.companyId || role !== row.role) {
      await recordAudit(tx, ctx, {
        action: "customer.company_changed",
        target: { type: "customer", id: row.id },
        details: { email: row.email, from: row.companyId, to: companyId, role },
      });
    }
    return toCustomer(updated);
  });
}
