import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ruleFirings } from "../../db/schema/index.js";
import { authorize } from "../access/index.js";
import {
  type Ctx,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Page,
  parseInput,
} from "../kernel/index.js";
import { loadTicket } from "../tickets/index.js";
import type { FiringOutcome } from "./fire-rule.js";
import { loadRuleRow } from "./rule-store.js";

export const listFiringsInput = z
  .object({
    /** Firings on this ticket (number or id). */
    ticket: z.union([z.string().trim().min(1).max(100), z.number().int().positive()]).optional(),
    /** Firings of this rule (id or name). */
    rule: z.string().trim().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListFiringsInput = z.input<typeof listFiringsInput>;

/** One entry of the firing log: which rule (or escalation level) fired on which ticket, and what it did. */
export interface RuleFiring {
  id: number;
  /** Null for SLA escalation levels and for rules deleted since. */
  ruleId: string | null;
  ruleName: string;
  ticketId: string;
  /** The event that triggered it (null for time rules and escalations). */
  eventId: string | null;
  /** 1 for a firing on a person's change or a schedule; one more per rule-caused event in a chain. */
  depth: number;
  outcome: FiringOutcome;
  firedAt: Date;
}

/** The firing log, newest first (automation:read; a ticket's firings need the ticket to be visible). */
export async function listFirings(ctx: Ctx, rawInput: unknown = {}): Promise<Page<RuleFiring>> {
  authorize(ctx.actor, "automation:read");
  const input = parseInput(listFiringsInput, rawInput);
  const where: SQL[] = [eq(ruleFirings.workspaceId, ctx.workspaceId)];
  if (input.ticket !== undefined) {
    const { row } = await loadTicket(ctx.db, ctx, input.ticket, "ticket:read");
    where.push(eq(ruleFirings.ticketId, row.id));
  }
  if (input.rule !== undefined) {
    const rule = await loadRuleRow(ctx.db, ctx.workspaceId, input.rule);
    where.push(eq(ruleFirings.ruleId, rule.id));
  }
  if (input.cursor) {
    const [id] = decodeCursor(input.cursor, 1);
    where.push(lt(ruleFirings.id, Number(id)));
  }
  const rows = await ctx.db
    .select()
    .from(ruleFirings)
    .where(and(...where))
    .orderBy(desc(ruleFirings.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      ruleId: r.ruleId,
      ruleName: r.ruleName,
      ticketId: r.ticketId,
      eventId: r.eventId,
      depth: r.depth,
      outcome: r.outcome as FiringOutcome,
      firedAt: r.firedAt,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
  };
}
