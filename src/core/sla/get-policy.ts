import { and, eq, or } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { slaPolicies } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import { type Ctx, notFound } from "../kernel/index.js";
import type { SlaPolicy } from "./policy.js";
import { loadPolicies, toPolicy } from "./policy-store.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A policy of the workspace by id or name (case-insensitive). */
export async function findPolicyRow(tx: Tx, ctx: Ctx, ref: string) {
  const byName = eq(slaPolicies.name, ref);
  const [row] = await tx
    .select()
    .from(slaPolicies)
    .where(
      and(eq(slaPolicies.workspaceId, ctx.workspaceId), UUID.test(ref) ? or(eq(slaPolicies.id, ref), byName) : byName),
    );
  if (row) return row;
  const all = await loadPolicies(tx, ctx.workspaceId);
  const folded = all.find((p) => p.name.toLowerCase() === ref.toLowerCase());
  if (folded?.id) {
    const [again] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, folded.id));
    if (again) return again;
  }
  const names = all.map((p) => p.name);
  throw notFound(
    "sla_policy.not_found",
    `No SLA policy "${ref}" in this workspace${names.length ? ` (there are: ${names.join(", ")})` : ""}.`,
    "policy",
  );
}

export async function getPolicy(ctx: Ctx, ref: string): Promise<SlaPolicy> {
  authorize(ctx.actor, "automation:read");
  return toPolicy(await findPolicyRow(ctx.db, ctx, ref));
}

/** The workspace's policies in the order they are tried; the built-in default applies after them. */
export async function listPolicies(ctx: Ctx): Promise<SlaPolicy[]> {
  authorize(ctx.actor, "automation:read");
  return loadPolicies(ctx.db, ctx.workspaceId);
}
