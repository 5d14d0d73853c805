import { type CommittedEvent, type RealtimeBus, type TicketChanged, workspaceLiveChannel } from "./types.js";

/**
 * Tells agents' screens that tickets changed: called by the outbox dispatcher
 * right after it claims committed events (it is woken by every local commit,
 * so this is milliseconds after the change). Best effort: a message lost while
 * the bus is down only delays a screen until its next refetch.
 */
export async function publishTicketChanges(bus: RealtimeBus, events: readonly CommittedEvent[]): Promise<void> {
  for (const e of events) {
    if (e.subjectType !== "ticket") continue;
    const message: TicketChanged = {
      type: "ticket",
      ticketId: e.subjectId,
      event: e.type,
      eventId: e.id,
      actor: e.actor,
      at: e.occurredAt.toISOString(),
    };
    await bus.publish(workspaceLiveChannel(e.workspaceId), { ...message });
  }
}
