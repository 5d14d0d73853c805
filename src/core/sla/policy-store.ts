/**
 * Loading SLA policies for the engine: rows → SlaPolicy, conditions prepared
 * once per policy version (and re-prepared after a minute, so a renamed team
 * or company is noticed), the first matching policy for a ticket.
 */
import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../db/connection.js";
import { slaPolicies } from "../../db/schema/index.js";
import { calendarFor } from "../calendars/index.js";
import { type Clock, type Ctx, systemActor } from "../kernel/index.js";
import { matches, matchRecordOf, type Predicate, prepareQuery } from "../query/index.js";
import { type TicketRow, toTicket } from "../tickets/index.js";
import { DEFAULT_POLICY, type EscalationLevel, type SlaPolicy, type Targets } from "./policy.js";

type PolicyRow = typeof slaPolicies.$inferSelect;

export function toPolicy(row: PolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    condition: row.condition,
    calendarId: row.calendarId,
    targets: row.targets as Targets,
    pauseStatuses: row.pauseStatuses,
    warningShare: row.warningShare,
    escalations: row.escalations as EscalationLevel[],
    updatedAt: row.updatedAt,
  };
}

const TTL_MS = 60_000;
const predicates = new Map<string, { predicate: Predicate | null; at: number }>();

/** The workspace's policies in order (enabled or not). */
export async function loadPolicies(tx: Tx, workspaceId: string): Promise<SlaPolicy[]> {
  const rows = await tx
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.name));
  return rows.map(toPolicy);
}

/** A policy's condition as a predicate (null: matches every ticket). Throws query.invalid when broken. */
export async function policyPredicate(tx: Tx, workspaceId: string, clock: Clock, policy: SlaPolicy) {
  if (!policy.condition.trim()) return null;
  const key = `${policy.id}:${policy.updatedAt?.getTime()}`;
  const now = clock.now().getTime();
  const hit = predicates.get(key);
  if (hit && now - hit.at < TTL_MS && now >= hit.at) return hit.predicate;
  const ctx: Ctx = { actor: systemActor("sla"), workspaceId, db: tx as Ctx["db"], clock };
  const prepared = await prepareQuery(ctx, policy.condition);
  predicates.set(key, { predicate: prepared.predicate, at: now });
  if (predicates.size > 5000) predicates.clear();
  return prepared.predicate;
}

/**
 * The first enabled policy whose condition matches the ticket, else the
 * built-in default. A policy whose condition no longer prepares (a team it
 * names was deleted) is skipped, and `skipped` says which.
 */
export async function policyForTicket(
  tx: Tx,
  workspaceId: string,
  clock: Clock,
  policies: readonly SlaPolicy[],
  ticket: TicketRow,
  prefix: string,
): Promise<{ policy: SlaPolicy; skipped: string[] }> {
  const record = matchRecordOf(toTicket(ticket, prefix));
  const skipped: string[] = [];
  for (const policy of policies) {
    if (!policy.enabled) continue;
    let predicate: Predicate | null;
    try {
      predicate = await policyPredicate(tx, workspaceId, clock, policy);
    } catch {
      skipped.push(policy.name);
      continue;
    }
    if (predicate === null || matches(predicate, record)) return { policy, skipped };
  }
  return { policy: DEFAULT_POLICY, skipped };
}

/**
 * The calendar of a policy's business-hours targets. `calendarFor` returns the same object
 * while the stored calendar is unchanged, so business-time arithmetic keeps its per-object cache.
 */
export async function policyCalendar(tx: Tx, workspaceId: string, _clock: Clock, calendarId: string | null) {
  return calendarFor(tx, workspaceId, calendarId);
}
