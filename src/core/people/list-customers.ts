import { and, asc, eq, like, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { CUSTOMER_ROLES } from "../../../common/enums.js";
import { customers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, type Page, parseInput } from "../kernel/index.js";
import { resolveCompany } from "./companies.js";
import { toCustomer } from "./customers.js";
import { likePrefix, pageFrom, pageInput, textCursor } from "./paging.js";
import type { Customer } from "./people.js";

export const listCustomersInput = z
  .object({
    /** A company id or name. */
    company: z.string().trim().min(1).max(320).optional(),
    /** The start of the email address. */
    q: z.string().trim().min(1).max(320).optional(),
    role: z.enum(CUSTOMER_ROLES).optional(),
    ...pageInput,
  })
  .strict();
export type ListCustomersInput = z.input<typeof listCustomersInput>;

/** The workspace's customers by email, optionally of one company or matching an email prefix. */
export async function listCustomers(ctx: Ctx, rawInput: unknown = {}): Promise<Page<Customer>> {
  const input = parseInput(listCustomersInput, rawInput);
  authorize(ctx.actor, "people:read");
  const where: (SQL | undefined)[] = [eq(customers.workspaceId, ctx.workspaceId)];
  if (input.company) where.push(eq(customers.companyId, (await resolveCompany(ctx.db, ctx, input.company)).id));
  if (input.q) where.push(like(customers.email, likePrefix(input.q.toLowerCase())));
  if (input.role) where.push(eq(customers.role, input.role));
  if (input.cursor) {
    const c = textCursor(input.cursor);
    where.push(sql`(${customers.email}, ${customers.id}) > (${c.key}, ${c.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(and(...where))
    .orderBy(asc(customers.email), asc(customers.id))
    .limit(input.limit + 1);
  return pageFrom(rows, input.limit, (r) => [r.email, r.id], toCustomer);
}
