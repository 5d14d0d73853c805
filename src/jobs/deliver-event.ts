import { and, eq } from "drizzle-orm";
import type { DomainEvent, EventType } from "../core/kernel/index.js";
import { listenerReceipts, outboxEvents } from "../db/schema/index.js";
import type { JobDeps } from "./deps.js";

type OutboxRow = typeof outboxEvents.$inferSelect;

function toEvent(row: OutboxRow): DomainEvent {
  return {
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
}

/**
 * Runs one listener for one event. For a transactional listener the receipt
 * and the listener's own writes share a transaction: a retry after a crash
 * either finds the receipt (skip) or redoes everything. A non-transactional
 * listener (HTTP, SMTP) runs first and is receipted after it succeeds: at
 * least once.
 */
export async function deliverEvent(deps: JobDeps, data: { eventId: string; listener: string }): Promise<void> {
  const listener = deps.listeners().find((l) => l.name === data.listener);
  if (!listener) {
    deps.log("no such listener; event skipped", data);
    return;
  }
  const { db } = deps.database;
  if (listener.transactional === false) {
    const [done] = await db
      .select({ id: listenerReceipts.eventId })
      .from(listenerReceipts)
      .where(and(eq(listenerReceipts.listener, listener.name), eq(listenerReceipts.eventId, data.eventId)));
    if (done) return;
    const [row] = await db.select().from(outboxEvents).where(eq(outboxEvents.id, data.eventId));
    if (!row) return;
    await listener.handle(toEvent(row), { tx: db, clock: deps.clock });
    await db
      .insert(listenerReceipts)
      .values({ listener: listener.name, eventId: row.id, processedAt: new Date() })
      .onConflictDoNothing();
    return;
  }
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(outboxEvents).where(eq(outboxEvents.id, data.eventId));
    if (!row) return;
    const inserted = await tx
      .insert(listenerReceipts)
      .values({ listener: listener.name, eventId: row.id, processedAt: new Date() })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return; // already handled
    await listener.handle(toEvent(row), { tx, clock: deps.clock });
  });
}
