import { and, eq } from "drizzle-orm";
import type { CustomerRole } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { companies, customers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, invalid, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
import { resolveCompany } from "./companies.js";
import type { Customer } from "./people.js";
import { createCustomerInput } from "./schemas.js";

export function toCustomer(row: typeof customers.$inferSelect): Customer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    companyId: row.companyId,
    role: row.role as CustomerRole,
    createdAt: row.createdAt,
  };
}

async function companyForDomain(tx: Tx, ctx: Ctx, email: string): Promise<string | null> {
  const domain = email.split("@")[1];
  if (!domain) return null;
  const [row] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.domain, domain)));
  return row?.id ?? null;
}

/** Adds a customer; one whose email domain belongs to a company joins it as a company user. */
export async function createCustomer(ctx: Ctx, input: unknown): Promise<Customer> {
  authorize(ctx.actor, "customer:manage");
  const data = parseInput(createCustomerInput, input);
  const [existing] = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.email, data.email)));
  if (existing) throw conflict("customer.exists", `A customer with email ${data.email} already exists.`);
  const companyId = data.company
    ? (await resolveCompany(ctx.db, ctx, data.company)).id
    : await companyForDomain(ctx.db, ctx, data.email);
  const role = data.role ?? (companyId ? "company_user" : "customer");
  if (role === "company_user" && !companyId) {
    throw invalid("customer.company_required", "company: a company user needs a company.", "company");
  }
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(customers)
    .values({
      id: newId(now),
      workspaceId: ctx.workspaceId,
      email: data.email,
      name: data.name ?? null,
      companyId,
      role,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict("customer.exists", `A customer with email ${data.email} already exists.`);
  return toCustomer(row);
}

/**
 * The customer with this email, created on first contact (B2C). A new
 * customer whose email domain belongs to a company joins that company (B2B).
 */
export async function findOrCreateCustomer(
  tx: Tx,
  ctx: Ctx,
  email: string,
  name: string | null,
  now: Date,
): Promise<Customer> {
  const [found] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.email, email)));
  if (found) return toCustomer(found);
  const companyId = await companyForDomain(tx, ctx, email);
  const [row] = await tx
    .insert(customers)
    .values({
      id: newId(now),
      workspaceId: ctx.workspaceId,
      email,
      name,
      companyId,
      role: companyId ? "company_user" : "customer",
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (row) return toCustomer(row);
  // A concurrent first contact created it: read theirs.
  const [again] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.email, email)));
  if (!again) throw new Error(`customer ${email} could not be created`);
  return toCustomer(again);
}

/** The workspace's customer with this id or email; undefined when there is none. */
export async function findCustomerRow(
  tx: Tx,
  ctx: Ctx,
  ref: string,
): Promise<typeof customers.$inferSelect | undefined> {
  const key = ref.trim().toLowerCase();
  const [row] = await tx
    .select()
    .from(customers)
    .where(
      and(eq(customers.workspaceId, ctx.workspaceId), isUuid(key) ? eq(customers.id, key) : eq(customers.email, key)),
    );
  return row;
}

/** One customer: staff read anyone, a customer only themself (others do not exist for them). */
export async function getCustomer(ctx: Ctx, ref: string): Promise<Customer> {
  const missing = () => notFound("customer.not_found", `No customer "${ref}" in this workspace.`, "customer");
  if (ctx.actor.type === "customer") {
    const row = await findCustomerRow(ctx.db, ctx, ref);
    if (!row || row.id !== ctx.actor.id) throw missing();
    return toCustomer(row);
  }
  authorize(ctx.actor, "people:read");
  const row = await findCustomerRow(ctx.db, ctx, ref);
  if (!row) throw missing();
  return toCustomer(row);
}
