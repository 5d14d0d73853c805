import { and, desc, eq, gte, inArray, like, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { agents, auditLog, customers } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import {
  badCursor,
  type Ctx,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  isUuid,
  MAX_PAGE_SIZE,
  type Page,
  parseInput,
} from "../kernel/index.js";
import type { AuditOutcome } from "./record-audit.js";

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .describe("ISO-8601 date or timestamp (a date means its midnight UTC)");

export const auditQueryInput = z
  .object({
    action: z
      .string()
      .trim()
      .regex(/^[a-z0-9_.:-]+\*?$/i, "use an action like agent.role_changed, or a prefix ending in * (agent.*)")
      .max(100)
      .optional(),
    actor: z.string().trim().min(1).max(320).optional().describe("the acting person's id or email"),
    from: instant.optional().describe("at or after this instant"),
    to: instant.optional().describe("before this instant"),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type AuditQueryInput = z.input<typeof auditQueryInput>;

export interface AuditRecord {
  id: number;
  actor: { type: string; id: string | null; name?: string; email?: string };
  action: string;
  target: { type: string; id: string | null } | null;
  outcome: AuditOutcome;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

type ActorJson = { type?: unknown; id?: unknown; name?: unknown; email?: unknown };

/** Ids of the workspace's people with this email (agents and customers). */
async function peopleWithEmail(ctx: Ctx, key: string): Promise<string[]> {
  const [a, c] = await Promise.all([
    ctx.db
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.workspaceId, ctx.workspaceId), eq(agents.email, key))),
    ctx.db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.workspaceId, ctx.workspaceId), eq(customers.email, key))),
  ]);
  return [...a, ...c].map((r) => r.id);
}

/** Emails of the agents and customers who acted in these rows, to show people rather than ids. */
async function emailsOf(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const [a, c] = await Promise.all([
    ctx.db
      .select({ id: agents.id, email: agents.email })
      .from(agents)
      .where(and(eq(agents.workspaceId, ctx.workspaceId), inArray(agents.id, ids))),
    ctx.db
      .select({ id: customers.id, email: customers.email })
      .from(customers)
      .where(and(eq(customers.workspaceId, ctx.workspaceId), inArray(customers.id, ids))),
  ]);
  for (const r of [...a, ...c]) out.set(r.id, r.email);
  return out;
}

/** The workspace's audit log, newest first, filtered by action, actor and time. Superadmins only. */
export async function listAudit(ctx: Ctx, rawInput: unknown = {}): Promise<Page<AuditRecord>> {
  const input = parseInput(auditQueryInput, rawInput);
  authorize(ctx.actor, "audit:read");
  const where: (SQL | undefined)[] = [eq(auditLog.workspaceId, ctx.workspaceId)];
  if (input.action) {
    where.push(
      input.action.endsWith("*")
        ? like(auditLog.action, `${input.action.slice(0, -1).replace(/[\\%_]/g, "\\$&")}%`)
        : eq(auditLog.action, input.action),
    );
  }
  if (input.actor) {
    const actorId = sql<string>`${auditLog.actor}->>'id'`;
    if (isUuid(input.actor)) where.push(eq(actorId, input.actor.toLowerCase()));
    else {
      // A person of the workspace, or an email that was tried at sign-in.
      const email = input.actor.toLowerCase();
      const ids = await peopleWithEmail(ctx, email);
      const tried = eq(sql<string>`${auditLog.actor}->>'email'`, email);
      where.push(ids.length > 0 ? or(inArray(actorId, ids), tried) : tried);
    }
  }
  if (input.from) where.push(gte(auditLog.createdAt, new Date(input.from)));
  if (input.to) where.push(lt(auditLog.createdAt, new Date(input.to)));
  if (input.cursor) {
    const [id] = decodeCursor(input.cursor, 1);
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) throw badCursor();
    where.push(lt(auditLog.id, id));
  }
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const actorIds = page
    .map((r) => (r.actor as ActorJson).id)
    .filter((id): id is string => typeof id === "string" && isUuid(id));
  const emails = await emailsOf(ctx, [...new Set(actorIds)]);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const a = r.actor as ActorJson;
      const id = typeof a.id === "string" ? a.id : null;
      const email = (id ? emails.get(id) : undefined) ?? (typeof a.email === "string" ? a.email : undefined);
      return {
        id: r.id,
        actor: {
          type: typeof a.type === "string" ? a.type : "unknown",
          id,
          ...(typeof a.name === "string" ? { name: a.name } : {}),
          ...(email ? { email } : {}),
        },
        action: r.action,
        target: r.targetType ? { type: r.targetType, id: r.targetId } : null,
        outcome: r.outcome as AuditOutcome,
        ip: r.ip,
        userAgent: r.userAgent,
        details: (r.details ?? {}) as Record<string, unknown>,
        createdAt: r.createdAt,
      };
    }),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
  };
}
