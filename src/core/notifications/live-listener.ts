/**
 * Live in-app delivery: after the fan-out has written an event's in-app
 * notifications, each recipient's realtime channel (`agent:<id>`) gets the
 * notification and their unread count. Best effort: the rows are the truth,
 * and a client that reconnects reads the list and the count again.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/connection.js";
import { listenerReceipts, notifications } from "../../db/schema/index.js";
import { type Ctx, conflict, type EventListener } from "../kernel/index.js";
import {
  countUnread,
  type InAppNotification,
  notificationOwner,
  selectNotifications,
  toInAppNotification,
} from "./inbox/in-app-notification.js";
import type { RealtimeBus } from "./types.js";

/** A notification as it travels on the realtime bus (small: a PostgreSQL NOTIFY payload is ≤ 8000 bytes). */
export interface LiveNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  ticket: { id: string; number: string } | null;
  eventId: string;
  createdAt: string;
  readAt: string | null;
}

/** What an agent's realtime channel carries. */
export type LiveMessage =
  | { type: "notification"; notification: LiveNotification; unreadCount: number }
  | { type: "unread"; unreadCount: number };

export const LIVE_LISTENER = "notifications.live";
/** The body is cut to this many characters on the bus (the list has it whole). */
const LIVE_BODY_CHARS = 500;
const LIVE_TITLE_CHARS = 300;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const liveChannel = (agentId: string) => `agent:${agentId}`;

export function toLiveNotification(n: InAppNotification): LiveNotification {
  return {
    id: n.id,
    kind: n.kind,
    title: cut(n.title, LIVE_TITLE_CHARS),
    body: cut(n.body, LIVE_BODY_CHARS),
    link: n.link,
    ticket: n.ticket,
    eventId: n.eventId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

async function handled(db: Db | Tx, listener: string, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: listenerReceipts.eventId })
    .from(listenerReceipts)
    .where(and(eq(listenerReceipts.listener, listener), eq(listenerReceipts.eventId, eventId)));
  return row !== undefined;
}

/**
 * The "notifications.live" listener. It hears the events `after` (the fan-out
 * listener, which writes the rows in its delivery transaction) hears, and
 * publishes the rows of each event. Delivery order between two listeners is not
 * guaranteed (the worker runs one job per listener and event), so when `after`
 * has not handled the event yet this throws and the outbox delivers it again
 * later (the worker retries with backoff; `desk.runPending()` runs listeners in
 * registration order, so the fan-out, registered first, has run by then).
 * Without `after` it publishes whatever rows exist.
 */
export function liveNotificationsListener(
  bus: RealtimeBus,
  after?: Pick<EventListener, "name" | "events">,
): EventListener {
  return {
    name: LIVE_LISTENER,
    events: after?.events ?? "*",
    transactional: false,
    async handle(event, { tx }) {
      const rows = await selectNotifications(tx).where(
        and(eq(notifications.workspaceId, event.workspaceId), eq(notifications.eventId, event.id)),
      );
      if (rows.length === 0) {
        if (after && !(await handled(tx, after.name, event.id))) {
          throw new Error(`"${after.name}" has not handled event ${event.id} yet; live delivery is retried after it`);
        }
        return;
      }
      for (const row of rows) {
        const unreadCount = await countUnread(tx, event.workspaceId, row.agentId);
        const message: LiveMessage = {
          type: "notification",
          notification: toLiveNotification(toInAppNotification(row)),
          unreadCount,
        };
        await bus.publish(liveChannel(row.agentId), message as unknown as Record<string, unknown>);
      }
    },
  };
}

/** Tells the agent's open connections their unread count (after they read something). Never throws. */
export async function publishUnreadCount(
  db: Db | Tx,
  bus: RealtimeBus | undefined,
  workspaceId: string,
  agentId: string,
): Promise<void> {
  if (!bus) return;
  try {
    const message: LiveMessage = { type: "unread", unreadCount: await countUnread(db, workspaceId, agentId) };
    await bus.publish(liveChannel(agentId), message as unknown as Record<string, unknown>);
  } catch {
    // Best effort: the next list or reconnect shows the right count.
  }
}

/**
 * Subscribes the caller (an agent) to their live notifications; resolves to
 * the unsubscribe function. Customers are refused.
 */
export async function subscribeNotifications(
  ctx: Ctx,
  bus: RealtimeBus | undefined,
  onMessage: (message: LiveMessage) => void,
): Promise<() => Promise<void>> {
  const agentId = notificationOwner(ctx);
  if (!bus) {
    throw conflict("notifications.live_off", "Live notifications are off in this process: it has no realtime bus.");
  }
  return bus.subscribe(liveChannel(agentId), (m) => onMessage(m as unknown as LiveMessage));
}
