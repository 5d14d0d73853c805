import { eq } from "drizzle-orm";
import type { DomainEvent, EventType } from "../core/kernel/index.js";
import { listenerReceipts, outboxEvents } from "../db/schema/index.js";
import type { JobDeps } from "./deps.js";

/**
 * Runs one listener for one event. The receipt and the listener's own writes
 * share a transaction: a retry after a crash either finds the receipt (skip)
 * or redoes everything.
 */
export async function deliverEvent(deps: JobDeps, data: { eventId: string; listener: string }): Promise<void> {
  const listener = deps.listeners().find((l) => l.name === data.listener);
  if (!listener) {
    deps.log("no such listener; event skipped", data);
    return;
  }
  const { db } = deps.database;
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(outboxEvents).where(eq(outboxEvents.id, data.eventId));
    if (!row) return;
    const inserted = await tx
      .insert(listenerReceipts)
      .values({ listener: listener.name, eventId: row.id, processedAt: new Date() })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return; // already handled
    const event: DomainEvent = {
      id: row.id,
      seq: row.seq,
      workspaceId: row.workspaceId,
      type: row.type as EventType,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      actor: row.actor as DomainEvent["actor"],
      payload: row.payload as Record<string, unknown>,
      occurredAt: row.occurredAt.toISOString(),
    };
    await listener.handle(event, { tx });
  });
}
