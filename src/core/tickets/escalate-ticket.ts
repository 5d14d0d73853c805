import type { Level, TicketStatus } from "../../../common/enums.js";
import { effectivePriority, escalateLevels, levelNumber } from "../../../common/priority.js";
import { SLA_HOURS, slaDeadline } from "../../../common/sla-defaults.js";
import { type Ctx, invalid, parseInput } from "../kernel/index.js";
import { loadTicket, type TicketRef } from "./load.js";
import { applyTicketChange } from "./record-change.js";
import { escalateInput } from "./schemas.js";
import { isActiveStatus } from "./status-machine.js";
import type { Ticket } from "./ticket.js";

/**
 * Seed 002's escalate: priority one level up (toward critical), the SLA
 * deadline recomputed from creation with the new window, and an internal
 * note with the reason. The escalation level counts every escalation, also
 * of a ticket that is already critical.
 */
export async function escalateTicket(ctx: Ctx, ref: TicketRef, rawInput: unknown = {}): Promise<Ticket> {
  const input = parseInput(escalateInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { row, prefix } = await loadTicket(tx, ctx, ref, "ticket:escalate", { forUpdate: true });
    if (!isActiveStatus(row.status as TicketStatus)) {
      throw invalid("ticket.not_active", `A ${row.status} ticket cannot be escalated; reopen it first.`, "status");
    }
    const next = escalateLevels(row.urgency as Level, row.importance as Level);
    const priority = levelNumber(effectivePriority(next.urgency, next.importance));
    const slaHours = SLA_HOURS[priority];
    const level = row.escalationLevel + 1;
    const note = `Escalated to level ${level}${priority < row.priority ? ` (priority ${effectivePriority(next.urgency, next.importance)})` : " (already critical)"}${input.reason ? `: ${input.reason}` : "."}`;
    const { ticket } = await applyTicketChange(
      tx,
      ctx,
      row,
      prefix,
      {
        action: "escalated",
        eventType: "ticket.escalated",
        patch: {
          urgency: next.urgency,
          importance: next.importance,
          priority,
          slaHours,
          slaDueAt: slaDeadline(row.createdAt, slaHours),
          escalationLevel: level,
        },
        entries: [{ ticketId: row.id, kind: "note", body: note }],
        payload: { reason: input.reason, level },
      },
      now,
    );
    return ticket;
  });
}
