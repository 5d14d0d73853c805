import { and, asc, eq } from "drizzle-orm";
import type { CustomerRole } from "../../../common/enums.js";
import type { Tx } from "../../db/connection.js";
import { companies, customers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, conflict, isUuid, newId, notFound, parseInput } from "../kernel/index.js";
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

export async function createCustomer(ctx: Ctx, input: unknown): Promise<Customer> {
  authorize(ctx.actor, "people:manage");
  const data = parseInput(createCustomerInput, input);
  const [existing] = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.email, data.email)));
  if (existing) throw conflict("customer.exists", `A customer with email ${data.email} already exists.`);
  const companyId = data.company
    ? (await resolveCompany(ctx.db, ctx, data.company)).id
    : await companyForDomain(ctx.db, ctx, data.email);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(customers)
    .values({
      id: newId(now),
      workspaceId: ctx.workspaceId,
      email: data.email,
      name: data.name ?? null,
      companyId,
      role: data.role ?? (companyId ? "company_user" : "customer"),
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error("customer insert returned nothing");
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

export async function getCustomer(ctx: Ctx, ref: string): Promise<Customer> {
  if (!(ctx.actor.type === "customer" && ctx.actor.id === ref)) authorize(ctx.actor, "people:read");
  const key = ref.trim().toLowerCase();
  const [row] = await ctx.db
    .select()
    .from(customers)
    .where(
      and(eq(customers.workspaceId, ctx.workspaceId), isUuid(key) ? eq(customers.id, key) : eq(customers.email, key)),
    );
  if (!row) throw notFound("customer.not_found", `No customer "${ref}" in this workspace.`, "customer");
  return toCustomer(row);
}

export async function listCustomers(ctx: Ctx): Promise<Customer[]> {
  authorize(ctx.actor, "people:read");
  const rows = await ctx.db
    .select()
    .from(customers)
    .where(eq(customers.workspaceId, ctx.workspaceId))
    .orderBy(asc(customers.email))
    .limit(1000);
  return rows.map(toCustomer);
}
