import type { Level } from "../../../common/enums.js";
import { effectivePriority, levelNumber } from "../../../common/priority.js";
import { SLA_HOURS, slaDeadline } from "../../../common/sla-defaults.js";
import { type Ctx, conflict, invalid, parseInput } from "../kernel/index.js";
import { resolveCompany, resolveTeam } from "../people/index.js";
import { loadTicket, type TicketRef } from "./load.js";
import { applyTicketChange } from "./record-change.js";
import { updateTicketInput } from "./schemas.js";
import type { Ticket, TicketRow } from "./ticket.js";

/** Changes a ticket's fields; a new urgency or importance recomputes priority and SLA deadline. */
export async function updateTicket(ctx: Ctx, ref: TicketRef, rawInput: unknown): Promise<Ticket> {
  const input = parseInput(updateTicketInput, rawInput);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { row, prefix } = await loadTicket(tx, ctx, ref, "ticket:update", { forUpdate: true });
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw conflict(
        "ticket.stale",
        `Ticket changed since you loaded it (version ${input.expectedVersion}, now ${row.version}); reload and retry.`,
        { expectedVersion: input.expectedVersion, version: row.version },
      );
    }
    const patch: Partial<TicketRow> = {};
    if (input.subject !== undefined) patch.subject = input.subject;
    if (input.description !== undefined) patch.description = input.description;
    if (input.category !== undefined) patch.category = input.category;
    if (input.type !== undefined) patch.type = input.type;
    if (input.dueAt !== undefined) {
      const status = row.status as string;
      if (status === "closed" || status === "cancelled") {
        throw invalid("ticket.final", `Ticket is ${status}; its due date can no longer change.`, "dueAt");
      }
      patch.dueAt = input.dueAt === null ? null : new Date(input.dueAt);
    }
    if (input.customFields !== undefined)
      patch.customFields = { ...(row.customFields as object), ...input.customFields };
    if (input.tags !== undefined || input.addTags || input.removeTags) {
      const tags = new Set(input.tags ?? row.tags);
      for (const t of input.addTags ?? []) tags.add(t);
      for (const t of input.removeTags ?? []) tags.delete(t);
      patch.tags = [...tags];
    }
    if (input.team !== undefined)
      patch.teamId = input.team === null ? null : (await resolveTeam(tx, ctx, input.team)).id;
    if (input.company !== undefined) {
      patch.companyId = input.company === null ? null : (await resolveCompany(tx, ctx, input.company)).id;
    }
    const urgency = input.urgency ?? input.priority ?? (row.urgency as Level);
    const importance = input.importance ?? input.priority ?? (row.importance as Level);
    if (urgency !== row.urgency || importance !== row.importance) {
      const priority = levelNumber(effectivePriority(urgency, importance));
      patch.urgency = urgency;
      patch.importance = importance;
      patch.priority = priority;
      patch.slaHours = SLA_HOURS[priority];
      patch.slaDueAt = slaDeadline(row.createdAt, SLA_HOURS[priority]);
    }
    const { ticket } = await applyTicketChange(
      tx,
      ctx,
      row,
      prefix,
      { action: "updated", eventType: "ticket.updated", patch },
      now,
    );
    return ticket;
  });
}
